"""The explorer's words, in French (complete, the default) and English.

One catalogue for the whole interface, kept out of the pages so that it can be
checked without running Streamlit: every key exists in both languages. The words of
the domain follow DESIGN.md §5 (acteur, enjeu, contrepoids, rapport de force,
dispositif, moteur/suiveur, tiers neutre…). Analysis reasons come from the analyses
themselves, asked for in the session's language.
"""

from __future__ import annotations

import re
from typing import Any

from ecomap.i18n import Template, listing, say

__all__ = ["COLUMN_TERMS", "TEXT", "change_text", "text"]

_FIELDS_EN = {
    "field_id": "identifier",
    "field_name": "name",
    "field_kind": "kind",
    "field_level": "level",
    "field_category": "category",
    "field_territory": "territory",
    "field_role": "role",
    "field_influence": "influence (0–5)",
    "field_engagement": "engagement",
    "field_tags": "tags",
    "field_notes": "notes",
    "field_lat": "latitude",
    "field_lon": "longitude",
    "field_description": "description",
    "field_frequency": "meetings a year",
    "field_instituted": "instituted",
    "field_type": "relation type",
    "field_source": "source",
    "field_target": "target",
    "field_weight": "weight (1–3)",
    "field_power_type": "power type",
    "field_stance": "stance (−2 to +2)",
    "field_formal": "formal agreement",
    "field_mode": "mode",
    "field_stake": "stake",
    "field_since": "since",
    "field_until": "until",
    "field_reported_by": "reported by",
    "field_visibility": "visibility",
    "field_acter_agree": "A · agree (0–3)",
    "field_acter_know": "C · know (0–3)",
    "field_acter_trust": "T · trust (0–3)",
    "field_acter_translate": "T · translate (0–3)",
    "field_acter_evaluate": "E · evaluate (0–3)",
    "field_acter_share": "R · share (0–3)",
    "help_tags": "Several tags separated by |",
    "help_since": "A date: 2026-03-01 or 01/03/2026",
    "help_until": "A date: 2026-03-01 or 01/03/2026",
    "help_influence": "Perceived power, from 0 to 5",
    "help_stance": "From −2 (strongly against) to +2 (strongly for)",
    "help_weight": "Strength or importance, from 1 to 3",
}

_FIELDS_FR = {
    "field_id": "identifiant",
    "field_name": "nom",
    "field_kind": "nature",
    "field_level": "niveau",
    "field_category": "catégorie",
    "field_territory": "territoire",
    "field_role": "rôle",
    "field_influence": "influence (0–5)",
    "field_engagement": "engagement",
    "field_tags": "étiquettes",
    "field_notes": "notes",
    "field_lat": "latitude",
    "field_lon": "longitude",
    "field_description": "description",
    "field_frequency": "réunions par an",
    "field_instituted": "institué",
    "field_type": "type de relation",
    "field_source": "source",
    "field_target": "cible",
    "field_weight": "poids (1–3)",
    "field_power_type": "type de pouvoir",
    "field_stance": "position (−2 à +2)",
    "field_formal": "accord formel",
    "field_mode": "mode",
    "field_stake": "enjeu",
    "field_since": "depuis",
    "field_until": "jusqu'au",
    "field_reported_by": "rapporté par",
    "field_visibility": "visibilité",
    "field_acter_agree": "A · s'accorder (0–3)",
    "field_acter_know": "C · connaître (0–3)",
    "field_acter_trust": "T · confiance (0–3)",
    "field_acter_translate": "T · traduire en règles (0–3)",
    "field_acter_evaluate": "E · évaluer (0–3)",
    "field_acter_share": "R · répartir (0–3)",
    "help_tags": "Plusieurs étiquettes séparées par |",
    "help_since": "Une date : 01/03/2026 ou 2026-03-01",
    "help_until": "Une date : 01/03/2026 ou 2026-03-01",
    "help_influence": "Pouvoir perçu, de 0 à 5",
    "help_stance": "De −2 (très opposé) à +2 (très favorable)",
    "help_weight": "Force ou importance, de 1 à 3",
}

