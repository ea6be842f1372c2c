-- Fenliu schema, version 2, MySQL 8.0.16+ / MariaDB 10.4+: the durable router (DurableRouter, R20, R22, R25, R26). Migrates version 1;
-- FenliuSchema.apply(dataSource) runs it after V1 (or alone on a version-1 database), or your migration tool does
-- (Flyway: locations=classpath:fenliu-schema/mysql). Statements end with a semicolon at the end of a line;
-- nothing else in this file may. Instants: seconds and nanoseconds where Fenliu keeps nanoseconds (R21, R25),
-- milliseconds where the router keeps milliseconds (queue waits, R22), microseconds as in version 1.

-- The decision that seated an open consultation (R19): a repeated id answers with it after a reload, as before the
-- crash (R25). NULL for rows written by JdbcOpenConsultationStore: such a seat is reported as restored.
ALTER TABLE fenliu_open_consultation ADD COLUMN step VARCHAR(32);
ALTER TABLE fenliu_open_consultation ADD COLUMN reason TEXT;

-- One row per durable shop (R26): the owner's epoch, raised by every take; the number of events committed; the
-- shop's decision count and time (R25); and the roster, settings and seed as RouterSnapshotCodec bytes (a
-- snapshot with an empty live state). Every transaction of a durable router starts by updating this row with
-- WHERE owner_epoch = its epoch: the row lock it then holds until commit is what fences an older owner.
CREATE TABLE fenliu_shop (
  shop_id VARCHAR(128) NOT NULL,
  owner_epoch BIGINT NOT NULL,
  seq BIGINT NOT NULL,
  decisions BIGINT NOT NULL,
  time_s BIGINT,
  time_ns INTEGER,
  config LONGBLOB NOT NULL,
  CONSTRAINT fenliu_shop_pk PRIMARY KEY (shop_id),
  CONSTRAINT fenliu_shop_counts_ck CHECK (owner_epoch >= 1 AND seq >= 0 AND decisions >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Each agent's presence and when it last changed (R17, R21), for agents whose presence a durable router applied.
CREATE TABLE fenliu_presence (
  shop_id VARCHAR(128) NOT NULL,
  agent_id VARCHAR(128) NOT NULL,
  presence VARCHAR(16) NOT NULL,
  changed_s BIGINT NOT NULL,
  changed_ns INTEGER NOT NULL,
  CONSTRAINT fenliu_presence_pk PRIMARY KEY (shop_id, agent_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The queue (R22): one row per waiting consultation, in queue order by queue_seq (the seq of the event that
-- queued it), with everything routing needs when a seat frees.
CREATE TABLE fenliu_waiting (
  shop_id VARCHAR(128) NOT NULL,
  consultation_id VARCHAR(128) NOT NULL,
  queue_seq BIGINT NOT NULL,
  buyer_id VARCHAR(128) NOT NULL,
  entry_page VARCHAR(32) NOT NULL,
  order_status VARCHAR(32) NOT NULL,
  since_ms BIGINT NOT NULL,
  arrived_s BIGINT,
  arrived_ns INTEGER,
  recent_agent_id VARCHAR(128),
  recent_s BIGINT,
  recent_ns INTEGER,
  follower_id VARCHAR(128),
  CONSTRAINT fenliu_waiting_pk PRIMARY KEY (shop_id, consultation_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Every consultation that left the queue (R22), written with the event that let it go: an outbox the host reads
-- to tell buyers, and purges. seq is the event's, idx the exit's place among the event's exits.
CREATE TABLE fenliu_queue_exit (
  shop_id VARCHAR(128) NOT NULL,
  seq BIGINT NOT NULL,
  idx INTEGER NOT NULL,
  consultation_id VARCHAR(128) NOT NULL,
  buyer_id VARCHAR(128) NOT NULL,
  step VARCHAR(32) NOT NULL,
  agent_id VARCHAR(128),
  reason TEXT NOT NULL,
  waited_ms BIGINT NOT NULL,
  seated_at_us BIGINT,
  CONSTRAINT fenliu_queue_exit_pk PRIMARY KEY (shop_id, seq, idx)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

UPDATE fenliu_schema_version SET version = 2 WHERE component = 'fenliu';
