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
    "pick_chosen": "{label}: {chosen}",
    "pick_help": "Opens the list of the map's {n} actors: type part of a name to find one.",
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
    # Saved views and the presentation (app_pages/views.py, app_pages/views_state.py).
    "page_views": "Views",
    "views_intro": "The map's saved views: filters, the actor in the centre, overlays, "
    "colours, sizes, level and layout. Open one on the map, or present them one after "
    "another full-screen, for a steering committee.",
    "views_panel": "Saved views",
    "views_save_title": "Save this view",
    "views_name": "Name of the view",
    "views_description": "Description (shown under the title in the presentation)",
    "views_overwrite": "Replace the view of the same name",
    "views_save": "Save this view",
    "views_saved": "View “{name}” saved.",
    "views_refused": "The view was not saved: {why}",
    "views_unreadable": "The saved views cannot be read: {why}",
    "views_open_label": "Open a view",
    "views_open": "Open",
    "views_opened": "View “{name}” opened: the map takes its choices.",
    "views_left_out": "What the view “{name}” asked for and the map no longer holds:",
    "views_left_out_short": "Left out:",
    "views_none": "No saved view yet.",
    "views_all": "Every view and the presentation",
    "views_empty": "No saved view. On the Map page, set the map up, then “Save this view”.",
    "views_present": "Present the views full-screen",
    "views_present_from": "Present from this one",
    "views_choose": "View",
    "views_open_map": "Open on the map",
    "views_edit_title": "Change the view",
    "views_slide": "{n} / {total}",
    "views_previous": "Previous",
    "views_next": "Next",
    "views_leave": "Leave",
    "views_col_order": "order",
    "views_col_name": "name",
    "views_col_description": "description",
    "views_col_updated": "changed on",
    "views_col_author": "by",
    "views_col_notes": "to note",
    "views_col_notes_n": {"one": "{n} unknown setting", "other": "{n} unknown settings"},
    "views_rename_label": "New name",
    "views_rename": "Rename",
    "views_renamed": "View renamed “{name}”.",
    "views_describe": "Save the description",
    "views_described": "Description of the view “{name}” saved.",
    "views_up": "Move up",
    "views_down": "Move down",
    "views_delete": "Delete",
    "views_delete_confirm": "Delete the view “{name}”? The map itself does not change.",
    "views_delete_yes": "Yes, delete the view",
    "views_deleted": "View “{name}” deleted.",
    "views_log": "Views' log",
    "views_log_empty": "No change to the views yet.",
    "views_action_save": "saved",
    "views_action_rename": "renamed",
    "views_action_describe": "described",
    "views_action_reorder": "reordered",
    "views_action_delete": "deleted",
    # map page: groups of actors (large maps)
    "map_group_by": "Group",
    "group_by_none": "No grouping",
    "group_by_community": "By cooperation community",
    "group_by_organisation": "By organisation (institution at the top)",
    "group_by_territory": "By territory",
    "map_group_by_help": (
        "Draw the actors as groups, the number of actors written on each: communities "
        "of actors who cooperate among themselves, the institution or organisation at the "
        "top of each actor's, or territories. With no grouping, the View choice applies."
    ),
    "map_group": "Open a group",
    "map_group_all": "All groups",
    "map_group_option": {"one": "{name} — {n} actor", "other": "{name} — {n} actors"},
    "map_grouped": (
        "The {n} actors shown are drawn as {groups} groups ({by}), the number of actors "
        "written on each and sizing it. {links} Choose a group (or click it) to "
        "see its actors."
    ),
    "map_grouped_links_all": "Every link between groups is drawn ({drawn}), with its number of ties.",
    "map_grouped_links_thinned": (
        "{drawn} of the {links} links between groups are drawn: the strongest of each "
        "group, with their number of ties."
    ),
    "map_group_open": (
        "Group « {name} »: its {n} actors shown and their ties; the {others} other groups "
        "they are tied to are drawn as one node each, with their number of actors."
    ),
    "map_group_focus": "Centred on an actor: the grouping is set aside while an actor is at the centre.",
    "map_large_ungrouped": (
        "This map holds {n} actors (more than {limit}): this view draws {nodes} nodes. "
        "Choose a grouping for a picture a person can read."
    ),
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
    "pick_chosen": "{label} : {chosen}",
    "pick_help": "Ouvre la liste des {n} acteurs de la carte : tapez une partie d'un nom "
    "pour en trouver un.",
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
    # Saved views and the presentation (app_pages/views.py, app_pages/views_state.py).
    "page_views": "Vues",
    "views_intro": "Les vues enregistrées de la carte : filtres, acteur au centre, "
    "surcouches, couleurs, tailles, niveau et disposition. Ouvrez-en une sur la carte, ou "
    "présentez-les l'une après l'autre en plein écran, pour un comité de pilotage.",
    "views_panel": "Vues enregistrées",
    "views_save_title": "Enregistrer cette vue",
    "views_name": "Nom de la vue",
    "views_description": "Description (montrée sous le titre pendant la présentation)",
    "views_overwrite": "Remplacer la vue de même nom",
    "views_save": "Enregistrer cette vue",
    "views_saved": "Vue « {name} » enregistrée.",
    "views_refused": "La vue n'a pas été enregistrée : {why}",
    "views_unreadable": "Les vues enregistrées ne peuvent pas être lues : {why}",
    "views_open_label": "Ouvrir une vue",
    "views_open": "Ouvrir",
    "views_opened": "Vue « {name} » ouverte : la carte reprend ses choix.",
    "views_left_out": "Ce que la vue « {name} » demandait et que la carte n'a plus :",
    "views_left_out_short": "Laissé de côté :",
    "views_none": "Aucune vue enregistrée pour l'instant.",
    "views_all": "Toutes les vues et la présentation",
    "views_empty": "Aucune vue enregistrée. Sur la page Carte, réglez la carte puis "
    "« Enregistrer cette vue ».",
    "views_present": "Présenter les vues en plein écran",
    "views_present_from": "Présenter à partir de celle-ci",
    "views_choose": "Vue",
    "views_open_map": "Ouvrir sur la carte",
    "views_edit_title": "Modifier la vue",
    "views_slide": "{n} / {total}",
    "views_previous": "Précédente",
    "views_next": "Suivante",
    "views_leave": "Quitter",
    "views_col_order": "ordre",
    "views_col_name": "nom",
    "views_col_description": "description",
    "views_col_updated": "modifiée le",
    "views_col_author": "par",
    "views_col_notes": "à noter",
    "views_col_notes_n": {"one": "{n} réglage inconnu", "other": "{n} réglages inconnus"},
    "views_rename_label": "Nouveau nom",
    "views_rename": "Renommer",
    "views_renamed": "Vue renommée « {name} ».",
    "views_describe": "Enregistrer la description",
    "views_described": "Description de la vue « {name} » enregistrée.",
    "views_up": "Monter",
    "views_down": "Descendre",
    "views_delete": "Supprimer",
    "views_delete_confirm": "Supprimer la vue « {name} » ? La carte elle-même ne change pas.",
    "views_delete_yes": "Oui, supprimer la vue",
    "views_deleted": "Vue « {name} » supprimée.",
    "views_log": "Historique des vues",
    "views_log_empty": "Aucune modification des vues pour l'instant.",
    "views_action_save": "enregistrement",
    "views_action_rename": "renommage",
    "views_action_describe": "description",
    "views_action_reorder": "nouvel ordre",
    "views_action_delete": "suppression",
    # map page: groups of actors (large maps)
    "map_group_by": "Regrouper",
    "group_by_none": "Sans regroupement",
    "group_by_community": "Par communauté de coopération",
    "group_by_organisation": "Par organisation (institution de tête)",
    "group_by_territory": "Par territoire",
    "map_group_by_help": (
        "Dessiner les acteurs en groupes, le nombre d'acteurs inscrit sur chacun : "
        "communautés d'acteurs qui coopèrent entre eux, institution ou organisation de "
        "tête de chaque acteur, ou territoires. Sans regroupement, le choix de la Vue "
        "s'applique."
    ),
    "map_group": "Ouvrir un groupe",
    "map_group_all": "Tous les groupes",
    "map_group_option": {"one": "{name} — {n} acteur", "other": "{name} — {n} acteurs"},
    "map_grouped": (
        "Les {n} acteurs affichés sont dessinés en {groups} groupes ({by}), le nombre "
        "d'acteurs inscrit sur chacun et donnant sa taille. {links} Choisissez "
        "un groupe (ou cliquez dessus) pour voir ses acteurs."
    ),
    "map_grouped_links_all": "Tous les liens entre groupes sont tracés ({drawn}), avec leur nombre de liens.",
    "map_grouped_links_thinned": (
        "{drawn} des {links} liens entre groupes sont tracés : les plus forts de chaque "
        "groupe, avec leur nombre de liens."
    ),
    "map_group_open": (
        "Groupe « {name} » : ses {n} acteurs et leurs liens ; les {others} autres groupes "
        "auxquels ils sont liés sont dessinés chacun comme un seul nœud, avec leur nombre "
        "d'acteurs."
    ),
    "map_group_focus": "Centrée sur un acteur : le regroupement est mis de côté tant qu'un acteur est au centre.",
    "map_large_ungrouped": (
        "Cette carte compte {n} acteurs (plus de {limit}) : cette vue dessine {nodes} "
        "nœuds. Choisissez un regroupement pour une image lisible."
    ),
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