_EN = {
    # frame and navigation
    "group_map": "Map",
    "group_data": "Data",
    "group_analyses": "Analyses",
    "page_map": "Network map",
    "page_actors": "Actors",
    "page_relations": "Relations",
    "page_stakes": "Stakes",
    "page_spaces": "Spaces",
    "page_import": "Import",
    "page_export": "Export",
    "page_history": "History",
    "page_review": "Committee review",
    "group_review": "Review",
    "page_glossary": "Glossary",
    "intro_glossary": (
        "Every indicator of the analyses in plain words: what it measures and on what scale. "
        "The technical term and its reference are given for the curious."
    ),
    "glossary_search": "Find an indicator",
    "glossary_search_placeholder": "for example: bridge, power, trust…",
    "glossary_technical": "Technical term: {term}",
    "glossary_nothing": "No indicator matches this search.",
    "page_fragility": "Fragility",
    "page_power": "Power relations",
    "page_bridges": "Bridges",
    "page_stakes_tensions": "Stakes and tensions",
    "page_engagement": "Engagement",
    "page_health": "Cooperation health",
    "page_facilitators": "Neutral facilitators",
    "page_levels": "Levels",
    "as_of": "Analysis date",
    "as_of_help": "Relations ended before this date, or starting after it, are left out.",
    "read_only_banner": "Read-only: this map can be explored, not changed.",
    "unprotected_banner": "Served to the network without sign-in: anyone who reaches this "
    "address can read every name and change the map.",
    "anonymise": "Anonymise people",
    "anonymise_help": "Show every person under a stable pseudonym and hide notes about people, "
    "on every page, for showing the map to others. Organisations keep their names.",
    "anonymise_banner": "People are shown under pseudonyms; editing is off while this is on.",
    "read_only_page": "Read-only mode: editing is switched off on this explorer.",
    "store_caption": "Map kept in: {where}",
    "store_unavailable": "The map cannot be opened ({where}): {why}",
    "store_how": (
        "Check where the map is kept: the ECOMAP_STORE setting, or [ecomap] store / "
        "[neo4j] uri, user, password in the Streamlit secrets. Then reload the page."
    ),
    "store_refused": "The map was not changed: {why}",
    "analysis_failed": (
        "This analysis could not be computed on this map. The details were written to "
        "the explorer's log for the maintainers."
    ),
    # shared widgets
    "choose_actor": "Search an actor…",
    "choose_actors": "Choose actors…",
    "choose_node": "Choose…",
    "show_named": "Show {name} on the map",
    "detail_pick": "Result shown in detail",
    "no_results": "Nothing to show on this map.",
    "col_file": "file",
    "col_line": "line",
    "col_column": "column",
    "col_value": "value",
    "col_message": "problem",
    "col_reasons": "why",
    "yes": "yes",
    "no": "no",
    "and_more": "… and {n} more",
    "undo_nothing": "No change to undo.",
    "undo_last": "Last change: {summary} ({when})",
    "undo_button": "Undo this change",
    "undone": "Undone: {summary}",
    "saved": "Saved: {summary}",
    "nothing_changed": "Nothing to save: the map already holds these values.",
    "conflict": (
        "Someone else changed this since you opened it: {who}. Nothing was saved. "
        "Reload to see their version, then make your change again."
    ),
    "reload": "Reload",
    # map page
    "map_intro": (
        "The ecosystem as a network. Hover a node or a link for its details; drag to "
        "move, scroll to zoom. Colours, sizes and filters are chosen above the picture."
    ),
    "map_view": "View",
    "view_micro": "All actors",
    "view_meso": "By organisation",
    "view_macro": "By institution",
    "map_color_by": "Colour by",
    "map_size_by": "Size by",
    "size_degree": "number of ties shown",
    "size_influence": "declared influence",
    "size_betweenness": "bridging position (betweenness)",
    "size_structural_power": "structural power",
    "map_focus": "Centre on an actor",
    "map_search": "Search an actor…",
    "map_depth": "Steps around",
    "map_filters": "Filters",
    "filter_all": "All",
    "filter_levels": "Levels",
    "filter_kinds": "Kinds of actor",
    "filter_relations": "Relations shown",
    "filter_territories": "Territories",
    "filter_tags": "Tags",
    "filter_stakes": "Actors with a stance on",
    "overlay_fragile": "Fragile links",
    "overlay_key_people": "Key people",
    "overlay_bridges": "Bridging actors",
    "overlay_imbalances": "Imbalances",
    "map_physics": "Animation",
    "map_physics_help": (
        "Nodes keep rearranging themselves. Off by default so the picture stays the same "
        "from one review to the next."
    ),
    "map_large_micro": (
        "This map holds {n} actors: every one is drawn, without animation, at computed "
        "positions. Choose the Organisations view or filter for a more readable picture."
    ),
    "map_large_folded": (
        "This map holds {n} actors (more than {limit}): it is shown folded by "
        "organisation to stay readable. Choose “All actors” to see each person."
    ),
    "map_counts": "{nodes} nodes and {edges} links shown.",
    "layout_title": "Layout of the picture",
    "layout_help": (
        "Save the current layout so nodes keep their place from one review to the next; "
        "actors added later are placed around them. Positions are kept on each actor as "
        "the custom fields x and y (they travel with exports). Moves made with the mouse "
        "in the picture are not saved."
    ),
    "layout_save": "Save this layout",
    "layout_forget": "Forget the saved layout ({n} nodes)",
    "layout_saved_summary": "saved the layout of {n} nodes",
    "layout_forgot_summary": "forgot the saved layout of {n} nodes",
    # data pages
    "intro_actor": (
        "People, organisations and institutions. Edit cells in the table (add rows at the "
        "bottom) and save, or use the forms. Checks are those of the spreadsheet import."
    ),
    "intro_relation": (
        "Who cooperates with whom, who holds power over whom, tensions, memberships, "
        "stances on stakes and participation in spaces."
    ),
    "intro_stake": "What actors care about: the stakes (enjeux) of the territory.",
    "intro_space": (
        "The spaces where cooperation lives: steering committees, experience sharing, "
        "working groups, forums."
    ),
    "tab_table": "Table",
    "tab_add": "Add",
    "tab_edit": "Change or delete",
    "what_actor": "actor",
    "what_stake": "stake",
    "what_space": "space",
    "what_relation": "relation",
    "table_actor": "actors table",
    "table_stake": "stakes table",
    "table_space": "spaces table",
    "table_relation": "relations table",
    "form": "form",
    "form_add": "Add",
    "form_save": "Save changes",
    "form_acter": "A.C.T.E.R keys of a cooperation",
    "form_more": "Dates, source of the information, visibility, notes",
    "form_outdated": "This record has changed since you opened it.",
    "table_outdated": (
        "The map has changed since this table was opened. Reload the table to see the "
        "changes (edits not saved yet would be lost)."
    ),
    "save_rows": {"one": "Save {n} changed row", "other": "Save {n} changed rows"},
    "reload_table": "Reload the table",
    "rows_invalid": {
        "one": "{n} problem: nothing was saved. Correct it and save again.",
        "other": "{n} problems: nothing was saved. Correct them and save again.",
    },
    "summary_table": {
        "one": "changed {n} {what} row in the table",
        "other": "changed {n} {what} rows in the table",
    },
    "summary_add": "added the {what} {name}",
    "summary_edit": "changed the {what} {name}",
    "summary_delete": "deleted the {what} {name}",
    "pick_record": "Which {what}?",
    "pick_placeholder": "Search…",
    "record_gone": "This record no longer exists: someone deleted it.",
    "delete_title": "Delete",
    "delete_dependents": {
        "one": "Deleting {name} also deletes this relation ({n}):",
        "other": "Deleting {name} also deletes these {n} relations:",
    },
    "delete_alone": "Deleting {name} deletes no other record.",
    "delete_confirm": "I understand; delete it",
    "delete_button": "Delete",
    # import / export / history
    "intro_import": (
        "Upload a map: a zipped folder of CSV files, an Excel workbook or a JSON file. "
        "It is checked first; nothing is written while it holds errors."
    ),
    "import_upload": "Map to import",
    "import_help": "The same files as the command line reads; French column names are accepted.",
    "import_template_hint": "No file yet? Download the blank template from the Export page.",
    "import_invalid": {
        "one": "{name} holds {n} error. Nothing was imported.",
        "other": "{name} holds {n} errors. Nothing was imported.",
    },
    "import_nothing_written": "Correct the file and upload it again; the map was not changed.",
    "import_preview": "What {name} holds",
    "import_warnings": {
        "one": "{n} warning: the map can be imported; check it.",
        "other": "{n} warnings: the map can be imported; check them.",
    },
    "import_mode": "How to import",
    "import_merge": "Merge into the map (adds and updates, never deletes)",
    "import_patch_help": (
        "Merging patches the map: a relation may point to an actor already in the map; "
        "for a record already there, a filled cell updates the value, an empty cell "
        "keeps it and (empty) or (vide) clears it."
    ),
    "import_changes": "What the import changes, field by field",
    "import_no_change": "Nothing to change: the map already holds all of this.",
    "import_stale": (
        "The map changed since this preview (another edit was saved); nothing was "
        "imported. Check the changes below again, then import."
    ),
    "change_record": "record",
    "change_operation": "change",
    "change_field": "field",
    "change_before": "before",
    "change_after": "after",
    "change_added": "added",
    "change_changed": "changed",
    "change_removed": "removed",
    "import_replace": "Replace the map with this file",
    "import_button": "Import",
    "import_nothing": "Nothing changed: the map already holds exactly this.",
    "import_done": "{summary}. A snapshot named {snapshot} was taken after the import.",
    "count_actors": "Actors",
    "count_relations": "Relations",
    "count_stakes": "Stakes",
    "count_spaces": "Spaces",
    "kind_actor": "actors",
    "kind_stake": "stakes",
    "kind_space": "spaces",
    "kind_relation": "relations",
    "effect_kind": "records",
    "effect_added": "added",
    "effect_changed": "changed",
    "effect_unchanged": "unchanged",
    "effect_removed": "removed",
    "intro_export": "Download the map to work on it in a spreadsheet, keep a copy or open it in Gephi.",
    "export_map": "The map",
    "export_counts": "{actors} actors and {relations} relations.",
    "export_csv-zip": "CSV files (zip)",
    "export_xlsx": "Excel workbook",
    "export_json": "JSON",
    "export_gexf": "GEXF (Gephi)",
    "export_graphml": "GraphML (Gephi, yEd)",
    "export_format": "Format",
    "export_prepare": "Prepare the file",
    "export_failed": "This map cannot be written in that format:",
    "export_anonymised": "People are under pseudonyms: the file holds the anonymised map.",
    "export_template_title": "Blank template",
    "export_template_help": "An Excel workbook with the four sheets, their columns and drop-down lists.",
    "export_headers": "Column names",
    "export_headers_fr": "in French",
    "export_headers_en": "in English (the exchange format)",
    "export_headers_help": (
        "French names the sheets, columns and choices in French (acteurs, nom, personne, "
        "oui); both are read back by the import."
    ),
    "export_template": "Blank template (Excel)",
    "template_file_name": "ecomap-template.xlsx",
    "intro_history": "Every change made to the map, newest first. Undo goes back one change at a time.",
    "history_empty": "No change recorded yet.",
    "history_id": "n°",
    "history_at": "when",
    "history_action": "action",
    "history_summary": "what",
    "history_author": "who",
    "history_items": "records",
    "history_state": "state",
    "history_undone_by": "undone by n° {n}",
    "history_undoes": "undoes n° {n}",
    "history_pick": "Records of a change",
    "history_kind": "kind",
    "history_key": "record",
    "history_operation": "operation",
    "action_import": "import",
    "action_replace": "replacement",
    "action_upsert": "edit",
    "action_delete": "deletion",
    "action_undo": "undo",
    "action_restore": "snapshot restored",
    "operation_added": "added",
    "operation_changed": "changed",
    "operation_removed": "removed",
    # analyses
    "intro_fragility": (
        "Cooperation is carried by people. A link between two organisations is fragile "
        "when one departure ends it and nothing institutes it (no formal agreement, no "
        "instituted space)."
    ),
    "fragility_links": "Links between organisations",
    "fragility_people": "Key people",
    "fragility_what_if": "What if… people leave",
    "fragility_only_fragile": "Only fragile links",
    "fragility_links_count": {
        "one": "{n} fragile link out of {total} links between organisations.",
        "other": "{n} fragile links out of {total} links between organisations.",
    },
    "fragility_none": "No link between organisations hangs on a single person.",
    "fragility_no_key_people": "No person alone carries a link between organisations.",
    "col_link": "link",
    "col_bus_factor": "departures that end it",
    "col_carriers": "carried by",
    "col_instituted": "instituted",
    "col_fragile": "fragile",
    "col_person": "person",
    "col_links_lost": "links lost",
    "col_weight": "weight",
    "what_if_help": (
        "Choose the people who leave (or let leave everyone whose membership ends within "
        "some months) and see which links end, who is left isolated, what splits."
    ),
    "what_if_leaving": "People who leave",
    "what_if_months": "Memberships ending within (months)",
    "what_if_months_help": "0: only the people chosen.",
    "what_if_ended": "Links that end",
    "what_if_weakened": "Links weakened",
    "what_if_isolated": "Actors left isolated",
    "what_if_split": "Groups that split",
    "what_if_who": "Leaving: {names}",
    "intro_power": (
        "Political, administrative, institutional, technical and economic power. A "
        "relationship is imbalanced when one party dominates; counterweights are actors "
        "who could rebalance it."
    ),
    "power_imbalances": "Imbalances",
    "power_pair": "Counterweights for a pair",
    "power_grid": "Power–interest grid",
    "power_dominates": "{d} dominates {w}",
    "power_counterweights_for": "Possible counterweights on the side of {w}",
    "power_none": "No imbalanced relationship on this map.",
    "power_no_counterweight": "No actor could act as a counterweight here.",
    "power_pair_help": "Choose who dominates and who is dominated to get counterweight candidates.",
    "power_pick_dominant": "Dominant actor",
    "power_pick_weaker": "Dominated actor",
    "power_focal_stake": "Interest measured on",
    "power_all_stakes": "each actor's most important stake",
    "col_dominant": "dominant",
    "col_weaker": "dominated",
    "col_score": "score",
    "col_net_power": "net power",
    "col_power_gap": "power index gap",
    "col_actor": "actor",
    "col_leverage": "leverage",
    "col_alignment": "alignment",
    "col_ties": "ties",
    "col_dependence": "dependence",
    "col_quadrant": "quadrant",
    "col_power": "power",
    "col_interest": "interest",
    "quadrant_manage_closely": "manage closely",
    "quadrant_keep_satisfied": "keep satisfied",
    "quadrant_keep_informed": "keep informed",
    "quadrant_monitor": "monitor",
    "intro_stakes_tensions": (
        "Shared, crossed and antagonistic interests. Tensions are material for "
        "cooperation: they show where to work, and what common ground exists."
    ),
    "stakes_positions": "Positions on each stake",
    "stakes_latent": "Latent tensions",
    "stakes_untapped": "Untapped cooperation",
    "stakes_opportunities": "Tensions as opportunities",
    "col_stake": "stake",
    "col_supporters": "for",
    "col_opponents": "against",
    "col_balance": "balance weighted by power",
    "col_contested": "contested",
    "col_actors": "actors",
    "col_shared_stakes": "shared stakes",
    "col_intensity": "intensity",
    "intro_health": (
        "The A.C.T.E.R keys of a cooperation: Agree on an intention, know each other's "
        "work (which builds Trust), Translate it into shared rules, Evaluate the value "
        "created, share it fairly (Répartir)."
    ),
    "health_cooperations": "Cooperations",
    "health_actors": "Actors",
    "health_only_scored": "Only cooperations with A.C.T.E.R scores",
    "health_none": "No A.C.T.E.R score is recorded on this map.",
    "col_mean": "mean (0–3)",
    "col_weakest": "weakest key",
    "col_formal": "formal agreement",
    "col_instituted_space": "instituted space",
    "col_cooperations": "scored cooperations",
    "acter_agree": "agree on an intention",
    "acter_know": "know each other's work",
    "acter_trust": "trust",
    "acter_translate": "translate into shared rules",
    "acter_evaluate": "evaluate the value created",
    "acter_share": "share the value fairly",
    "intro_facilitators": (
        "A neutral third party facilitates between organisations without representing "
        "one of them: no party, no member or sub-unit of a party, no power relation "
        "with them."
    ),
    "facilitators_parties": "Between chosen parties",
    "facilitators_tensions": "For each tension",
    "facilitators_audit": "Audit of the spaces",
    "facilitators_pick": "Parties",
    "facilitators_help": "Choose at least one party to get neutral candidates.",
    "facilitators_none": "No neutral candidate on this map.",
    "col_cooperates_with": "cooperates with",
    "col_parties": "parties",
    "col_candidates": "candidates",
    "col_space": "space",
    "col_kind": "kind",
    "col_flagged": "flagged",
    "intro_bridges": (
        "Who links parts of the ecosystem that would otherwise not meet: betweenness, "
        "cut-points, structural holes and brokerage roles, communities."
    ),
    "intro_engagement": (
        "Drivers and followers: who drives, who risks disengaging with no driver nearby, "
        "which drivers are overloaded."
    ),
    "engagement_threshold": "Overload threshold (commitments a month)",
    "engagement_threshold_help": (
        "Load = cooperations + meetings a year / 12. Above the threshold a driver is "
        "overloaded; lower it for volunteers or part-time drivers."
    ),
    "engagement_steps": "A driver within (steps)",
    "engagement_drivers": "Drivers",
    "engagement_overloaded": "Overloaded drivers",
    "engagement_at_risk": "Followers with no driver nearby",
    "engagement_drivers_tab": "Drivers and their load",
    "engagement_followers_tab": "Followers at risk",
    "engagement_no_drivers": "No actor is recorded as a driver.",
    "engagement_no_risk": "Every follower has a driver nearby.",
    "col_load": "load",
    "col_cooperations_count": "cooperations",
    "col_meetings": "meetings a year",
    "col_overloaded": "overloaded",
    "col_nearest_driver": "nearest driver",
    "col_distance": "steps",
    "bridges_groups": "Groups for the brokerage roles",
    "bridges_groups_help": "Brokerage roles (Gould and Fernandez) depend on which group each actor belongs to.",
    "bridges_groups_organisation": "organisations",
    "bridges_groups_territory": "territories",
    "bridges_groups_level": "levels",
    "bridges_only_cut_points": "Only cut-points",
    "col_betweenness": "betweenness (% of shortest paths)",
    "col_cut_point": "cut-point",
    "col_brokerage": "open paths brokered",
    "col_effective_size": "effective size",
    "col_constraint": "constraint",
    "col_community": "community",
    "intro_levels": (
        "Micro (people), meso (organisations), macro (institutions and territories): "
        "cooperation happens at each level and between levels."
    ),
    "levels_count_micro": "Micro actors (people)",
    "levels_count_meso": "Meso actors (organisations)",
    "levels_count_macro": "Macro actors (institutions)",
    "levels_matrix": "Ties between levels",
    "levels_matrix_help": "Cooperation, power and tension relations between actors of each pair of levels.",
    "levels_bridges": "Actors who cooperate across levels",
    "levels_meso": "Map folded by organisation",
    "levels_macro": "Map folded by institution",
    "levels_folded": "{nodes} nodes, {edges} folded ties, {internal} ties inside a folded node.",
    "levels_show_map": "Show this view on the map",
    "col_level": "level",
    "col_levels_bridged": "levels reached",
    "col_source": "from",
    "col_target": "to",
    "col_count": "relations",
    "col_strength": "total strength",
    "col_types": "types",
    # -- the actor's card (app_pages/card.py) --
    "page_card": "Actor card",
    "card_intro": "Everything the map and every analysis say about one actor, with the reasons.",
    "card_pick": "Actor",
    "card_none": "Choose an actor, or click one on the map or in a result table.",
    "card_unknown": "No actor of the map has the id {id}: it may have been deleted, or the "
    "anonymised view is on or off since the link was made.",
    "card_open": "Card: {name}",
    "card_open_map": "Open the card",
    "card_centre": "Centre the map",
    "card_what_if": "What if they left?",
    "card_what_if_person": "The what-if concerns people: an organisation does not leave.",
    "card_identity": "Who",
    "card_kind": "Kind",
    "card_level": "Level",
    "card_territory": "Territory",
    "card_category": "Category",
    "card_role": "Role",
    "card_engagement": "Engagement",
    "card_tags": "Tags",
    "card_organisations": "Member of",
    "card_members": "Members",
    "card_part_of": "Part of",
    "card_units": "Sub-units",
    "card_relations": "Relations",
    "card_no_relations": "No relation in force on this date.",
    "card_relation_count": "{type} ({n})",
    "card_col_other": "with",
    "card_col_direction": "direction",
    "card_col_details": "details",
    "card_out": "→ towards",
    "card_in": "← from",
    "card_both": "↔ with",
    "card_analyses": "What the analyses say",
    "card_section_fragility": "Links it carries",
    "card_section_key_person": "Key person",
    "card_section_power": "Power and imbalances",
    "card_section_counterweight": "Counterweight roles",
    "card_section_bridging": "Bridging role",
    "card_section_stakes": "Stakes and stances",
    "card_section_engagement": "Engagement and load",
    "card_section_health": "A.C.T.E.R health of its cooperations",
    "card_section_facilitation": "Neutral third party",
    "card_findings": {
        "one": "{n} finding, with its reason",
        "other": "{n} findings, with their reasons",
    },
    "map_card_pick": "Open an actor's card",
    "map_click_help": "Click an actor on the map to open its card.",
    "map_focus_folded": "In this grouped view, {name} is drawn inside {group}: the map is "
    "centred on {group}. Choose the view « {view} » to see {name} alone.",
}

