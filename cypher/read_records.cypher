// Read the records a change touches, inside its transaction.

// name: read_nodes
// The actors, stakes and spaces with these ids (each id looked up through the
// three id constraints; an id is normally used by one node only).
// params: ids
UNWIND $ids AS id
OPTIONAL MATCH (a:Actor {id: id})
OPTIONAL MATCH (s:Stake {id: id})
OPTIONAL MATCH (p:Space {id: id})
WITH [n IN [a, s, p] WHERE n IS NOT NULL] AS found
UNWIND found AS n
RETURN labels(n) AS labels, properties(n) AS properties;

// name: read_relations
// The relations of one type with these keys (rendered once per relationship type).
// params: keys
UNWIND $keys AS key
MATCH (s)-[r:{rel_type} {key: key}]->(t)
RETURN s.id AS source, t.id AS target, properties(r) AS properties;

// name: read_attached_relations
// The relations that have one of these nodes at an end (rendered once per node
// label: Actor, Stake, Space).
// params: ids
UNWIND $ids AS id
MATCH (n:{node_label} {id: id})-[r:{rel_types}]-()
WHERE r.key IS NOT NULL
RETURN DISTINCT startNode(r).id AS source, endNode(r).id AS target, type(r) AS type,
       properties(r) AS properties;

// name: read_relations_by_stake
// The relations whose stake field names one of these nodes (a tension about a
// stake). Scans the relationships of ecomap's types: it runs only when nodes are
// deleted.
// params: ids
MATCH (s)-[r:{rel_types}]->(t)
WHERE r.stake IN $ids AND r.key IS NOT NULL
RETURN s.id AS source, t.id AS target, type(r) AS type, properties(r) AS properties;
