-- The shops' rosters and who is online now; a real host keeps these in its own tables.
CREATE TABLE agent (
  shop_id VARCHAR(64) NOT NULL,
  agent_id VARCHAR(64) NOT NULL,
  name VARCHAR(128) NOT NULL,
  concurrent_limit INT,
  online BOOLEAN NOT NULL,
  PRIMARY KEY (shop_id, agent_id)
);
