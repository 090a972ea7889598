// name: upsert_stakes
// Insert or replace stakes, in batches (MERGE on the id: replaying is harmless).
// params: rows
UNWIND $rows AS row
MERGE (n:Stake {id: row.id})
SET n = row.properties;