_FR = {
    # cadre et navigation
    "group_map": "Carte",
    "group_data": "Données",
    "group_analyses": "Analyses",
    "page_map": "Carte du réseau",
    "page_actors": "Acteurs",
    "page_relations": "Relations",
    "page_stakes": "Enjeux",
    "page_spaces": "Dispositifs",
    "page_import": "Importer",
    "page_export": "Exporter",
    "page_history": "Historique",
    "page_review": "Revue du comité",
    "group_review": "Revue",
    "page_glossary": "Glossaire",
    "intro_glossary": (
        "Chaque indicateur des analyses en clair : ce qu'il mesure et sur quelle échelle. Le "
        "terme technique et sa référence sont donnés pour les curieux."
    ),
    "glossary_search": "Chercher un indicateur",
    "glossary_search_placeholder": "par exemple : passerelle, pouvoir, confiance…",
    "glossary_technical": "Terme technique : {term}",
    "glossary_nothing": "Aucun indicateur ne correspond à cette recherche.",
    "page_fragility": "Fragilité",
    "page_power": "Rapports de force",
    "page_bridges": "Passerelles",
    "page_stakes_tensions": "Enjeux et tensions",
    "page_engagement": "Engagement",
    "page_health": "Santé des coopérations",
    "page_facilitators": "Tiers neutres",
    "page_levels": "Niveaux",
    "as_of": "Date d'analyse",
    "as_of_help": "Les relations terminées avant cette date, ou commençant après, sont écartées.",
    "read_only_banner": "Lecture seule : cette carte peut être explorée, pas modifiée.",
    "unprotected_banner": "Carte ouverte au réseau sans connexion : toute personne qui atteint "
    "cette adresse peut lire tous les noms et modifier la carte.",
    "anonymise": "Anonymiser les personnes",
    "anonymise_help": "Montre chaque personne sous un pseudonyme stable et masque les notes sur "
    "les personnes, sur toutes les pages, pour présenter la carte. Les structures gardent leur nom.",
    "anonymise_banner": "Les personnes apparaissent sous pseudonyme ; la modification est "
    "désactivée tant que cette option est active.",
    "read_only_page": "Mode lecture seule : la modification est désactivée sur cet explorateur.",
    "store_caption": "Carte conservée dans : {where}",
    "store_unavailable": "Impossible d'ouvrir la carte ({where}) : {why}",
    "store_how": (
        "Vérifiez où la carte est conservée : le réglage ECOMAP_STORE, ou [ecomap] store / "
        "[neo4j] uri, user, password dans les secrets Streamlit. Puis rechargez la page."
    ),
    "store_refused": "La carte n'a pas été modifiée : {why}",
    "analysis_failed": (
        "Cette analyse n'a pas pu être calculée sur cette carte. Le détail a été inscrit "
        "dans le journal de l'explorateur pour les mainteneurs."
    ),
    # éléments communs
    "choose_actor": "Rechercher un acteur…",
    "choose_actors": "Choisir des acteurs…",
    "choose_node": "Choisir…",
    "show_named": "Voir {name} sur la carte",
    "detail_pick": "Résultat détaillé",
    "no_results": "Rien à montrer sur cette carte.",
    "col_file": "fichier",
    "col_line": "ligne",
    "col_column": "colonne",
    "col_value": "valeur",
    "col_message": "problème",
    "col_reasons": "pourquoi",
    "yes": "oui",
    "no": "non",
    "and_more": "… et {n} de plus",
    "undo_nothing": "Aucune modification à annuler.",
    "undo_last": "Dernière modification : {summary} ({when})",
    "undo_button": "Annuler cette modification",
    "undone": "Annulé : {summary}",
    "saved": "Enregistré : {summary}",
    "nothing_changed": "Rien à enregistrer : la carte contient déjà ces valeurs.",
    "conflict": (
        "Quelqu'un d'autre a modifié cet élément depuis que vous l'avez ouvert : {who}. "
        "Rien n'a été enregistré. Rechargez pour voir sa version, puis refaites votre "
        "modification."
    ),
    "reload": "Recharger",
    # carte
    "map_intro": (
        "L'écosystème en réseau. Survolez un nœud ou un lien pour ses détails ; faites "
        "glisser pour déplacer, la molette pour zoomer. Couleurs, tailles et filtres se "
        "choisissent au-dessus de l'image."
    ),
    "map_view": "Vue",
    "view_micro": "Tous les acteurs",
    "view_meso": "Par organisation",
    "view_macro": "Par institution",
    "map_color_by": "Couleur selon",
    "map_size_by": "Taille selon",
    "size_degree": "nombre de liens affichés",
    "size_influence": "influence déclarée",
    "size_betweenness": "position de passerelle (intermédiarité)",
    "size_structural_power": "pouvoir structurel",
    "map_focus": "Centrer sur un acteur",
    "map_search": "Rechercher un acteur…",
    "map_depth": "Pas autour",
    "map_filters": "Filtres",
    "filter_all": "Tous",
    "filter_levels": "Niveaux",
    "filter_kinds": "Natures d'acteur",
    "filter_relations": "Relations affichées",
    "filter_territories": "Territoires",
    "filter_tags": "Étiquettes",
    "filter_stakes": "Acteurs ayant une position sur",
    "overlay_fragile": "Liens fragiles",
    "overlay_key_people": "Personnes clés",
    "overlay_bridges": "Acteurs passerelles",
    "overlay_imbalances": "Déséquilibres",
    "map_physics": "Animation",
    "map_physics_help": (
        "Les nœuds se réorganisent en continu. Désactivé par défaut pour que l'image reste "
        "la même d'une revue à l'autre."
    ),
    "map_large_micro": (
        "Cette carte compte {n} acteurs : tous sont dessinés, sans animation, à des "
        "positions calculées. Choisissez la vue Organisations ou filtrez pour une image "
        "plus lisible."
    ),
    "map_large_folded": (
        "Cette carte compte {n} acteurs (plus de {limit}) : elle est regroupée par "
        "organisation pour rester lisible. Choisissez « Tous les acteurs » pour voir "
        "chaque personne."
    ),
    "map_counts": "{nodes} nœuds et {edges} liens affichés.",
    "layout_title": "Disposition de l'image",
    "layout_help": (
        "Enregistrez la disposition actuelle pour que les nœuds gardent leur place d'une "
        "revue à l'autre ; les acteurs ajoutés ensuite se placent autour. Les positions "
        "sont conservées sur chaque acteur dans les champs personnalisés x et y (elles "
        "suivent les exports). Les déplacements faits à la souris dans l'image ne sont "
        "pas enregistrés."
    ),
    "layout_save": "Enregistrer cette disposition",
    "layout_forget": "Oublier la disposition enregistrée ({n} nœuds)",
    "layout_saved_summary": "disposition de {n} nœuds enregistrée",
    "layout_forgot_summary": "disposition de {n} nœuds oubliée",
    # données
    "intro_actor": (
        "Personnes, organisations et institutions. Modifiez les cellules du tableau "
        "(ajoutez des lignes en bas) puis enregistrez, ou utilisez les formulaires. Les "
        "contrôles sont ceux de l'import de tableur."
    ),
    "intro_relation": (
        "Qui coopère avec qui, qui a du pouvoir sur qui, les tensions, les appartenances, "
        "les positions sur les enjeux et la participation aux dispositifs."
    ),
    "intro_stake": "Ce qui compte pour les acteurs : les enjeux du territoire.",
    "intro_space": (
        "Les dispositifs où vit la coopération : comités de pilotage, retours "
        "d'expérience, groupes de travail, forums."
    ),
    "tab_table": "Tableau",
    "tab_add": "Ajouter",
    "tab_edit": "Modifier ou supprimer",
    "what_actor": "acteur",
    "what_stake": "enjeu",
    "what_space": "dispositif",
    "what_relation": "relation",
    "table_actor": "tableau des acteurs",
    "table_stake": "tableau des enjeux",
    "table_space": "tableau des dispositifs",
    "table_relation": "tableau des relations",
    "form": "formulaire",
    "form_add": "Ajouter",
    "form_save": "Enregistrer les modifications",
    "form_acter": "Clés A.C.T.E.R d'une coopération",
    "form_more": "Dates, source de l'information, visibilité, notes",
    "form_outdated": "Cet élément a changé depuis que vous l'avez ouvert.",
    "table_outdated": (
        "La carte a changé depuis l'ouverture de ce tableau. Rechargez le tableau pour "
        "voir les changements (les modifications non enregistrées seraient perdues)."
    ),
    "save_rows": {
        "one": "Enregistrer {n} ligne modifiée",
        "other": "Enregistrer {n} lignes modifiées",
    },
    "reload_table": "Recharger le tableau",
    "rows_invalid": {
        "one": "{n} problème : rien n'a été enregistré. Corrigez-le puis enregistrez à nouveau.",
        "other": "{n} problèmes : rien n'a été enregistré. Corrigez-les puis enregistrez à "
        "nouveau.",
    },
    "summary_table": {
        "one": "{n} ligne {what} modifiée dans le tableau",
        "other": "{n} lignes {what} modifiées dans le tableau",
    },
    "summary_add": "ajout {what} {name}",
    "summary_edit": "modification {what} {name}",
    "summary_delete": "suppression {what} {name}",
    "pick_record": "Quel élément ({what}) ?",
    "pick_placeholder": "Rechercher…",
    "record_gone": "Cet élément n'existe plus : quelqu'un l'a supprimé.",
    "delete_title": "Supprimer",
    "delete_dependents": {
        "one": "Supprimer {name} supprime aussi cette relation ({n}) :",
        "other": "Supprimer {name} supprime aussi ces {n} relations :",
    },
    "delete_alone": "Supprimer {name} ne supprime aucun autre élément.",
    "delete_confirm": "J'ai compris, supprimer",
    "delete_button": "Supprimer",
    # import, export, historique
    "intro_import": (
        "Déposez une carte : un dossier de fichiers CSV compressé en .zip, un classeur "
        "Excel ou un fichier JSON. Elle est d'abord vérifiée ; rien n'est écrit tant "
        "qu'elle contient des erreurs."
    ),
    "import_upload": "Carte à importer",
    "import_help": "Les mêmes fichiers que la ligne de commande ; les noms de colonnes en français sont acceptés.",
    "import_template_hint": "Pas encore de fichier ? Téléchargez le modèle vierge depuis la page Exporter.",
    "import_invalid": {
        "one": "{name} contient {n} erreur. Rien n'a été importé.",
        "other": "{name} contient {n} erreurs. Rien n'a été importé.",
    },
    "import_nothing_written": "Corrigez le fichier et déposez-le à nouveau ; la carte n'a pas été modifiée.",
    "import_preview": "Contenu de {name}",
    "import_warnings": {
        "one": "{n} avertissement : la carte peut être importée ; vérifiez-le.",
        "other": "{n} avertissements : la carte peut être importée ; vérifiez-les.",
    },
    "import_mode": "Mode d'import",
    "import_merge": "Fusionner avec la carte (ajoute et met à jour, ne supprime rien)",
    "import_patch_help": (
        "La fusion complète la carte : une relation peut viser un acteur déjà dans la "
        "carte ; pour un élément déjà présent, une cellule remplie change la valeur, une "
        "cellule vide la garde et (vide) l'efface."
    ),
    "import_changes": "Ce que l'import change, champ par champ",
    "import_no_change": "Rien à changer : la carte contient déjà tout cela.",
    "import_stale": (
        "La carte a changé depuis cet aperçu (une autre modification a été enregistrée) ; "
        "rien n'a été importé. Vérifiez à nouveau les changements ci-dessous, puis importez."
    ),
    "change_record": "élément",
    "change_operation": "changement",
    "change_field": "champ",
    "change_before": "avant",
    "change_after": "après",
    "change_added": "ajouté",
    "change_changed": "modifié",
    "change_removed": "supprimé",
    "import_replace": "Remplacer la carte par ce fichier",
    "import_button": "Importer",
    "import_nothing": "Rien n'a changé : la carte contient déjà exactement cela.",
    "import_done": "{summary}. Une photo nommée {snapshot} a été prise après l'import.",
    "count_actors": "Acteurs",
    "count_relations": "Relations",
    "count_stakes": "Enjeux",
    "count_spaces": "Dispositifs",
    "kind_actor": "acteurs",
    "kind_stake": "enjeux",
    "kind_space": "dispositifs",
    "kind_relation": "relations",
    "effect_kind": "éléments",
    "effect_added": "ajoutés",
    "effect_changed": "modifiés",
    "effect_unchanged": "inchangés",
    "effect_removed": "supprimés",
    "intro_export": (
        "Téléchargez la carte pour la retravailler dans un tableur, en garder une copie "
        "ou l'ouvrir dans Gephi."
    ),
    "export_map": "La carte",
    "export_counts": "{actors} acteurs et {relations} relations.",
    "export_csv-zip": "Fichiers CSV (zip)",
    "export_xlsx": "Classeur Excel",
    "export_json": "JSON",
    "export_gexf": "GEXF (Gephi)",
    "export_graphml": "GraphML (Gephi, yEd)",
    "export_format": "Format",
    "export_prepare": "Préparer le fichier",
    "export_failed": "Cette carte ne peut pas être écrite dans ce format :",
    "export_anonymised": "Les personnes sont sous pseudonyme : le fichier contient la carte anonymisée.",
    "export_template_title": "Modèle vierge",
    "export_template_help": "Un classeur Excel avec les quatre feuilles, leurs colonnes et des listes déroulantes.",
    "export_headers": "Noms des colonnes",
    "export_headers_fr": "en français",
    "export_headers_en": "en anglais (format d'échange)",
    "export_headers_help": (
        "En français, les feuilles, colonnes et choix portent des noms français (acteurs, nom, "
        "personne, oui) ; l'import relit les deux."
    ),
    "export_template": "Modèle vierge (Excel)",
    "template_file_name": "ecomap-modele.xlsx",
    "intro_history": (
        "Toutes les modifications de la carte, la plus récente en premier. Annuler revient "
        "en arrière d'une modification à la fois."
    ),
    "history_empty": "Aucune modification enregistrée pour l'instant.",
    "history_id": "n°",
    "history_at": "quand",
    "history_action": "action",
    "history_summary": "quoi",
    "history_author": "qui",
    "history_items": "éléments",
    "history_state": "état",
    "history_undone_by": "annulée par le n° {n}",
    "history_undoes": "annule le n° {n}",
    "history_pick": "Éléments d'une modification",
    "history_kind": "nature",
    "history_key": "élément",
    "history_operation": "opération",
    "action_import": "import",
    "action_replace": "remplacement",
    "action_upsert": "modification",
    "action_delete": "suppression",
    "action_undo": "annulation",
    "action_restore": "retour à une photo",
    "operation_added": "ajouté",
    "operation_changed": "modifié",
    "operation_removed": "supprimé",
    # analyses
    "intro_fragility": (
        "La coopération est portée par des personnes. Un lien entre deux organisations "
        "est fragile quand un seul départ y met fin et que rien ne l'institue (ni "
        "convention formelle, ni dispositif institué)."
    ),
    "fragility_links": "Liens entre organisations",
    "fragility_people": "Personnes clés",
    "fragility_what_if": "Et si… des personnes partent",
    "fragility_only_fragile": "Seulement les liens fragiles",
    "fragility_links_count": {
        "one": "{n} lien fragile sur {total} liens entre organisations.",
        "other": "{n} liens fragiles sur {total} liens entre organisations.",
    },
    "fragility_none": "Aucun lien entre organisations ne tient à une seule personne.",
    "fragility_no_key_people": "Aucune personne ne porte seule un lien entre organisations.",
    "col_link": "lien",
    "col_bus_factor": "départs qui y mettent fin",
    "col_carriers": "porté par",
    "col_instituted": "institué",
    "col_fragile": "fragile",
    "col_person": "personne",
    "col_links_lost": "liens perdus",
    "col_weight": "poids",
    "what_if_help": (
        "Choisissez les personnes qui partent (ou faites partir toutes celles dont "
        "l'appartenance se termine dans quelques mois) et voyez quels liens s'arrêtent, "
        "qui se retrouve isolé, ce qui se scinde."
    ),
    "what_if_leaving": "Personnes qui partent",
    "what_if_months": "Appartenances se terminant d'ici (mois)",
    "what_if_months_help": "0 : seulement les personnes choisies.",
    "what_if_ended": "Liens qui s'arrêtent",
    "what_if_weakened": "Liens affaiblis",
    "what_if_isolated": "Acteurs isolés",
    "what_if_split": "Groupes scindés",
    "what_if_who": "Départs : {names}",
    "intro_power": (
        "Pouvoirs politique, administratif, institutionnel, technique et économique. Une "
        "relation est déséquilibrée quand une partie domine ; les contrepoids sont les "
        "acteurs qui pourraient la rééquilibrer."
    ),
    "power_imbalances": "Déséquilibres",
    "power_pair": "Contrepoids pour une paire",
    "power_grid": "Grille pouvoir–intérêt",
    "power_dominates": "{d} domine {w}",
    "power_counterweights_for": "Contrepoids possibles du côté de {w}",
    "power_none": "Aucune relation déséquilibrée sur cette carte.",
    "power_no_counterweight": "Aucun acteur ne pourrait servir de contrepoids ici.",
    "power_pair_help": "Choisissez qui domine et qui est dominé pour obtenir des contrepoids possibles.",
    "power_pick_dominant": "Acteur dominant",
    "power_pick_weaker": "Acteur dominé",
    "power_focal_stake": "Intérêt mesuré sur",
    "power_all_stakes": "l'enjeu le plus important de chaque acteur",
    "col_dominant": "dominant",
    "col_weaker": "dominé",
    "col_score": "score",
    "col_net_power": "pouvoir net",
    "col_power_gap": "écart d'indice de pouvoir",
    "col_actor": "acteur",
    "col_leverage": "levier",
    "col_alignment": "alignement",
    "col_ties": "liens",
    "col_dependence": "dépendance",
    "col_quadrant": "quadrant",
    "col_power": "pouvoir",
    "col_interest": "intérêt",
    "quadrant_manage_closely": "associer étroitement",
    "quadrant_keep_satisfied": "satisfaire",
    "quadrant_keep_informed": "informer",
    "quadrant_monitor": "surveiller",
    "intro_stakes_tensions": (
        "Intérêts partagés, croisés et antagonistes. Les tensions sont une matière de la "
        "coopération : elles montrent où travailler, et sur quel terrain commun."
    ),
    "stakes_positions": "Positions sur chaque enjeu",
    "stakes_latent": "Tensions latentes",
    "stakes_untapped": "Coopérations à engager",
    "stakes_opportunities": "Tensions, terrains communs",
    "col_stake": "enjeu",
    "col_supporters": "pour",
    "col_opponents": "contre",
    "col_balance": "balance pondérée par le pouvoir",
    "col_contested": "disputé",
    "col_actors": "acteurs",
    "col_shared_stakes": "enjeux partagés",
    "col_intensity": "intensité",
    "intro_health": (
        "Les clés A.C.T.E.R d'une coopération : s'Accorder sur une intention, Connaître "
        "le travail de l'autre (ce qui fonde la Confiance), Traduire en règles communes, "
        "Évaluer la valeur créée, la Répartir équitablement."
    ),
    "health_cooperations": "Coopérations",
    "health_actors": "Acteurs",
    "health_only_scored": "Seulement les coopérations notées A.C.T.E.R",
    "health_none": "Aucune note A.C.T.E.R n'est renseignée sur cette carte.",
    "col_mean": "moyenne (0–3)",
    "col_weakest": "clé la plus faible",
    "col_formal": "accord formel",
    "col_instituted_space": "dispositif institué",
    "col_cooperations": "coopérations notées",
    "acter_agree": "s'accorder sur une intention",
    "acter_know": "connaître le travail de l'autre",
    "acter_trust": "confiance",
    "acter_translate": "traduire en règles communes",
    "acter_evaluate": "évaluer la valeur créée",
    "acter_share": "répartir équitablement la valeur",
    "intro_facilitators": (
        "Un tiers neutre facilite les échanges entre organisations sans représenter "
        "l'une d'elles : ni partie, ni membre ou composante d'une partie, sans rapport "
        "de force avec elles."
    ),
    "facilitators_parties": "Entre des parties choisies",
    "facilitators_tensions": "Pour chaque tension",
    "facilitators_audit": "Audit des dispositifs",
    "facilitators_pick": "Parties",
    "facilitators_help": "Choisissez au moins une partie pour obtenir des tiers neutres possibles.",
    "facilitators_none": "Aucun tiers neutre possible sur cette carte.",
    "col_cooperates_with": "coopère avec",
    "col_parties": "parties",
    "col_candidates": "tiers possibles",
    "col_space": "dispositif",
    "col_kind": "nature",
    "col_flagged": "signalé",
    "intro_bridges": (
        "Qui relie des parties de l'écosystème qui sinon ne se rencontreraient pas : "
        "intermédiarité, points de coupure, trous structuraux et rôles de courtage, "
        "communautés."
    ),
    "intro_engagement": (
        "Moteurs et suiveurs : qui entraîne, qui risque de décrocher sans moteur à "
        "proximité, quels moteurs sont surchargés."
    ),
    "engagement_threshold": "Seuil de surcharge (engagements par mois)",
    "engagement_threshold_help": (
        "Charge = coopérations + réunions par an / 12. Au-dessus du seuil, un moteur est "
        "surchargé ; abaissez-le pour des bénévoles ou des temps partiels."
    ),
    "engagement_steps": "Un moteur à moins de (pas)",
    "engagement_drivers": "Moteurs",
    "engagement_overloaded": "Moteurs surchargés",
    "engagement_at_risk": "Suiveurs sans moteur proche",
    "engagement_drivers_tab": "Moteurs et leur charge",
    "engagement_followers_tab": "Suiveurs à risque",
    "engagement_no_drivers": "Aucun acteur n'est noté comme moteur.",
    "engagement_no_risk": "Chaque suiveur a un moteur à proximité.",
    "col_load": "charge",
    "col_cooperations_count": "coopérations",
    "col_meetings": "réunions par an",
    "col_overloaded": "surchargé",
    "col_nearest_driver": "moteur le plus proche",
    "col_distance": "pas",
    "bridges_groups": "Groupes pour les rôles de courtage",
    "bridges_groups_help": "Les rôles de courtage (Gould et Fernandez) dépendent du groupe de chaque acteur.",
    "bridges_groups_organisation": "organisations",
    "bridges_groups_territory": "territoires",
    "bridges_groups_level": "niveaux",
    "bridges_only_cut_points": "Seulement les points d'articulation",
    "col_betweenness": "intermédiarité (% des plus courts chemins)",
    "col_cut_point": "point d'articulation",
    "col_brokerage": "chemins ouverts reliés",
    "col_effective_size": "taille effective",
    "col_constraint": "contrainte",
    "col_community": "communauté",
    "intro_levels": (
        "Micro (les personnes), méso (les organisations), macro (les institutions et "
        "territoires) : la coopération se joue à chaque niveau et entre les niveaux."
    ),
    "levels_count_micro": "Acteurs micro (personnes)",
    "levels_count_meso": "Acteurs méso (organisations)",
    "levels_count_macro": "Acteurs macro (institutions)",
    "levels_matrix": "Liens entre niveaux",
    "levels_matrix_help": "Relations de coopération, de pouvoir et de tension entre acteurs de chaque paire de niveaux.",
    "levels_bridges": "Acteurs qui coopèrent entre niveaux",
    "levels_meso": "Carte regroupée par organisation",
    "levels_macro": "Carte regroupée par institution",
    "levels_folded": "{nodes} nœuds, {edges} liens regroupés, {internal} liens internes à un nœud regroupé.",
    "levels_show_map": "Voir cette vue sur la carte",
    "col_level": "niveau",
    "col_levels_bridged": "niveaux atteints",
    "col_source": "de",
    "col_target": "vers",
    "col_count": "relations",
    "col_strength": "force totale",
    "col_types": "types",
    # -- the actor's card (app_pages/card.py) --
    "page_card": "Fiche acteur",
    "card_intro": "Tout ce que la carte et chaque analyse disent d'un acteur, avec les raisons.",
    "card_pick": "Acteur",
    "card_none": "Choisissez un acteur, ou cliquez-en un sur la carte ou dans un tableau de "
    "résultats.",
    "card_unknown": "Aucun acteur de la carte n'a l'identifiant {id} : il a peut-être été "
    "supprimé, ou la vue anonymisée a été activée ou désactivée depuis le lien.",
    "card_open": "Fiche : {name}",
    "card_open_map": "Ouvrir la fiche",
    "card_centre": "Centrer la carte",
    "card_what_if": "Et s'il partait ?",
    "card_what_if_person": "Le « et si » concerne les personnes : une organisation ne part pas.",
    "card_identity": "Qui",
    "card_kind": "Nature",
    "card_level": "Niveau",
    "card_territory": "Territoire",
    "card_category": "Catégorie",
    "card_role": "Rôle",
    "card_engagement": "Engagement",
    "card_tags": "Étiquettes",
    "card_organisations": "Membre de",
    "card_members": "Membres",
    "card_part_of": "Composante de",
    "card_units": "Composantes",
    "card_relations": "Relations",
    "card_no_relations": "Aucune relation en cours à cette date.",
    "card_relation_count": "{type} ({n})",
    "card_col_other": "avec",
    "card_col_direction": "sens",
    "card_col_details": "précisions",
    "card_out": "→ vers",
    "card_in": "← de",
    "card_both": "↔ avec",
    "card_analyses": "Ce que disent les analyses",
    "card_section_fragility": "Liens qu'il porte",
    "card_section_key_person": "Personne clé",
    "card_section_power": "Pouvoir et rapports de force",
    "card_section_counterweight": "Rôles de contrepoids",
    "card_section_bridging": "Rôle de passerelle",
    "card_section_stakes": "Enjeux et positions",
    "card_section_engagement": "Engagement et charge",
    "card_section_health": "Santé A.C.T.E.R de ses coopérations",
    "card_section_facilitation": "Tiers neutre",
    "card_findings": {
        "one": "{n} constat, avec sa raison",
        "other": "{n} constats, avec leurs raisons",
    },
    "map_card_pick": "Ouvrir la fiche d'un acteur",
    "map_click_help": "Cliquez sur un acteur de la carte pour ouvrir sa fiche.",
    "map_focus_folded": "Dans cette vue regroupée, {name} est dans {group} : la carte est "
    "centrée sur {group}. Choisissez la vue « {view} » pour voir {name} seul(e).",
}

