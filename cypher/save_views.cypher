// Saved views of the map page (ecomap/views/saved.py): one :EcomapView node each, the
// view kept whole as a JSON document (record), with its id, name and place in the
// presentation (position) beside it for people reading the graph. Their log is one
// :EcomapViewChange node per change, numbered by seq. Views are not part of the map:
// no relationship links them to actors, and the map's exports leave them out. Writes
// run under the map's lock (lock_map), so two editors' changes queue.

// name: read_views
// Every saved view, in the order of the presentation.
// params: -
MATCH (v:EcomapView)
RETURN v.id AS id, v.record AS record
ORDER BY v.position, v.id;

// name: upsert_views
// Write views (each row: id, name, position, record), creating those not yet stored.
// params: rows
UNWIND $rows AS row
MERGE (v:EcomapView {id: row.id})
SET v.name = row.name, v.position = row.position, v.record = row.record;

// name: delete_views
// params: ids
UNWIND $ids AS id
MATCH (v:EcomapView {id: id})
DELETE v;

// name: log_view_change
// One entry of the views' log; returns its number.
// params: at, action, summary, author, before, after
OPTIONAL MATCH (other:EcomapViewChange)
WITH coalesce(max(other.seq), 0) + 1 AS seq
CREATE (c:EcomapViewChange {
  seq: seq, at: $at, action: $action, summary: $summary, author: $author,
  before: $before, after: $after
})
RETURN seq;

// name: list_view_changes
// The newest entries of the views' log, newest first.
// params: limit
MATCH (c:EcomapViewChange)
RETURN properties(c) AS change
ORDER BY c.seq DESC
LIMIT $limit;
