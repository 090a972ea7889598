// name: upsert_spaces
// Insert or replace spaces, in batches (MERGE on the id: replaying is harmless).
// params: rows
UNWIND $rows AS row
MERGE (n:Space {id: row.id})
SET n = row.properties;
