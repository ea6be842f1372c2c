-- Fenliu schema, version 1, MySQL 8.0.16+ / MariaDB 10.4+ (InnoDB; CHECK constraints enforced from those versions). Apply with FenliuSchema.apply(dataSource) or with your migration
-- tool (Flyway: locations=classpath:fenliu-schema/mysql). Statements end with a semicolon at the end
-- of a line; nothing else in this file may.
-- Ids are the platform's own strings, compared exactly: hence the binary collation (MySQL's default collation
-- would make buyer "A" and buyer "a" one buyer). Instants are microseconds since the epoch (UTC).

CREATE TABLE fenliu_schema_version (
  component VARCHAR(32) NOT NULL,
  version INTEGER NOT NULL,
  CONSTRAINT fenliu_schema_version_pk PRIMARY KEY (component)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One exclusive relationship per buyer and shop (R8); follower_id NULL when the buyer has none (R1.4).
-- The primary key serves by-buyer and by-shop access (a shop's scan walks it in order).
CREATE TABLE fenliu_relationship (
  shop_id VARCHAR(128) NOT NULL,
  buyer_id VARCHAR(128) NOT NULL,
  follower_id VARCHAR(128),
  version BIGINT NOT NULL,
  CONSTRAINT fenliu_relationship_pk PRIMARY KEY (shop_id, buyer_id),
  CONSTRAINT fenliu_relationship_version_ck CHECK (version >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- By-follower access: the relationships one agent follows (R9). Follower first, so that no index but the primary
-- key starts with shop_id: a planner without statistics (a freshly loaded table) then never walks a whole shop
-- through this index to find one buyer.
CREATE INDEX fenliu_relationship_by_follower ON fenliu_relationship (follower_id, shop_id);

-- Each buyer's latest contact (R18, R21).
CREATE TABLE fenliu_recent_contact (
  shop_id VARCHAR(128) NOT NULL,
  buyer_id VARCHAR(128) NOT NULL,
  agent_id VARCHAR(128) NOT NULL,
  contacted_at_us BIGINT NOT NULL,
  CONSTRAINT fenliu_recent_contact_pk PRIMARY KEY (shop_id, buyer_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Purging contacts older than the window (time first, for the same reason as above).
CREATE INDEX fenliu_recent_contact_by_time ON fenliu_recent_contact (contacted_at_us, shop_id);

-- Consultations holding a seat (R20), read back after a restart.
CREATE TABLE fenliu_open_consultation (
  shop_id VARCHAR(128) NOT NULL,
  consultation_id VARCHAR(128) NOT NULL,
  buyer_id VARCHAR(128) NOT NULL,
  agent_id VARCHAR(128) NOT NULL,
  seated_at_us BIGINT NOT NULL,
  CONSTRAINT fenliu_open_consultation_pk PRIMARY KEY (shop_id, consultation_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

INSERT INTO fenliu_schema_version (component, version) VALUES ('fenliu', 1);