# The map of the territory (app_pages/territory.py), both languages in one block.
_TERRITORY_EN = {
    "page_territory": "Territory",
    "territory_intro": "Actors with a latitude and a longitude on a map of the territory, "
    "their cooperations and tensions as arcs, and the ties inside each territory and between "
    "territories.",
    "territory_relations": "Ties drawn",
    "territory_tiles_bad": "The background map setting cannot be used ({error}): actors and "
    "ties are drawn on a plain background.",
    "territory_anonymised": "Anonymised: people's coordinates are not shown, so only "
    "organisations and institutions appear on the map of the territory.",
    "territory_counts": "{shown} of {total} actors have coordinates.",
    "territory_summary": "Ties inside each territory",
    "territory_summary_help": "A cooperation is a pair of actors that cooperate, a tension a "
    "pair of actors in tension, each counted once, as on the analysis date.",
    "territory_between": "Ties between territories",
    "territory_missing": "Actors without coordinates",
    "territory_missing_help": "To place an actor on the map, give its latitude and longitude "
    "(decimal degrees, e.g. 47.25 and 6.02): in the lat and lon columns of the actors file "
    "before importing it, or in the latitude and longitude fields of the Actors page.",
    "territory_all_located": "Every actor shown has coordinates.",
    "col_territory": "territory",
    "col_territory_a": "territory",
    "col_territory_b": "other territory",
    "col_located": "on the map",
    "col_cooperating_pairs": "cooperating pairs",
    "col_tensions": "pairs in tension",
    "col_why": "why",
    "territory_none": "(no territory)",
    "review_geography": "Add the map of the territory",
}
_TERRITORY_FR = {
    "page_territory": "Territoire",
    "territory_intro": "Les acteurs dont la latitude et la longitude sont connues, sur une "
    "carte du territoire, avec leurs coopérations et tensions en arcs, et les liens à "
    "l'intérieur de chaque territoire et entre territoires.",
    "territory_relations": "Liens dessinés",
    "territory_tiles_bad": "Le réglage du fond de carte est inutilisable ({error}) : acteurs "
    "et liens sont dessinés sur un fond uni.",
    "territory_anonymised": "Anonymisé : les coordonnées des personnes ne sont pas montrées, "
    "seules les organisations et institutions apparaissent sur la carte du territoire.",
    "territory_counts": "{shown} acteurs sur {total} ont des coordonnées.",
    "territory_summary": "Liens à l'intérieur de chaque territoire",
    "territory_summary_help": "Une coopération est une paire d'acteurs qui coopèrent, une "
    "tension une paire d'acteurs en tension, chacune comptée une fois, à la date d'analyse.",
    "territory_between": "Liens entre territoires",
    "territory_missing": "Acteurs sans coordonnées",
    "territory_missing_help": "Pour placer un acteur sur la carte, donnez sa latitude et sa "
    "longitude (en degrés décimaux, par exemple 47,25 et 6,02) : dans les colonnes lat et lon "
    "du fichier des acteurs avant de l'importer, ou dans les champs latitude et longitude de "
    "la page Acteurs.",
    "territory_all_located": "Tous les acteurs affichés ont des coordonnées.",
    "col_territory": "territoire",
    "col_territory_a": "territoire",
    "col_territory_b": "autre territoire",
    "col_located": "sur la carte",
    "col_cooperating_pairs": "paires qui coopèrent",
    "col_tensions": "paires en tension",
    "col_why": "pourquoi",
    "territory_none": "(sans territoire)",
    "review_geography": "Ajouter la carte du territoire",
}

