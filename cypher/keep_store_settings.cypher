// The store's own settings (not part of the map), such as the secret key of
// pseudonyms: properties of one :EcomapStore node, found by its key ($store); its
// uniqueness constraint is in check_store_version.cypher.

// name: read_store_settings
// Every setting the store holds (no row before the first one is kept).
// params: store
MATCH (s:EcomapStore {key: $store})
RETURN properties(s) AS settings;

// name: lock_store_settings
// Create the settings node if needed and take its write lock until the transaction
// ends, so that two processes keeping a setting at once queue one behind the other.
// params: store
MERGE (s:EcomapStore {key: $store})
SET s.locked = true
REMOVE s.locked
RETURN properties(s) AS settings;

// name: keep_store_settings
// Add settings (under the lock taken by lock_store_settings); return them all.
// params: store, settings
MATCH (s:EcomapStore {key: $store})
SET s += $settings
RETURN properties(s) AS settings;
