// name: upsert_relations
// Insert or replace relations of one type, in batches. Rendered once per
// relationship type, with the labels of the nodes that type links (for instance
// HAS_STAKE goes from an Actor to a Stake). MERGE on the key between the same two
// nodes: replaying is harmless. Returns how many rows found both ends, which the
// store checks against the number of rows sent.
// params: rows
UNWIND $rows AS row
MATCH (s:{source_label} {id: row.source})
MATCH (t:{target_label} {id: row.target})
MERGE (s)-[r:{rel_type} {key: row.key}]->(t)
SET r = row.properties
RETURN count(r) AS written;