# The map's renderer (app_pages/map.py, ecomap/views/webgl.py), both languages in one block.
_RENDERER_EN = {
    "map_advanced": "Advanced",
    "map_renderer": "Drawing",
    "map_renderer_auto": "Automatic (WebGL from {n} nodes)",
    "map_renderer_pyvis": "Standard",
    "map_renderer_webgl": "WebGL, for large maps",
    "map_renderer_help": (
        "Standard drawing shows each kind of actor with its own shape and each relation "
        "type with its own line. WebGL draws thousands of actors at once and keeps panning "
        "and zooming smooth; every actor is a disc."
    ),
}
_RENDERER_FR = {
    "map_advanced": "Options avancées",
    "map_renderer": "Dessin",
    "map_renderer_auto": "Automatique (WebGL à partir de {n} nœuds)",
    "map_renderer_pyvis": "Standard",
    "map_renderer_webgl": "WebGL, pour les grandes cartes",
    "map_renderer_help": (
        "Le dessin standard donne à chaque nature d'acteur sa forme et à chaque type de "
        "relation son trait. WebGL dessine des milliers d'acteurs d'un coup et garde le "
        "déplacement et le zoom fluides ; chaque acteur y est un disque."
    ),
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
    "en": {**_EN, **_FIELDS_EN, **_TERRITORY_EN, **_RENDERER_EN},
    "fr": {**_FR, **_FIELDS_FR, **_TERRITORY_FR, **_RENDERER_FR},
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


# Participatory collection (app_pages/campaigns.py, respond.py, reconcile.py): both
# languages in one block. A scale's words are separated by "|" (1, 2, 3; a stance's:
# no answer, −2 … +2).
_COLLECT_EN = {
    "group_collect": "Collection",
    "page_campaigns": "Campaigns",
    "intro_campaigns": "Ask the actors of the territory to describe their own ties: open a "
    "campaign, send each respondent their personal link, follow who has answered. Answers "
    "wait for your review on the Reconciliation page; nothing enters the map before.",
    "page_reconcile": "Reconciliation",
    "intro_reconcile": "What the campaigns' answers propose to change in the map. Accept or "
    "reject each proposal, then apply: what is accepted enters the map as one change, with "
    "who reported it and a confidence, and can be undone from the History page.",
    # the respondent's page
    "respond_invalid_title": "Link not valid",
    "respond_invalid_help": "If you think this is a mistake, reply to the message that "
    "brought you this link.",
    "respond_unavailable": "The questionnaire cannot be opened just now. Please try again later.",
    "respond_hello": "Hello {name},",
    "respond_by_team": "the team that runs the map of the territory",
    "respond_what": "This short questionnaire is part of a map of the cooperation between "
    "the actors of the territory, run by {by}. It asks whom you work with, where there are "
    "tensions, who holds power over you, and where you stand on a few stakes, so that the "
    "projects of the territory can build on how people really work together.",
    "respond_who_sees": "**Who will see your answers:** only the team that runs the map. "
    "They read them and compare them with the other respondents' before anything enters "
    "the map; the other respondents do not see your answers. You only see your own.",
    "respond_until": "You can come back with the same link and change your answers until "
    "{ends}. This link is personal: please do not pass it on.",
    "respond_unsaved": "Some changes are not saved yet: press Save my answers.",
    "respond_saved_at": "Last saved on {when}.",
    "respond_save": "Save my answers",
    "respond_invalid_answers": "Your answers could not be saved:",
    "respond_saved": "Thank you, your answers are saved. You can close this page, or come "
    "back with the same link to change them until {ends}.",
    "respond_someone": "(someone)",
    "respond_new_mark": "new",
    "respond_strength": "occasional|regular|strong",
    "respond_intensity": "slight|marked|strong",
    "respond_power_weight": "a little|quite a lot|a lot",
    "respond_formal_short": "formal agreement",
    "respond_power_of": "{type} power",
    "respond_cooperations_title": "Whom do you cooperate with?",
    "respond_cooperations_help": "People or organisations you actually work with, and how often.",
    "respond_cooperations_add": "Add a cooperation",
    "respond_cooperations_weight": "How often",
    "respond_tensions_title": "With whom are there tensions?",
    "respond_tensions_help": "An open disagreement or friction. It stays between you and "
    "the team that runs the map.",
    "respond_tensions_add": "Add a tension",
    "respond_tensions_weight": "How strong",
    "respond_powers_title": "Who holds power over you?",
    "respond_powers_help": "Who funds you, regulates you, commands you or orders work from "
    "you, and of which kind.",
    "respond_powers_add": "Add someone who holds power over you",
    "respond_powers_weight": "How much it weighs on you",
    "respond_remove": "Remove",
    "respond_none_yet": "Nobody yet.",
    "respond_who": "Who?",
    "respond_someone_new": "➕ Someone who is not in the list",
    "respond_who_placeholder": "Type a name to search…",
    "respond_who_help": "Type the start of a name. If you do not find them, choose the first "
    "line, someone who is not in the list.",
    "respond_new_name": "Their name",
    "respond_new_kind": "It is",
    "respond_new_organisation": "Their organisation (if any)",
    "respond_new_organisation_help": "Helps the team recognise them.",
    "respond_power_type": "Which kind of power",
    "respond_power_political": "political — their decisions or elected members weigh on yours",
    "respond_power_administrative": "administrative — they grant your permits, apply the "
    "regulations",
    "respond_power_institutional": "institutional — their status or mandate lets them oversee "
    "you (supervision, agreement)",
    "respond_power_technical": "technical — you depend on their expertise or equipment",
    "respond_power_economic": "economic — they fund you or order work from you",
    "respond_formal": "A written agreement exists (contract, convention, charter)",
    "respond_formal_help": "Leave unticked when you work together without a signed document.",
    "respond_add": "Add",
    "respond_pick_someone": "Choose someone in the list, or someone who is not in the list.",
    "respond_new_name_missing": "Write the name of the person or organisation.",
    "respond_pick_power_type": "Choose the kind of power.",
    "respond_stances_title": "Where do you stand?",
    "respond_stances_help": "Your position on each stake. Leave it on no answer if you do "
    "not wish to say.",
    "respond_stance_words": "no answer|strongly against|rather against|neutral|rather for|"
    "strongly for",
    # campaigns
    "campaign_new": "Open a campaign",
    "campaign_anonymised": "Campaigns name their respondents and give out personal links: "
    "turn off the anonymised view (in the sidebar) to open or follow one.",
    "campaign_refused": "Nothing was done:",
    "campaign_title": "Title (the respondents see it first)",
    "campaign_title_placeholder": "e.g. Cooperation around the town-centre market",
    "campaign_stakes": "Stakes to ask a stance on",
    "campaign_stakes_help": "Each respondent says where they stand on these stakes, from "
    "strongly against to strongly for.",
    "choose_stakes": "Choose stakes…",
    "campaign_respondents": "Respondents (people or organisations)",
    "campaign_quick": "Quick selection: add an organisation with its people, or every actor "
    "of a territory.",
    "campaign_by_org": "Organisation",
    "campaign_add_org": "Add it and its people",
    "campaign_by_territory": "Territory",
    "choose_territory": "Choose a territory…",
    "campaign_add_territory": "Add its actors",
    "campaign_ends": "Last day for answers",
    "campaign_ends_help": "Links stop working after this day.",
    "campaign_count": {"one": "{n} respondent chosen.", "other": "{n} respondents chosen."},
    "campaign_open": "Open the campaign and make the links",
    "campaign_opened": "Campaign « {title} » opened: {n} personal links made.",
    "campaign_closed": "closed",
    "campaign_open_state": "open",
    "campaign_ended": "ended",
    "campaign_links_new": "Personal links just made",
    "campaign_links_once": "These links are shown only now: the map keeps no copy of them. "
    "Copy them or download the list for a mail merge before leaving this page. Later you "
    "can make new ones (the old ones then stop working).",
    "campaign_links_base": "Links point to {base} (setting `[ecomap] public_url` or "
    "`ECOMAP_PUBLIC_URL`; otherwise the address you are using).",
    "campaign_links_csv": "Download the list (CSV)",
    "campaign_links_xlsx": "Download the list (Excel)",
    "campaign_links_hide": "I have kept them: hide the links",
    "campaign_rate": "Response rate",
    "campaign_answered": "Answered",
    "campaign_answered_of": "{n} of {total}",
    "campaign_ends_on": "Last day",
    "col_organisation": "organisation",
    "col_respondents": "respondents",
    "col_answered": "answered",
    "col_rate": "response rate",
    "campaign_no_org": "(no organisation)",
    "campaign_by_org_title": "By organisation",
    "campaign_not_answered": {
        "one": "**Not answered yet ({n}):** {names}",
        "other": "**Not answered yet ({n}):** {names}",
    },
    "campaign_all_answered": "Every respondent has answered.",
    "link_none": "none",
    "link_active": "active",
    "link_revoked": "revoked or replaced",
    "col_respondent": "respondent",
    "col_personal_link": "personal link",
    "col_issued_at": "made on",
    "col_answered_at": "answered on",
    "campaign_pick_respondent": "A respondent",
    "campaign_new_link": "New link for them",
    "campaign_revoke": "Revoke their link",
    "campaign_new_links_all": "New links for everyone",
    "campaign_new_links_all_help": "Makes a new link for every respondent; the old links stop "
    "working. Answers already saved are kept.",
    "campaign_reissued": "New link made for {name}; the old one no longer works.",
    "campaign_revoked": "The link of {name} no longer works.",
    "campaign_reissued_all": "New links made for the {n} respondents; the old ones no longer work.",
    "campaign_close": "Close the campaign",
    "campaign_close_help": "Links stop working; answers are kept and can still be reconciled.",
    "campaign_closed_done": "Campaign « {title} » closed: its links no longer work.",
    "campaign_reopen": "Reopen the campaign",
    "campaign_reopened": "Campaign « {title} » reopened until its last day.",
    "campaign_none": "No campaign yet: open one above.",
    "campaign_pick": "Campaign",
    "campaign_about": "{state} · last day {ends} · {n} respondents · stakes: {stakes}",
    "campaign_links_title": "Links",
    "campaign_links_help": "Links themselves are never shown again after they are made: "
    "make a new one if a respondent lost theirs.",
    "campaign_to_reconcile": "Review the answers (Reconciliation)",
    # reconciliation
    "reconcile_read_only": "Reconciling changes the map: it needs the editor role, names "
    "shown (anonymised view off) and a map that is not read-only.",
    "reconcile_campaign": "{title} (no. {id}, last day {ends})",
    "reconcile_no_campaign": "No campaign yet: an admin opens one on the Campaigns page.",
    "reconcile_cooperates": "**{a}** cooperates with **{b}** · {strength}",
    "reconcile_tension": "**{a}** in tension with **{b}** · {strength}",
    "reconcile_power": "**{a}** holds {type} power over **{b}** · {strength}",
    "reconcile_stance": "**{a}** on {stake}: {stance}",
    "reconcile_other": "{type}: **{a}** — **{b}**",
    "reconcile_own": "own stance",
    "reconcile_later": "later",
    "reconcile_accept": "accept",
    "reconcile_reject": "reject",
    "reconcile_decision": "Decision",
    "reconcile_new_actor": "**{name}** ({kind}), new to the map",
    "reconcile_declared_by": "declared by {names}",
    "reconcile_same_as": "Who is it?",
    "reconcile_is_new": "a new actor",
    "reconcile_is_same": "the same as {name} (names {score} % alike)",
    "reconcile_confidence": "confidence {value}",
    "reconcile_before": "the map says:",
    "reconcile_needs_new": "needs the new actor accepted",
    "reconcile_refused": "Nothing was applied:",
    "reconcile_applied": "Decisions applied — accepted: {accepted}; rejected: {rejected}.",
    "reconcile_applied_change": "The map changed in one change (no. {id}): it can be undone "
    "below or from the History page.",
    "reconcile_nothing": "No proposal waits for a decision in this campaign.",
    "reconcile_waiting": {
        "one": "{n} proposal waits for a decision.",
        "other": "{n} proposals wait for a decision.",
    },
    "reconcile_accept_all": "Accept all",
    "reconcile_accept_reciprocated": "Accept the reciprocated ones",
    "reconcile_accept_reciprocated_help": "Ties both sides declared alike, and stances.",
    "reconcile_reject_all": "Reject all",
    "reconcile_new_actors": "New actors",
    "reconcile_new_actors_help": "Named by respondents but not in the map. When one is an actor "
    "already in the map, say so: their ties go to that actor.",
    "reconcile_ties": "Ties and stances",
    "reconcile_ties_help": "Reciprocated: both sides declared it alike. One-sided: only one "
    "side did. Contested: the two sides disagree.",
    "reconcile_counts": "To accept: {accepted} · to reject: {rejected} · later: {later}",
    "reconcile_apply": "Apply the decisions",
    "reconcile_to_history": "History of the changes",
    "reconcile_decided": {
        "one": "{n} proposal already decided",
        "other": "{n} proposals already decided",
    },
    "col_proposal": "proposal",
    "col_decision": "decision",
    "col_decided_by": "by",
    "col_decided_at": "on",
    "reconcile_accepted": "accepted",
    "reconcile_rejected": "rejected",
}
_COLLECT_FR = {
    "group_collect": "Collecte",
    "page_campaigns": "Campagnes",
    "intro_campaigns": "Demandez aux acteurs du territoire de décrire eux-mêmes leurs liens : "
    "ouvrez une campagne, envoyez à chaque personne interrogée son lien personnel, suivez qui "
    "a répondu. Les réponses attendent votre relecture sur la page Réconciliation ; rien "
    "n'entre dans la carte avant.",
    "page_reconcile": "Réconciliation",
    "intro_reconcile": "Ce que les réponses des campagnes proposent de changer dans la carte. "
    "Acceptez ou rejetez chaque proposition, puis appliquez : ce qui est accepté entre dans la "
    "carte en une seule modification, avec qui l'a déclaré et un indice de confiance, et peut "
    "être annulé depuis la page Historique.",
    # the respondent's page
    "respond_invalid_title": "Lien non valable",
    "respond_invalid_help": "Si vous pensez qu'il s'agit d'une erreur, répondez au message qui "
    "vous a transmis ce lien.",
    "respond_unavailable": "Le questionnaire ne peut pas être ouvert pour le moment. Merci de "
    "réessayer plus tard.",
    "respond_hello": "Bonjour {name},",
    "respond_by_team": "l'équipe qui anime la carte du territoire",
    "respond_what": "Ce court questionnaire fait partie d'une cartographie des coopérations "
    "entre les acteurs du territoire, menée par {by}. Il vous demande avec qui vous "
    "travaillez, où il y a des tensions, qui a du pouvoir sur vous et votre position sur "
    "quelques enjeux, pour que les projets du territoire s'appuient sur la façon dont les "
    "acteurs coopèrent vraiment.",
    "respond_who_sees": "**Qui verra vos réponses :** seulement l'équipe qui anime la carte. "
    "Elle les relit et les compare avec celles des autres personnes interrogées avant que "
    "quoi que ce soit n'entre dans la carte ; les autres personnes interrogées ne voient pas "
    "vos réponses. Vous ne voyez que les vôtres.",
    "respond_until": "Vous pouvez revenir avec le même lien et modifier vos réponses jusqu'au "
    "{ends}. Ce lien est personnel : merci de ne pas le transmettre.",
    "respond_unsaved": "Des modifications ne sont pas encore enregistrées : appuyez sur "
    "Enregistrer mes réponses.",
    "respond_saved_at": "Dernier enregistrement le {when}.",
    "respond_save": "Enregistrer mes réponses",
    "respond_invalid_answers": "Vos réponses n'ont pas pu être enregistrées :",
    "respond_saved": "Merci, vos réponses sont enregistrées. Vous pouvez fermer cette page, ou "
    "revenir avec le même lien pour les modifier jusqu'au {ends}.",
    "respond_someone": "(quelqu'un)",
    "respond_new_mark": "nouveau",
    "respond_strength": "occasionnelle|régulière|forte",
    "respond_intensity": "légère|marquée|forte",
    "respond_power_weight": "un peu|assez|beaucoup",
    "respond_formal_short": "accord écrit",
    "respond_power_of": "pouvoir {type}",
    "respond_cooperations_title": "Avec qui coopérez-vous ?",
    "respond_cooperations_help": "Les personnes ou structures avec qui vous travaillez "
    "réellement, et à quelle fréquence.",
    "respond_cooperations_add": "Ajouter une coopération",
    "respond_cooperations_weight": "À quelle fréquence",
    "respond_tensions_title": "Avec qui y a-t-il des tensions ?",
    "respond_tensions_help": "Un désaccord ouvert ou des frictions. Cela reste entre vous et "
    "l'équipe qui anime la carte.",
    "respond_tensions_add": "Ajouter une tension",
    "respond_tensions_weight": "Quelle intensité",
    "respond_powers_title": "Qui a du pouvoir sur vous ?",
    "respond_powers_help": "Qui vous finance, vous réglemente, vous encadre ou vous passe "
    "commande, et de quelle nature est ce pouvoir.",
    "respond_powers_add": "Ajouter quelqu'un qui a du pouvoir sur vous",
    "respond_powers_weight": "Combien cela pèse pour vous",
    "respond_remove": "Retirer",
    "respond_none_yet": "Personne pour l'instant.",
    "respond_who": "Qui ?",
    "respond_someone_new": "➕ Quelqu'un qui n'est pas dans la liste",
    "respond_who_placeholder": "Tapez un nom pour chercher…",
    "respond_who_help": "Tapez le début d'un nom. Si vous ne le trouvez pas, choisissez la "
    "première ligne, quelqu'un qui n'est pas dans la liste.",
    "respond_new_name": "Son nom",
    "respond_new_kind": "C'est",
    "respond_new_organisation": "Sa structure (s'il y en a une)",
    "respond_new_organisation_help": "Aide l'équipe à la reconnaître.",
    "respond_power_type": "Quel type de pouvoir",
    "respond_power_political": "politique — ses décisions ou ses élu·es pèsent sur les vôtres",
    "respond_power_administrative": "administratif — délivre vos autorisations, applique la "
    "réglementation",
    "respond_power_institutional": "institutionnel — son statut ou son mandat lui permet de "
    "vous encadrer (tutelle, convention)",
    "respond_power_technical": "technique — vous dépendez de son expertise ou de ses équipements",
    "respond_power_economic": "économique — vous finance ou vous passe commande",
    "respond_formal": "Un accord écrit existe (contrat, convention, charte)",
    "respond_formal_help": "Laissez décoché si vous travaillez ensemble sans document signé.",
    "respond_add": "Ajouter",
    "respond_pick_someone": "Choisissez quelqu'un dans la liste, ou quelqu'un qui n'est pas "
    "dans la liste.",
    "respond_new_name_missing": "Écrivez le nom de la personne ou de la structure.",
    "respond_pick_power_type": "Choisissez le type de pouvoir.",
    "respond_stances_title": "Quelle est votre position ?",
    "respond_stances_help": "Votre position sur chaque enjeu. Laissez « sans avis » si vous "
    "ne souhaitez pas répondre.",
    "respond_stance_words": "sans avis|très opposé·e|plutôt opposé·e|neutre|plutôt favorable|"
    "très favorable",
    # campaigns
    "campaign_new": "Ouvrir une campagne",
    "campaign_anonymised": "Les campagnes nomment les personnes interrogées et donnent des "
    "liens personnels : désactivez la vue anonymisée (dans la barre latérale) pour en ouvrir "
    "ou en suivre une.",
    "campaign_refused": "Rien n'a été fait :",
    "campaign_title": "Titre (les personnes interrogées le voient en premier)",
    "campaign_title_placeholder": "par exemple : Coopérations autour du marché de centre-bourg",
    "campaign_stakes": "Enjeux sur lesquels demander une position",
    "campaign_stakes_help": "Chaque personne interrogée dit sa position sur ces enjeux, de "
    "très opposé à très favorable.",
    "choose_stakes": "Choisir des enjeux…",
    "campaign_respondents": "Personnes ou structures interrogées",
    "campaign_quick": "Sélection rapide : ajoutez une structure avec ses membres, ou tous les "
    "acteurs d'un territoire.",
    "campaign_by_org": "Structure",
    "campaign_add_org": "L'ajouter avec ses membres",
    "campaign_by_territory": "Territoire",
    "choose_territory": "Choisir un territoire…",
    "campaign_add_territory": "Ajouter ses acteurs",
    "campaign_ends": "Dernier jour pour répondre",
    "campaign_ends_help": "Les liens ne marchent plus après ce jour.",
    "campaign_count": {
        "one": "{n} personne ou structure choisie.",
        "other": "{n} personnes ou structures choisies.",
    },
    "campaign_open": "Ouvrir la campagne et créer les liens",
    "campaign_opened": "Campagne « {title} » ouverte : {n} liens personnels créés.",
    "campaign_closed": "close",
    "campaign_open_state": "ouverte",
    "campaign_ended": "terminée",
    "campaign_links_new": "Liens personnels qui viennent d'être créés",
    "campaign_links_once": "Ces liens ne sont montrés que maintenant : la carte n'en garde "
    "aucune copie. Copiez-les ou téléchargez la liste pour un publipostage avant de quitter "
    "cette page. Plus tard, vous pourrez en créer de nouveaux (les anciens cessent alors de "
    "marcher).",
    "campaign_links_base": "Les liens mènent à {base} (réglage `[ecomap] public_url` ou "
    "`ECOMAP_PUBLIC_URL` ; sinon l'adresse que vous utilisez).",
    "campaign_links_csv": "Télécharger la liste (CSV)",
    "campaign_links_xlsx": "Télécharger la liste (Excel)",
    "campaign_links_hide": "Je les ai gardés : masquer les liens",
    "campaign_rate": "Taux de réponse",
    "campaign_answered": "Ont répondu",
    "campaign_answered_of": "{n} sur {total}",
    "campaign_ends_on": "Dernier jour",
    "col_organisation": "structure",
    "col_respondents": "interrogés",
    "col_answered": "ont répondu",
    "col_rate": "taux de réponse",
    "campaign_no_org": "(sans structure)",
    "campaign_by_org_title": "Par structure",
    "campaign_not_answered": {
        "one": "**N'a pas encore répondu ({n}) :** {names}",
        "other": "**N'ont pas encore répondu ({n}) :** {names}",
    },
    "campaign_all_answered": "Toutes les personnes interrogées ont répondu.",
    "link_none": "aucun",
    "link_active": "actif",
    "link_revoked": "révoqué ou remplacé",
    "col_respondent": "personne interrogée",
    "col_personal_link": "lien personnel",
    "col_issued_at": "créé le",
    "col_answered_at": "a répondu le",
    "campaign_pick_respondent": "Une personne interrogée",
    "campaign_new_link": "Lui créer un nouveau lien",
    "campaign_revoke": "Révoquer son lien",
    "campaign_new_links_all": "Nouveaux liens pour tous",
    "campaign_new_links_all_help": "Crée un nouveau lien pour chaque personne interrogée ; les "
    "anciens cessent de marcher. Les réponses déjà enregistrées sont gardées.",
    "campaign_reissued": "Nouveau lien créé pour {name} ; l'ancien ne marche plus.",
    "campaign_revoked": "Le lien de {name} ne marche plus.",
    "campaign_reissued_all": "Nouveaux liens créés pour les {n} personnes interrogées ; les "
    "anciens ne marchent plus.",
    "campaign_close": "Clore la campagne",
    "campaign_close_help": "Les liens cessent de marcher ; les réponses sont gardées et "
    "peuvent encore être réconciliées.",
    "campaign_closed_done": "Campagne « {title} » close : ses liens ne marchent plus.",
    "campaign_reopen": "Rouvrir la campagne",
    "campaign_reopened": "Campagne « {title} » rouverte jusqu'à son dernier jour.",
    "campaign_none": "Aucune campagne pour l'instant : ouvrez-en une ci-dessus.",
    "campaign_pick": "Campagne",
    "campaign_about": "{state} · dernier jour le {ends} · {n} personnes ou structures "
    "interrogées · enjeux : {stakes}",
    "campaign_links_title": "Liens",
    "campaign_links_help": "Un lien n'est plus jamais montré après sa création : créez-en un "
    "nouveau si une personne a perdu le sien.",
    "campaign_to_reconcile": "Relire les réponses (Réconciliation)",
    # reconciliation
    "reconcile_read_only": "Réconcilier modifie la carte : il faut le rôle d'éditeur, les noms "
    "affichés (vue anonymisée désactivée) et une carte qui n'est pas en lecture seule.",
    "reconcile_campaign": "{title} (n° {id}, dernier jour le {ends})",
    "reconcile_no_campaign": "Aucune campagne pour l'instant : un administrateur en ouvre une "
    "sur la page Campagnes.",
    "reconcile_cooperates": "**{a}** coopère avec **{b}** · {strength}",
    "reconcile_tension": "**{a}** en tension avec **{b}** · {strength}",
    "reconcile_power": "**{a}** a un pouvoir {type} sur **{b}** · {strength}",
    "reconcile_stance": "**{a}** sur {stake} : {stance}",
    "reconcile_other": "{type} : **{a}** — **{b}**",
    "reconcile_own": "sa propre position",
    "reconcile_later": "plus tard",
    "reconcile_accept": "accepter",
    "reconcile_reject": "rejeter",
    "reconcile_decision": "Décision",
    "reconcile_new_actor": "**{name}** ({kind}), absent de la carte",
    "reconcile_declared_by": "déclaré par {names}",
    "reconcile_same_as": "Qui est-ce ?",
    "reconcile_is_new": "un nouvel acteur",
    "reconcile_is_same": "le même que {name} (noms semblables à {score} %)",
    "reconcile_confidence": "confiance {value}",
    "reconcile_before": "la carte dit :",
    "reconcile_needs_new": "il faut accepter aussi le nouvel acteur",
    "reconcile_refused": "Rien n'a été appliqué :",
    "reconcile_applied": "Décisions appliquées — acceptées : {accepted} ; rejetées : {rejected}.",
    "reconcile_applied_change": "La carte a changé en une seule modification (n° {id}) : elle "
    "peut être annulée ci-dessous ou depuis la page Historique.",
    "reconcile_nothing": "Aucune proposition n'attend de décision dans cette campagne.",
    "reconcile_waiting": {
        "one": "{n} proposition attend une décision.",
        "other": "{n} propositions attendent une décision.",
    },
    "reconcile_accept_all": "Tout accepter",
    "reconcile_accept_reciprocated": "Accepter les réciproques",
    "reconcile_accept_reciprocated_help": "Les liens déclarés de la même façon des deux côtés, "
    "et les positions.",
    "reconcile_reject_all": "Tout rejeter",
    "reconcile_new_actors": "Nouveaux acteurs",
    "reconcile_new_actors_help": "Nommés par des personnes interrogées mais absents de la "
    "carte. Quand l'un d'eux est un acteur déjà dans la carte, dites-le : ses liens iront à "
    "cet acteur.",
    "reconcile_ties": "Liens et positions",
    "reconcile_ties_help": "Réciproque : les deux côtés l'ont déclaré de la même façon. Déclaré "
    "d'un seul côté : un seul l'a déclaré. Contesté : les deux côtés ne sont pas d'accord.",
    "reconcile_counts": "À accepter : {accepted} · à rejeter : {rejected} · plus tard : {later}",
    "reconcile_apply": "Appliquer les décisions",
    "reconcile_to_history": "Historique des modifications",
    "reconcile_decided": {
        "one": "{n} proposition déjà décidée",
        "other": "{n} propositions déjà décidées",
    },
    "col_proposal": "proposition",
    "col_decision": "décision",
    "col_decided_by": "par",
    "col_decided_at": "le",
    "reconcile_accepted": "acceptée",
    "reconcile_rejected": "rejetée",
}
TEXT["en"].update(_COLLECT_EN)
TEXT["fr"].update(_COLLECT_FR)
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

# A saved view's own layout on the map page (app_pages/map.py, app_pages/views_state.py).
TEXT["en"].update(
    {
        "map_view_layout": "Nodes placed as the view “{name}” has them.",
        "map_view_layout_forget": "Place them as the map has them",
        "working_picture": "Drawing the map: once per version of the map, for everyone "
        "who reads it…",
    }
)
# The data pages' search and pages of rows (appended: see TEXT above).
TEXT["en"].update(
    {
        "data_search": "Search",
        "data_search_placeholder": "A name, an id, a type, a territory, a word of a note…",
        "data_search_help": "Every word typed must appear in the row (in any column); "
        "capitals and accents do not matter.",
        "data_found": {"one": "{n} row found of {total}.", "other": "{n} rows found of {total}."},
        "data_none": "No row holds these words.",
        "data_page": "Page",
        "data_rows": "Rows {first} to {last} of {n}.",
        "node_id_help": 'The id of the actor, stake or space (the "Change or delete" tab '
        "finds them by name).",
        "data_locked": "Changes are waiting in this page of the table: save them or reload "
        "the table before changing page or search (nothing is lost meanwhile).",
        "pick_more": {
            "one": "The first {shown} of {n}: search above the tabs to find the others.",
            "other": "The first {shown} of {n}: search above the tabs to find the others.",
        },
    }
)
TEXT["fr"].update(
    {
        "map_view_layout": "Nœuds placés comme dans la vue « {name} ».",
        "map_view_layout_forget": "Les placer comme dans la carte",
        "working_picture": "Dessin de la carte : une fois par version de la carte, pour "
        "toutes les personnes qui la consultent…",
        "data_search": "Rechercher",
        "data_search_placeholder": "Un nom, un identifiant, un type, un territoire, un mot "
        "d'une note…",
        "data_search_help": "Chaque mot tapé doit figurer dans la ligne (dans n'importe "
        "quelle colonne), sans tenir compte des majuscules ni des accents.",
        "data_found": {
            "one": "{n} ligne trouvée sur {total}.",
            "other": "{n} lignes trouvées sur {total}.",
        },
        "data_none": "Aucune ligne ne contient ces mots.",
        "data_page": "Page",
        "data_rows": "Lignes {first} à {last} sur {n}.",
        "node_id_help": "L'identifiant de l'acteur, de l'enjeu ou du dispositif (l'onglet "
        "« Modifier ou supprimer » les trouve par leur nom).",
        "data_locked": "Des modifications attendent dans cette page du tableau : "
        "enregistrez-les ou rechargez le tableau avant de changer de page ou de recherche "
        "(rien n'est perdu en attendant).",
        "pick_more": {
            "one": "Les {shown} premiers sur {n} : recherchez au-dessus des onglets pour "
            "trouver les autres.",
            "other": "Les {shown} premiers sur {n} : recherchez au-dessus des onglets pour "
            "trouver les autres.",
        },
    }
)
