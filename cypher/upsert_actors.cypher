// name: upsert_actors
// Insert or replace actors of one kind, in batches. Rendered once per kind:
// {actor_label} is Person, Organisation or Institution. The other kind labels are
// removed first, so an actor whose kind changed carries exactly one of them.
// Replaying the statement gives the same graph (MERGE on the id).
// params: rows
UNWIND $rows AS row
MERGE (n:Actor {id: row.id})
SET n = row.properties
REMOVE n:{actor_labels}
SET n:{actor_label};
