// Read the whole map: one statement per kind of record.

// name: load_actors
// params: -
MATCH (n:Actor)
RETURN properties(n) AS properties;

// name: load_stakes
// params: -
MATCH (n:Stake)
RETURN properties(n) AS properties;

// name: load_spaces
// params: -
MATCH (n:Space)
RETURN properties(n) AS properties;

// name: load_relations
// Every relationship ecomap wrote (it has a key), whatever the type.
// params: -
MATCH (s)-[r:{rel_types}]->(t)
WHERE r.key IS NOT NULL
RETURN s.id AS source, t.id AS target, type(r) AS type, properties(r) AS properties;
