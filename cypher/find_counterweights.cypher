// Analysis query for Neo4j Browser or Bloom (ecomap does not run it). Set the
// dominant actor first, e.g. in Browser:  :param dominant => 'agglo'
// The reference is ecomap's own analysis ("counterweights"); see README.md.

// name: find_counterweights
// Actors who could counterbalance $dominant: power they hold over it, declared
// influence above half of its own, opposite stances on its stakes, and ties to the
// actors it holds power over; minus the power it holds over them. Its members and
// sub-units (transitively) and the actors over whom it holds power 2 or more are
// left out. Best first; only positive scores.
// params: dominant
MATCH (d:Actor {id: $dominant})
MATCH (c:Actor)
WHERE c <> d
  AND NOT EXISTS { MATCH (c)-[:MEMBER_OF|PART_OF*1..]->(d) }
WITH d, c,
     reduce(total = 0.0, w IN [(c)-[p:POWER]->(d)
         WHERE (p.since IS NULL OR p.since <= date()) AND (p.until IS NULL OR p.until >= date())
         | p.weight] | total + w) AS power_over_dominant,
     reduce(total = 0.0, w IN [(d)-[p:POWER]->(c)
         WHERE (p.since IS NULL OR p.since <= date()) AND (p.until IS NULL OR p.until >= date())
         | p.weight] | total + w) AS power_from_dominant
WHERE power_from_dominant < 2
WITH d, c, power_over_dominant, power_from_dominant,
     [(d)-[sd:HAS_STAKE]->(s:Stake)
      WHERE sd.stance <> 0
        AND (sd.since IS NULL OR sd.since <= date()) AND (sd.until IS NULL OR sd.until >= date())
      | -sign(sd.stance) * coalesce(head([(c)-[sc:HAS_STAKE]->(s) | sc.stance]), 0) / 2.0]
       AS stances,
     [(d)-[p:POWER]->(w:Actor)
      WHERE w <> c
        AND (p.since IS NULL OR p.since <= date()) AND (p.until IS NULL OR p.until >= date())
      | w] AS dominated
WITH c, power_over_dominant, power_from_dominant,
     power_over_dominant / 3.0
       + CASE WHEN coalesce(c.influence, 0) / 5.0 > coalesce(d.influence, 0) / 10.0
              THEN coalesce(c.influence, 0) / 5.0 - coalesce(d.influence, 0) / 10.0
              ELSE 0.0 END AS leverage,
     CASE size(stances) WHEN 0 THEN 0.0
          ELSE reduce(total = 0.0, x IN stances | total + x) / size(stances) END AS alignment,
     [w IN dominated
      WHERE EXISTS { MATCH (c)-[:COOPERATES]-(w) }
         OR EXISTS { MATCH (c)-[:PARTICIPATES]->(:Space)<-[:PARTICIPATES]-(w) }
      | w.name] AS allies
WITH c, power_over_dominant, power_from_dominant, leverage, alignment, allies,
     leverage + alignment + CASE WHEN size(allies) > 0 THEN 0.5 ELSE 0.0 END
       - power_from_dominant / 3.0 AS score
WHERE score > 0
RETURN c.id AS id, c.name AS name, round(score, 3) AS score,
       power_over_dominant, power_from_dominant, round(leverage, 3) AS leverage,
       round(alignment, 3) AS alignment, allies
ORDER BY score DESC, id;
