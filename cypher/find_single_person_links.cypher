// Analysis query for Neo4j Browser or Bloom (ecomap does not run it): paste it as is.
// The reference is ecomap's own analysis (ecomap analyse, "fragile links"); see
// README.md in this folder for what this query simplifies.

// name: find_single_person_links
// Pairs of organisations (or institutions) whose every cross tie goes through one
// and the same person, and whose cooperation is not instituted (no formal
// cooperation between them, no instituted space that both attend, themselves or
// through one of their members). Cross ties: a person of one cooperates with a
// person of the other, or with the other organisation itself, or belongs to both.
// Relations count when they hold today (since/until).
// params: -
MATCH (p:Person)-[m:MEMBER_OF]->(o:Actor)
WHERE NOT o:Person
  AND (m.since IS NULL OR m.since <= date()) AND (m.until IS NULL OR m.until >= date())
WITH p, collect(DISTINCT o) AS organisations
WITH p, organisations,
     [(p)-[c:COOPERATES]-(x:Actor)
      WHERE (c.since IS NULL OR c.since <= date()) AND (c.until IS NULL OR c.until >= date())
      | {actor: x, weight: c.weight}] AS partners
UNWIND organisations AS own
WITH p, own,
     [other IN organisations WHERE other <> own
      | {other: other, carriers: [p.id], strength: 1.0}]
     + [x IN partners WHERE NOT x.actor:Person AND x.actor <> own
        | {other: x.actor, carriers: [p.id], strength: x.weight}]
     + reduce(found = [], q IN [y IN partners WHERE y.actor:Person | y.actor] |
         found + [(q)-[mq:MEMBER_OF]->(other:Actor)
                  WHERE other <> own AND NOT other:Person
                    AND (mq.since IS NULL OR mq.since <= date())
                    AND (mq.until IS NULL OR mq.until >= date())
                  | {other: other, carriers: [p.id, q.id],
                     strength: reduce(best = 0.0, y IN partners |
                       CASE WHEN y.actor = q AND y.weight > best THEN y.weight ELSE best END)}])
       AS ties
UNWIND ties AS tie
WITH CASE WHEN own.id < tie.other.id THEN own ELSE tie.other END AS a,
     CASE WHEN own.id < tie.other.id THEN tie.other ELSE own END AS b,
     tie.carriers AS carriers, tie.strength AS strength
WITH a, b, collect(carriers) AS ties, max(strength) AS strength
WITH a, b, ties, strength,
     reduce(common = head(ties), t IN tail(ties) | [x IN common WHERE x IN t]) AS critical
WHERE size(critical) > 0
  AND NOT EXISTS {
    MATCH (a)-[f:COOPERATES]-(b)
    WHERE f.formal = true
      AND (f.since IS NULL OR f.since <= date()) AND (f.until IS NULL OR f.until >= date())
  }
  AND NOT EXISTS {
    MATCH (s:Space)
    WHERE s.instituted = true
      AND (EXISTS { MATCH (a)-[:PARTICIPATES]->(s) }
           OR EXISTS { MATCH (a)<-[:MEMBER_OF]-(:Person)-[:PARTICIPATES]->(s) })
      AND (EXISTS { MATCH (b)-[:PARTICIPATES]->(s) }
           OR EXISTS { MATCH (b)<-[:MEMBER_OF]-(:Person)-[:PARTICIPATES]->(s) })
  }
RETURN a.id AS organisation_1, a.name AS name_1,
       b.id AS organisation_2, b.name AS name_2,
       critical AS critical_people,
       reduce(everyone = [], t IN ties | everyone + [x IN t WHERE NOT x IN everyone])
         AS carriers,
       size(ties) AS cross_ties, strength
ORDER BY organisation_1, organisation_2;
