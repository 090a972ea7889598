// The constraints and indexes ecomap needs. Every statement is idempotent
// (IF NOT EXISTS) and runs in a transaction of its own: Neo4j does not mix schema
// and data changes in one transaction.

// name: actor_id_unique
// One actor per id (also backs every lookup of an actor by id).
// params: -
CREATE CONSTRAINT ecomap_actor_id IF NOT EXISTS
FOR (n:Actor) REQUIRE n.id IS UNIQUE;

// name: stake_id_unique
// One stake per id.
// params: -
CREATE CONSTRAINT ecomap_stake_id IF NOT EXISTS
FOR (n:Stake) REQUIRE n.id IS UNIQUE;

// name: space_id_unique
// One space per id.
// params: -
CREATE CONSTRAINT ecomap_space_id IF NOT EXISTS
FOR (n:Space) REQUIRE n.id IS UNIQUE;

// name: change_id_unique
// One change-log entry per change id.
// params: -
CREATE CONSTRAINT ecomap_change_id IF NOT EXISTS
FOR (n:EcomapChange) REQUIRE n.id IS UNIQUE;

// name: snapshot_name_unique
// One snapshot per name.
// params: -
CREATE CONSTRAINT ecomap_snapshot_name IF NOT EXISTS
FOR (n:EcomapSnapshot) REQUIRE n.name IS UNIQUE;

// name: meta_id_unique
// The map's bookkeeping node is unique, so concurrent first writes MERGE one node.
// params: -
CREATE CONSTRAINT ecomap_meta_id IF NOT EXISTS
FOR (n:EcomapMeta) REQUIRE n.id IS UNIQUE;

// name: relation_key_index
// Relations are found by their identity (key); one index per relationship type.
// params: -
CREATE INDEX ecomap_{rel_type}_key IF NOT EXISTS
FOR ()-[r:{rel_type}]-() ON (r.key);

// name: list_schema
// The names of the constraints and indexes that exist (used when the user may not
// create them, to check that an administrator already did).
// params: -
SHOW INDEXES YIELD name
RETURN name;
