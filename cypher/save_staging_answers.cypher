// The staging area: one :EcomapAnswers node per respondent of a campaign, its answers
// as JSON (answers) and when they were saved (saved_at). key is the JSON list
// [campaign, respondent]: a new save replaces the node's answers whole.

// name: answers_key_unique
// One answer set per respondent and campaign, even when two saves race.
// params: -
CREATE CONSTRAINT ecomap_answers_key IF NOT EXISTS
FOR (n:EcomapAnswers) REQUIRE n.key IS UNIQUE;

// name: save_staged_answers
// Replace a respondent's answers.
// params: key, campaign, respondent, at, answers
MERGE (a:EcomapAnswers {key: $key})
SET a.campaign = $campaign, a.respondent = $respondent, a.saved_at = $at,
    a.answers = $answers;

// name: list_staged_answers
// A campaign's answers (one respondent's when $respondent is not null), by respondent.
// params: campaign, respondent
MATCH (a:EcomapAnswers {campaign: $campaign})
WHERE $respondent IS NULL OR a.respondent = $respondent
RETURN a.respondent AS respondent, a.saved_at AS saved_at, a.answers AS answers
ORDER BY a.respondent;
