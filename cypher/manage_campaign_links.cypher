// The personal links of a campaign: one :EcomapLink node each, holding only the keyed
// hash of its token (hash), never the token; revoked_at is set when the link is
// revoked or replaced. Times are ISO 8601 text.

// name: link_hash_unique
// One link per hash.
// params: -
CREATE CONSTRAINT ecomap_link_hash IF NOT EXISTS
FOR (n:EcomapLink) REQUIRE n.hash IS UNIQUE;

// name: revoke_campaign_links
// Revoke the active links of some respondents of a campaign; how many were revoked.
// params: campaign, respondents, at
UNWIND $respondents AS respondent
MATCH (l:EcomapLink {campaign: $campaign, respondent: respondent})
WHERE l.revoked_at IS NULL
SET l.revoked_at = $at
RETURN count(l) AS revoked;

// name: create_campaign_links
// Keep new links: rows of {hash, respondent}.
// params: campaign, links, at
UNWIND $links AS link
CREATE (:EcomapLink {
  hash: link.hash, campaign: $campaign, respondent: link.respondent, issued_at: $at
});

// name: read_campaign_link
// The link kept under a hash (no row when there is none).
// params: hash
MATCH (l:EcomapLink {hash: $hash})
RETURN l.hash AS hash, l.campaign AS campaign, l.respondent AS respondent,
       l.issued_at AS issued_at, l.revoked_at AS revoked_at;

// name: list_campaign_links
// A campaign's links, without their hashes.
// params: campaign
MATCH (l:EcomapLink {campaign: $campaign})
RETURN l.respondent AS respondent, l.issued_at AS issued_at, l.revoked_at AS revoked_at
ORDER BY l.issued_at, l.respondent;

// name: lock_active_link
// The campaign and respondent of an active link of an open campaign, with the link's
// write lock held until the transaction ends (a revocation waits for the save, or the
// save sees the revocation); no row when the link does not open anything.
// params: hash, state
MATCH (l:EcomapLink {hash: $hash})
WHERE l.revoked_at IS NULL
MATCH (c:EcomapCampaign {id: l.campaign})
WHERE c.state = $state
SET l.locked = true
REMOVE l.locked
RETURN l.campaign AS campaign, l.respondent AS respondent;