#: Result columns that show an indicator: text key → (glossary key, unit after the name).
#: Their header is the glossary's plain name and their tooltip its explanation, scale,
#: technical term and reference (:func:`ecomap.glossary.help_text`).
COLUMN_TERMS: dict[str, tuple[str, str]] = {
    "col_bus_factor": ("bus_factor", ""),
    "col_instituted": ("instituted", ""),
    "col_fragile": ("fragile", ""),
    "col_links_lost": ("links_lost", ""),
    "col_net_power": ("net_power", ""),
    "col_power_gap": ("power_gap", ""),
    "col_leverage": ("leverage", ""),
    "col_alignment": ("alignment", ""),
    "col_ties": ("ties", ""),
    "col_dependence": ("dependence", ""),
    "col_quadrant": ("quadrant", ""),
    "col_power": ("power_index", ""),
    "col_interest": ("interest", ""),
    "col_balance": ("balance", ""),
    "col_contested": ("contested", ""),
    "col_intensity": ("intensity", ""),
    "col_mean": ("acter_mean", " (0–3)"),
    "col_weakest": ("weakest_key", ""),
    "col_instituted_space": ("instituted_space", ""),
    "col_flagged": ("space_flagged", ""),
    "col_load": ("load", ""),
    "col_distance": ("distance", ""),
    "col_betweenness": ("betweenness", " (%)"),
    "col_cut_point": ("articulation_point", ""),
    "col_brokerage": ("brokerage", ""),
    "col_effective_size": ("effective_size", ""),
    "col_constraint": ("constraint", ""),
    "col_community": ("community", ""),
    "col_levels_bridged": ("levels_bridged", ""),
    "col_strength": ("strength", ""),
}

