// The agent's decisions on a campaign's proposals: one :EcomapDecision node each, in
// the order taken (seq, handed out by the :EcomapStore node), with the change that
// wrote an accepted proposal into the map (change_id) and the proposal as JSON.

// name: decision_seq_unique
// params: -
CREATE CONSTRAINT ecomap_decision_seq IF NOT EXISTS
FOR (n:EcomapDecision) REQUIRE n.seq IS UNIQUE;

// name: next_decision_seq
// Reserve $count numbers for new decisions; return the last one.
// params: store, count
MERGE (s:EcomapStore {key: $store})
SET s.last_decision = coalesce(s.last_decision, 0) + $count
RETURN s.last_decision AS last;

// name: create_decisions
// Keep decisions: rows of {seq, key, fingerprint, state, proposal}.
// params: campaign, at, author, change_id, decisions
UNWIND $decisions AS d
CREATE (:EcomapDecision {
  seq: d.seq, campaign: $campaign, key: d.key, fingerprint: d.fingerprint,
  state: d.state, author: $author, at: $at, change_id: $change_id, proposal: d.proposal
});

// name: list_decisions
// A campaign's decisions, in the order taken.
// params: campaign
MATCH (d:EcomapDecision {campaign: $campaign})
RETURN d.seq AS seq, d.key AS key, d.fingerprint AS fingerprint, d.state AS state,
       d.author AS by, d.at AS at, d.change_id AS change_id, d.proposal AS proposal
ORDER BY d.seq;
