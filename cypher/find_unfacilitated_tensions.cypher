// Analysis query for Neo4j Browser or Bloom (ecomap does not run it): paste it as is.
// The reference is ecomap's own analysis ("neutral facilitator"); see README.md.

// name: find_unfacilitated_tensions
// Tensions whose two parties share no space run by a neutral facilitator (one
// that is neither party nor a member or sub-unit of one), with up to five
// candidates for that role: actors who are neither party nor part of one, hold no
// power relation with either, and cooperate with at least one of them; those
// cooperating with both parties first, then by declared influence.
// params: -
MATCH (a:Actor)-[t:TENSION]->(b:Actor)
WHERE (t.since IS NULL OR t.since <= date()) AND (t.until IS NULL OR t.until >= date())
  AND NOT EXISTS {
    MATCH (f:Actor)-[:PARTICIPATES {role: 'facilitator'}]->(s:Space)
    WHERE NOT f IN [a, b]
      AND NOT EXISTS { MATCH (f)-[:MEMBER_OF|PART_OF*1..]->(x) WHERE x IN [a, b] }
      AND (EXISTS { MATCH (a)-[:PARTICIPATES]->(s) }
           OR EXISTS { MATCH (a)<-[:MEMBER_OF]-(:Person)-[:PARTICIPATES]->(s) })
      AND (EXISTS { MATCH (b)-[:PARTICIPATES]->(s) }
           OR EXISTS { MATCH (b)<-[:MEMBER_OF]-(:Person)-[:PARTICIPATES]->(s) })
  }
OPTIONAL MATCH (c:Actor)-[:COOPERATES]-(party:Actor)
WHERE party IN [a, b] AND NOT c IN [a, b]
  AND NOT EXISTS { MATCH (c)-[:MEMBER_OF|PART_OF*1..]->(x) WHERE x IN [a, b] }
  AND NOT EXISTS { MATCH (c)-[:POWER]-(x) WHERE x IN [a, b] }
WITH a, b, t, c, count(DISTINCT party) AS parties
ORDER BY parties DESC, coalesce(c.influence, 0) DESC, c.id
WITH a, b, t,
     [x IN collect({id: c.id, name: c.name, parties: parties}) WHERE x.id IS NOT NULL][..5]
       AS candidates
RETURN a.id AS party_1, a.name AS name_1, b.id AS party_2, b.name AS name_2,
       t.weight AS intensity, t.stake AS stake, candidates
ORDER BY intensity DESC, party_1, party_2;
