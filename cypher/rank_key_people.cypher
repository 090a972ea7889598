// Analysis query for Neo4j Browser or Bloom (ecomap does not run it): paste it as is.
// The reference is ecomap's own analysis ("key people"); see README.md.

// name: rank_key_people
// People whose departure alone would end the link between two organisations
// (they are in every cross tie of the pair), with the links they carry, most
// links first, then the largest summed strength (a link's strength is the largest
// weight of its cross ties; belonging to both organisations counts 1). Same cross
// ties as find_single_person_links, instituted or not.
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
WITH a, b, strength,
     reduce(common = head(ties), t IN tail(ties) | [x IN common WHERE x IN t]) AS critical
UNWIND critical AS person_id
MATCH (person:Person {id: person_id})
WITH person, collect([a.id, b.id]) AS links, sum(strength) AS weight
RETURN person.id AS id, person.name AS name, size(links) AS links_lost, weight, links
ORDER BY links_lost DESC, weight DESC, id;
