// The store's own node (:EcomapStore {key: $key}, one per database) says which layout of
// the graph wrote the map: schema_version. A newer ecomap may lay the map out another
// way, and this version then refuses to read or write it rather than misread it. Other
// properties of the same node are set by other statements: each MERGEs the node on its
// key and sets only its own property.

// name: store_key_unique
// One store node per database, so concurrent first writes MERGE the same node.
// params: -
CREATE CONSTRAINT ecomap_store_key IF NOT EXISTS
FOR (n:EcomapStore) REQUIRE n.key IS UNIQUE;

// name: read_store_version
// The layout version of the map (no row, or null, for a map written before versions).
// params: key
MATCH (s:EcomapStore {key: $key})
RETURN s.schema_version AS schema_version;

// name: stamp_store_version
// Record the layout version, never lowering one a newer ecomap wrote; return it.
// params: key, version
MERGE (s:EcomapStore {key: $key})
SET s.schema_version = CASE
  WHEN s.schema_version IS NULL OR s.schema_version < $version THEN $version
  ELSE s.schema_version
END
RETURN s.schema_version AS schema_version;
