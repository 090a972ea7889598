// Participatory collection (ecomap.collection): one :EcomapCampaign node per campaign,
// beside the map and never part of it. id is a number the store node hands out
// (last_campaign on the :EcomapStore node, whose write lock serialises openings);
// record holds the campaign's fields as JSON (title, stakes, respondents, ends…).

// name: campaign_id_unique
// One campaign per id.
// params: -
CREATE CONSTRAINT ecomap_campaign_id IF NOT EXISTS
FOR (n:EcomapCampaign) REQUIRE n.id IS UNIQUE;

// name: create_campaign
// Open a campaign under the next id; return that id.
// params: store, state, record
MERGE (s:EcomapStore {key: $store})
SET s.last_campaign = coalesce(s.last_campaign, 0) + 1
CREATE (c:EcomapCampaign {id: s.last_campaign, state: $state, record: $record})
RETURN c.id AS id;

// name: list_campaigns
// Every campaign, by id.
// params: -
MATCH (c:EcomapCampaign)
RETURN c.id AS id, c.state AS state, c.record AS record
ORDER BY c.id;

// name: read_campaign
// params: id
MATCH (c:EcomapCampaign {id: $id})
RETURN c.id AS id, c.state AS state, c.record AS record;

// name: set_campaign_state
// Open or close a campaign; found is 0 when there is no campaign by that id.
// params: id, state
OPTIONAL MATCH (c:EcomapCampaign {id: $id})
SET c.state = $state
RETURN count(c) AS found;
