// Named snapshots: one :EcomapSnapshot node each, the map kept as the JSON document
// of the exchange format (payload). seq numbers them in the order they were taken.

// name: create_snapshot
// params: name, at, note, revision, counts, payload
OPTIONAL MATCH (other:EcomapSnapshot)
WITH coalesce(max(other.seq), 0) + 1 AS seq
CREATE (s:EcomapSnapshot {
  name: $name, seq: seq, at: $at, note: $note, revision: $revision,
  counts: $counts, payload: $payload
});

// name: count_snapshots_named
// 1 when a snapshot has this name, else 0.
// params: name
MATCH (s:EcomapSnapshot {name: $name})
RETURN count(s) AS found;

// name: list_snapshots
// Every snapshot, oldest first, without its payload.
// params: -
MATCH (s:EcomapSnapshot)
RETURN s.name AS name, s.at AS at, s.note AS note, s.counts AS counts
ORDER BY s.seq;

// name: load_snapshot
// params: name
MATCH (s:EcomapSnapshot {name: $name})
RETURN s.payload AS payload;
