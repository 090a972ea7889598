// Analysis query for Neo4j Browser or Bloom (ecomap does not run it): paste it as is.
// The reference is ecomap's own analysis ("stakes and tensions"); see README.md.

// name: list_contested_stakes
// Stakes with supporters (stance above 0) and opponents (below 0), the sum of
// stances and that sum weighted by declared influence (0 to 5, divided by 5).
// The most debated stakes first.
// params: -
MATCH (a:Actor)-[h:HAS_STAKE]->(s:Stake)
WHERE h.stance <> 0
  AND (h.since IS NULL OR h.since <= date()) AND (h.until IS NULL OR h.until >= date())
WITH s,
     collect(CASE WHEN h.stance > 0 THEN a.name END) AS supporters,
     collect(CASE WHEN h.stance < 0 THEN a.name END) AS opponents,
     sum(h.stance) AS balance,
     sum(h.stance * coalesce(a.influence, 0) / 5.0) AS influence_balance
WHERE size(supporters) > 0 AND size(opponents) > 0
RETURN s.id AS id, s.name AS name, supporters, opponents, balance,
       round(influence_balance, 3) AS influence_balance
ORDER BY size(supporters) + size(opponents) DESC, id;
