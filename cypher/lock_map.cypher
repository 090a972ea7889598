// The map's bookkeeping node (:EcomapMeta) holds the id of the last change. Every
// ecomap write starts by writing to it, which takes its write lock until the
// transaction ends: ecomap writers queue one behind the other, so what a change
// reads (versions, the records it replaces) cannot change before it commits.

// name: lock_map
// Create the bookkeeping node if needed and take its write lock.
// params: meta
MERGE (m:EcomapMeta {id: $meta})
ON CREATE SET m.last_change = 0
SET m.locked = true
REMOVE m.locked
RETURN m.last_change AS last_change;

// name: next_change_id
// The id of the change being written (under the lock taken by lock_map).
// params: meta
MATCH (m:EcomapMeta {id: $meta})
SET m.last_change = m.last_change + 1
RETURN m.last_change AS change_id;

// name: read_revision
// The id of the last change (0 or no row for a map never written).
// params: meta
MATCH (m:EcomapMeta {id: $meta})
RETURN m.last_change AS last_change;
