-- Fenliu schema, version 3, MySQL 8.0.16+ / MariaDB 10.4+: saved transfer plans and their progress (JdbcTransferPlans, R3, R8). Migrates
-- version 2; FenliuSchema.apply(dataSource) runs it after V2 (or alone on a version-2 database), or your migration
-- tool does (Flyway: locations=classpath:fenliu-schema/mysql). Statements end with a semicolon at the end of a line;
-- nothing else in this file may. Instants are microseconds since the epoch (UTC), as in version 1.

-- One row per saved plan (R8): its TransferPlanCodec bytes, how many moves it holds, when it was saved and, once
-- every move has a final outcome, when a resume found it finished. A shop's plans with no finished_at_us are the
-- ones a restarted host resumes.
CREATE TABLE fenliu_transfer_plan (
  shop_id VARCHAR(128) NOT NULL,
  plan_id VARCHAR(128) NOT NULL,
  moves INTEGER NOT NULL,
  saved_at_us BIGINT NOT NULL,
  finished_at_us BIGINT,
  plan_bytes LONGBLOB NOT NULL,
  CONSTRAINT fenliu_transfer_plan_pk PRIMARY KEY (shop_id, plan_id),
  CONSTRAINT fenliu_transfer_plan_moves_ck CHECK (moves >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The progress of each move of a saved plan, idx being its place in the plan: PENDING until an application's
-- outcome is recorded. MOVED, ALREADY_AT_TARGET, CONFLICT and TARGET_INVALID are final and never overwritten;
-- FAILED is tried again by the next resume (attempts counts the outcomes recorded). reason: the outcome's detail
-- for an operator, cut at 1,000 characters; NULL for MOVED. The outcomes of one chunk of moves are written in one
-- transaction, after the chunk's relationships were written.
CREATE TABLE fenliu_transfer_move (
  shop_id VARCHAR(128) NOT NULL,
  plan_id VARCHAR(128) NOT NULL,
  idx INTEGER NOT NULL,
  buyer_id VARCHAR(128) NOT NULL,
  status VARCHAR(32) NOT NULL,
  attempts INTEGER NOT NULL,
  reason VARCHAR(1000),
  CONSTRAINT fenliu_transfer_move_pk PRIMARY KEY (shop_id, plan_id, idx),
  CONSTRAINT fenliu_transfer_move_ck CHECK (idx >= 0 AND attempts >= 0 AND status IN ('PENDING', 'MOVED',
    'ALREADY_AT_TARGET', 'CONFLICT', 'TARGET_INVALID', 'FAILED'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

UPDATE fenliu_schema_version SET version = 3 WHERE component = 'fenliu';