TEXT: dict[str, dict[str, Template]] = {
    "en": {**_EN, **_FIELDS_EN, **_TERRITORY_EN},
    "fr": {**_FR, **_FIELDS_FR, **_TERRITORY_FR},
}


def text(key: str, lang: str = "fr", **values: Any) -> str:
    """The interface's words for ``key`` in ``lang`` (French by default).

    >>> text("saved", "fr", summary="ajout acteur Mairie")
    'Enregistré : ajout acteur Mairie'
    >>> sorted(TEXT["fr"]) == sorted(TEXT["en"])
    True
    """
    return say(TEXT, key, lang, **values)


# The store writes its own summaries of imports, restores, undos and unnamed edits in
# English (the change log is shared by the CLI and every user). They follow the few
# patterns below, which the French interface says again in French.
_SUMMARY_FR = {
    "imported": "import de {actors} et {relations}{source}",
    "replaced": "carte remplacée par {actors} et {relations}{source}",
    "source": " depuis « {source} »",
    "restored": "retour à la photo « {name} »",
    "undid": "annulation de la modification n° {id} ({summary})",
    "counts": "{operation} de {what}",
    "added": "ajout",
    "changed": "modification",
    "removed": "retrait",
    "actor": "acteur",
    "actors": "acteurs",
    "relation": "relation",
    "relations": "relations",
    "stake": "enjeu",
    "stakes": "enjeux",
    "space": "dispositif",
    "spaces": "dispositifs",
}
_IMPORTED = re.compile(
    r"(?P<kind>imported|replaced the map with) (?P<actors>\d+) actors, "
    r"(?P<relations>\d+) relations(?: from (?P<source>.*))?",
    re.S,
)
_RESTORED = re.compile(r"restored snapshot '(?P<name>.*)'", re.S)
_UNDID = re.compile(r"undid change (?P<id>\d+): (?P<summary>.*)", re.S)
_COUNTED = re.compile(r"(?P<action>[a-z]+): (?P<parts>(?:added|changed|removed) .*)", re.S)
_COUNT = re.compile(r"(?P<n>\d+) (?P<kind>[a-z]+)")


