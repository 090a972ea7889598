// name: wipe_label
// Delete up to $batch nodes that carry one of ecomap's labels, with their
// relationships. Rendered once per label (Actor, Stake, Space, EcomapChange,
// EcomapSnapshot, EcomapMeta); the store repeats it, one transaction per batch,
// until it deletes nothing. Constraints and indexes are kept.
// params: batch
MATCH (n:{ecomap_label})
WITH n LIMIT $batch
DETACH DELETE n
RETURN count(*) AS deleted;
