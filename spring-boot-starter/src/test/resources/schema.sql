CREATE TABLE agent (
  shop_id VARCHAR(64) NOT NULL,
  agent_id VARCHAR(64) NOT NULL,
  name VARCHAR(128) NOT NULL,
  concurrent_limit INT,
  PRIMARY KEY (shop_id, agent_id)
);
INSERT INTO agent VALUES ('tea-house', 'alice', 'Alice', 1);
INSERT INTO agent VALUES ('tea-house', 'bob', 'Bob', NULL);
