// The change log: one :EcomapChange node per change.

// name: log_change
// Record a change. items is a JSON list of {kind, key, before, after}, the records
// before and after it in the exchange format.
// params: id, at, action, summary, author, items, undoes
CREATE (c:EcomapChange {
  id: $id, at: $at, action: $action, summary: $summary, author: $author,
  items: $items, undoes: $undoes
});

// name: mark_undone
// Note on a change which undo reverted it.
// params: id, undone_by
MATCH (c:EcomapChange {id: $id})
SET c.undone_by = $undone_by;