def _counted(n: int, kind: str) -> str:
    """``1 acteur``, ``0 acteur``, ``3 acteurs`` (French: plural from 2)."""
    word = _SUMMARY_FR.get(kind if n < 2 else f"{kind}s", kind)
    return f"{n} {word}"


def change_text(summary: str, lang: str = "fr") -> str:
    """A change-log summary in ``lang``: the store's own summaries said again in French.

    Summaries typed in the app are shown as they were written.

    >>> change_text("imported 150 actors, 500 relations from territoire.xlsx")
    'import de 150 acteurs et 500 relations depuis « territoire.xlsx »'
    >>> change_text("undid change 4: restored snapshot 'copil-mars'")
    'annulation de la modification n° 4 (retour à la photo « copil-mars »)'
    >>> change_text("delete: removed 1 actor, 2 relations; added 1 stake")
    'suppression : retrait de 1 acteur et 2 relations ; ajout de 1 enjeu'
    >>> change_text("Ajout acteur Mairie"), change_text("imported 2 actors, 1 relations", "en")
    ('Ajout acteur Mairie', 'imported 2 actors, 1 relations')
    """
    if lang != "fr":
        return summary
    words = _SUMMARY_FR
    if match := _IMPORTED.fullmatch(summary):
        source = match["source"]
        return words["imported" if match["kind"] == "imported" else "replaced"].format(
            actors=_counted(int(match["actors"]), "actor"),
            relations=_counted(int(match["relations"]), "relation"),
            source=words["source"].format(source=source) if source else "",
        )
    if match := _RESTORED.fullmatch(summary):
        return words["restored"].format(name=match["name"])
    if match := _UNDID.fullmatch(summary):
        return words["undid"].format(id=match["id"], summary=change_text(match["summary"], lang))
    if (match := _COUNTED.fullmatch(summary)) and f"action_{match['action']}" in TEXT["fr"]:
        parts = []
        for part in match["parts"].split("; "):
            operation, _, counted = part.partition(" ")
            what = listing(
                [
                    _counted(int(m["n"]), m["kind"].removesuffix("s"))
                    for m in _COUNT.finditer(counted)
                ],
                lang,
                limit=None,
            )
            parts.append(words["counts"].format(operation=words[operation], what=what))
        return f"{text('action_' + match['action'], lang)} : " + " ; ".join(parts)
    return summary


