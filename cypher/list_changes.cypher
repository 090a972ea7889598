// Read the change log.

// name: list_changes
// Every change, newest first.
// params: -
MATCH (c:EcomapChange)
RETURN properties(c) AS change
ORDER BY c.id DESC;

// name: list_recent_changes
// The newest changes, newest first.
// params: limit
MATCH (c:EcomapChange)
RETURN properties(c) AS change
ORDER BY c.id DESC
LIMIT $limit;

// name: find_undoable_change
// The newest change that is neither an undo nor already undone.
// params: undo
MATCH (c:EcomapChange)
WHERE c.undone_by IS NULL AND c.action <> $undo
RETURN properties(c) AS change
ORDER BY c.id DESC
LIMIT 1;
