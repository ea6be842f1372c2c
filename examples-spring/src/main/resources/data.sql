-- One shop: alice online with one seat; bob and carol offline.
INSERT INTO agent VALUES ('tea-house', 'alice', 'Alice', 1, TRUE);
INSERT INTO agent VALUES ('tea-house', 'bob', 'Bob', NULL, FALSE);
INSERT INTO agent VALUES ('tea-house', 'carol', 'Carol', 2, FALSE);