# The explorer's words about long work and long tables (appended: see TEXT above).
TEXT["en"].update(
    {
        "working_map": "Reading the map from {where}…",
        "working_graph": {
            "one": "Preparing the network of {n} actor for the analyses…",
            "other": "Preparing the network of {n} actors for the analyses…",
        },
        "working_analysis": {
            "one": "Analysing {n} actor: once per version of the map, for every viewer…",
            "other": "Analysing {n} actors: once per version of the map, for every viewer…",
        },
        "working_report": "Writing the report: the analyses, then the pages…",
        "working_compare": "Comparing the two versions of the map and their analyses…",
        "working_import_read": "Reading and checking {name}…",
        "working_import_write": "Writing the map to the store…",
        "rows_show_all": {
            "one": "Show {n} row",
            "other": "Show all {n} rows",
        },
        "rows_shown": {
            "one": "The first {shown} rows of {n}, the most telling first.",
            "other": "The first {shown} rows of {n}, the most telling first.",
        },
    }
)
TEXT["fr"].update(
    {
        "working_map": "Lecture de la carte dans {where}…",
        "working_graph": {
            "one": "Préparation du réseau de {n} acteur pour les analyses…",
            "other": "Préparation du réseau de {n} acteurs pour les analyses…",
        },
        "working_analysis": {
            "one": "Analyse de {n} acteur : une fois par version de la carte, "
            "pour toutes les personnes qui la consultent…",
            "other": "Analyse de {n} acteurs : une fois par version de la carte, "
            "pour toutes les personnes qui la consultent…",
        },
        "working_report": "Rédaction du rapport : les analyses, puis les pages…",
        "working_compare": "Comparaison des deux versions de la carte et de leurs analyses…",
        "working_import_read": "Lecture et vérification de {name}…",
        "working_import_write": "Enregistrement de la carte…",
        "rows_show_all": {
            "one": "Afficher {n} ligne",
            "other": "Afficher les {n} lignes",
        },
        "rows_shown": {
            "one": "Les {shown} premières lignes sur {n}, les plus parlantes d'abord.",
            "other": "Les {shown} premières lignes sur {n}, les plus parlantes d'abord.",
        },
    }
)
