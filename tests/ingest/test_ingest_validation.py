"""Validation: every problem of every file at once, located and said plainly."""

from __future__ import annotations

from datetime import date

import pytest
from ingest_samples import write_files

from ecomap.errors import InputError
from ecomap.ingest import read_map, validate_record
from ecomap.model import Actor, Ecosystem, Relation, Space, Stake

ACTOR_HEADER = "id,name,kind,influence,lat,lon,engagement\n"
BASE_ACTORS = "p,Ana,person,,,,\nq,Bob,person,,,,\no,Org,organisation,,,,\ni,Inst,institution,,,,\n"
RELATION_HEADER = (
    "id,source,target,type,weight,power_type,stance,formal,role,since,until,stake,acter_trust\n"
)


def _errors(tmp_path, actors=BASE_ACTORS, relations="", stakes=None, spaces=None, lang="en"):
    files = {"actors.csv": ACTOR_HEADER + actors, "relations.csv": RELATION_HEADER + relations}
    if stakes is not None:
        files["stakes.csv"] = "id,name\n" + stakes
    if spaces is not None:
        files["spaces.csv"] = "id,name,kind,frequency,instituted\n" + spaces
    folder = write_files(tmp_path / "map", files)
    with pytest.raises(InputError) as caught:
        read_map(folder, lang=lang)
    return caught.value.issues


def _one(tmp_path, **files):
    issues = _errors(tmp_path, **files)
    assert len(issues) == 1, [str(i) for i in issues]
    return issues[0]


def test_broken_map_reports_every_error_of_both_files_at_once(tmp_path):
    actors = (
        "p,Ana,person,7,,,\n"  # line 2: influence out of range
        "q,Bob,alien,,,,\n"  # line 3: unknown kind
        "o,Org,organisation,,91,abc,boss\n"  # line 4: lat, lon, engagement
        "i,Inst,institution,,,,\n"
    )
    relations = (
        ",i,o,power,5,,,,,,,,\n"  # line 2: weight out of range and no power_type
        ",o,i,cooperates,,,,peut-être,,31/02/2026,,,4\n"  # line 3: formal, since, acter_trust
        ",i,ghost,part_of,,,,,,,,,\n"  # line 4: unknown target
        ",i,i,tension,,,,,,,,,\n"  # line 5: self-loop
    )
    issues = _errors(tmp_path, actors=actors, relations=relations)
    assert [(i.file, i.line, i.column, i.value) for i in issues] == [
        ("actors.csv", 2, "influence", "7"),
        ("actors.csv", 3, "kind", "alien"),
        ("actors.csv", 4, "lat", "91"),
        ("actors.csv", 4, "lon", "abc"),
        ("actors.csv", 4, "engagement", "boss"),  # left to right, as the file has them
        ("relations.csv", 2, "weight", "5"),
        ("relations.csv", 2, "power_type", None),
        ("relations.csv", 3, "formal", "peut-être"),
        ("relations.csv", 3, "since", "31/02/2026"),
        ("relations.csv", 3, "acter_trust", "4"),
        ("relations.csv", 4, "target", "ghost"),
        ("relations.csv", 5, "target", "i"),
    ]
    messages = [i.message for i in issues]
    assert messages[0] == "expected a number from 0 to 5"
    assert messages[1] == "expected one of: person, organisation, institution"
    assert messages[2] == "expected a number from -90 to 90"
    assert messages[3] == "expected a number"
    assert messages[4] == "expected one of: driver, contributor, follower, distant"
    assert messages[5] == "expected a number from 1 to 3"
    assert messages[6] == (
        "a power relation needs a power_type: one of political, administrative, "
        "institutional, technical, economic"
    )
    assert messages[7] == "expected true/false, yes/no, oui/non, vrai/faux or 1/0"
    assert messages[8] == "expected a date as 2026-03-01 or 01/03/2026, the year in four digits"
    assert messages[9] == "expected a number from 0 to 3"
    assert messages[10] == "no actor, stake or space has the id 'ghost'"
    assert messages[11] == "a relation cannot link 'i' to itself"


@pytest.mark.parametrize(
    ("row", "column", "value", "message"),
    [
        (",p,o,likes,,,,,,,,,", "type", "likes", "expected one of: member_of, part_of, cooperates"),
        (",p,s,stake,,,3,,,,,,", "stance", "3", "expected a number from -2 to 2"),
        (",p,s,stake,2,,,,,,,,", "stance", None, "a stake relation needs a stance from -2 to 2"),
        (",p,c,participates,,,,,chef,,,,", "role", "chef", "member, facilitator"),
        (
            ",p,o,member_of,,,,,,2026-03-01,01/02/2026,,",
            "until",
            "01/02/2026",
            "until (2026-02-01) is before since (2026-03-01)",
        ),
        (",p,q,cooperates,0,,,,,,,,", "weight", "0", "expected a number from 1 to 3"),
        (",,q,cooperates,,,,,,,,,", "source", "", "a value is needed"),
    ],
)
def test_relation_field_errors(tmp_path, row, column, value, message):
    issue = _one(tmp_path, relations=row + "\n", stakes="s,Marché\n", spaces="c,COPIL,forum,,\n")
    assert (issue.file, issue.line, issue.column, issue.value) == (
        "relations.csv",
        2,
        column,
        value,
    )
    assert message in issue.message


def test_decimal_comma_weight_is_read(tmp_path):
    folder = write_files(
        tmp_path / "m",
        {
            "actors.csv": "id;name;kind\na;A;person\nb;B;person\n",
            "relations.csv": "source;target;type;weight\na;b;cooperates;1,5\n",
        },
    )
    eco, _ = read_map(folder)
    assert next(iter(eco.relations.values())).weight == 1.5


@pytest.mark.parametrize(
    ("row", "column", "value", "message"),
    [
        ("c,COPIL,meeting,,", "kind", "meeting", "expected one of: steering_committee"),
        ("c,COPIL,forum,-1,", "frequency", "-1", "expected a number of at least 0"),
        ("c,COPIL,forum,inf,", "frequency", "inf", "expected a finite number"),
        ("c,COPIL,forum,,maybe", "instituted", "maybe", "expected true/false"),
        ("c,,forum,,", "name", "", "a value is needed"),
    ],
)
def test_space_field_errors(tmp_path, row, column, value, message):
    issue = _one(tmp_path, spaces=row + "\n")
    assert (issue.file, issue.line, issue.column, issue.value) == ("spaces.csv", 2, column, value)
    assert message in issue.message


def test_missing_mandatory_column_reported_once_at_line_1(tmp_path):
    folder = write_files(
        tmp_path / "m",
        {
            "actors.csv": "id,nom\na,A\nb,B\nc,C\n",
            "relations.csv": "source,type\na,cooperates\n",
        },
    )
    with pytest.raises(InputError) as caught:
        read_map(folder)
    assert [(i.file, i.line, i.column) for i in caught.value.issues] == [
        ("actors.csv", 1, "kind"),
        ("relations.csv", 1, "target"),
    ]
    assert caught.value.issues[0].message == (
        "missing column 'kind': the actors file needs the columns id, name, kind"
    )


def test_duplicate_ids_across_actors_stakes_and_spaces(tmp_path):
    issues = _errors(tmp_path, stakes="o,Marché\nm,Marché\n", spaces="m,COPIL,forum,,\n")
    assert [(i.file, i.line, i.column, i.value) for i in issues] == [
        ("stakes.csv", 2, "id", "o"),
        ("spaces.csv", 2, "id", "m"),
    ]
    assert issues[0].message.startswith(
        "the id 'o' is already used by an actor at actors.csv, line 4"
    )
    assert "by a stake at stakes.csv, line 3" in issues[1].message


def test_duplicate_relation_identity(tmp_path):
    relations = (
        ",p,q,cooperates,,,,,,,,,\n"
        ",q,p,cooperates,2,,,,,,,,\n"  # same undirected pair: same relation
        ",p,q,power,,political,,,,,,,\n"
        ",q,p,power,,political,,,,,,,\n"  # the other direction: another relation
        ",p,q,tension,,,,,,,,s,\n"
        ",p,q,tension,,,,,,,,,\n"  # no stake: another tension than the one on s
        "R1,p,o,member_of,,,,,,,,,\n"
        "R1,q,o,member_of,,,,,,,,,\n"  # same id
    )
    issues = _errors(tmp_path, relations=relations, stakes="s,Marché\n")
    assert [(i.line, i.column, i.value) for i in issues] == [
        (3, "type", "cooperates"),
        (9, "id", "R1"),
    ]
    assert issues[0].message == (
        "this relation is already at relations.csv, line 2 (cooperates between 'p' and 'q'); "
        "a map holds each relation once"
    )
    assert "(same id 'R1')" in issues[1].message


@pytest.mark.parametrize(
    ("row", "column", "value", "message"),
    [
        (
            ",o,i,member_of,,,,,,,,,",
            "source",
            "o",
            "expected source of a member_of relation: a person; 'o' is an organisation",
        ),
        (
            ",p,q,member_of,,,,,,,,,",
            "target",
            "q",
            "expected target of a member_of relation: an organisation or an institution; "
            "'q' is a person",
        ),
        (
            ",p,o,part_of,,,,,,,,,",
            "source",
            "p",
            "expected source of a part_of relation: an organisation or an institution",
        ),
        (",p,q,stake,,,1,,,,,,", "target", "q", "a stake; 'q' is a person"),
        (",p,s,participates,,,,,,,,,", "target", "s", "a space; 's' is a stake"),
        (",s,c,complements,,,,,,,,,", "target", "c", "a stake; 'c' is a space"),
        (",p,s,cooperates,,,,,,,,,", "target", "s", "an actor; 's' is a stake"),
        (",c,p,power,,technical,,,,,,,", "source", "c", "an actor; 'c' is a space"),
        (
            ",p,q,tension,,,,,,,,o,",
            "stake",
            "o",
            "'o' is not a stake: the stake of a tension is the id of a stake of the map",
        ),
        (",p,q,tension,,,,,,,,nowhere,", "stake", "nowhere", "'nowhere' is not a stake"),
    ],
)
def test_relation_ends_must_exist_and_fit_the_type(tmp_path, row, column, value, message):
    issue = _one(tmp_path, relations=row + "\n", stakes="s,Marché\n", spaces="c,COPIL,forum,,\n")
    assert (issue.line, issue.column, issue.value) == (2, column, value)
    assert message in issue.message


def test_no_cascade_from_an_unreadable_actor(tmp_path):
    """A relation to an actor whose own row is wrong is not reported a second time."""
    issues = _errors(
        tmp_path,
        actors="p,Ana,person,9,,,\nq,Bob,person,,,,\n",
        relations=",p,q,cooperates,,,,,,,,,\n",
    )
    assert [(i.file, i.line, i.column) for i in issues] == [("actors.csv", 2, "influence")]


def test_columns_are_named_as_the_user_wrote_them(tmp_path):
    folder = write_files(
        tmp_path / "m",
        {
            "acteurs.csv": "id;nom;nature\na;A;personne\nb;B;personne\n",
            "relations.csv": "source;cible;nature;poids\na;b;coopère;9\na;a;coopère;1\n",
        },
    )
    with pytest.raises(InputError) as caught:
        read_map(folder)
    assert [(i.file, i.line, i.column, i.value) for i in caught.value.issues] == [
        ("relations.csv", 2, "poids", "9"),
        ("relations.csv", 3, "cible", "a"),
    ]


def test_french_messages(tmp_path):
    issues = _errors(
        tmp_path, actors="p,Ana,personne,,,,\no,Org,organisation,,,,\n",
        relations=",o,p,member_of,,,,,,,,,\n", lang="fr",
    )  # fmt: skip
    assert [i.message for i in issues] == [
        "source attendue pour une relation « membre de » : une personne ; « o » est une organisation",
        "cible attendue pour une relation « membre de » : une organisation ou une institution ; "
        "« p » est une personne",
    ]


# -- one record from a form ----------------------------------------------------------


@pytest.fixture
def small_map() -> Ecosystem:
    eco = Ecosystem()
    for record in (
        Actor(id="p", name="Ana", kind="person"),
        Actor(id="o", name="Org", kind="organisation"),
        Stake(id="s", name="Marché"),
        Space(id="c", name="COPIL"),
        Relation(source="p", target="o", type="member_of"),
        Relation(source="p", target="s", type="stake", stance=1),
    ):
        eco.add(record)
    return eco


def test_form_record_is_validated_and_typed(small_map):
    record, issues = validate_record(
        small_map,
        "relation",
        {"source": "p", "target": "o", "type": "cooperates", "weight": 2.0, "formal": True,
         "since": date(2026, 1, 1), "extra": {"lieu": "Lyon"}},
    )  # fmt: skip
    assert issues == []
    assert (record.weight, record.formal, record.since) == (2.0, True, date(2026, 1, 1))
    assert record.extra == {"lieu": "Lyon"}


def test_form_uses_the_importers_messages(small_map, tmp_path):
    record, issues = validate_record(
        small_map, "actor", {"id": "q", "name": "Q", "kind": "alien", "influence": "7"}
    )
    assert record is None
    assert [(i.file, i.line, i.column, i.value, i.message) for i in issues] == [
        ("form", None, "kind", "alien", "expected one of: person, organisation, institution"),
        ("form", None, "influence", "7", "expected a number from 0 to 5"),
    ]
    file_issues = _errors(tmp_path, actors="q,Q,alien,7,,,\n")
    assert [i.message for i in file_issues] == [i.message for i in issues]


def test_form_duplicate_id_and_editing_in_place(small_map):
    _, issues = validate_record(small_map, "space", {"id": "s", "name": "Other"})
    assert issues[0].message.startswith("the id 's' is already used by a stake at the map")
    record, issues = validate_record(
        small_map, "stake", {"id": "s", "name": "Marché couvert"}, replacing="s"
    )
    assert issues == [] and record.name == "Marché couvert"


def test_form_relation_identity(small_map):
    key = next(k for k, r in small_map.relations.items() if r.type == "member_of")
    fields = {"source": "p", "target": "o", "type": "member_of", "role": "trésorière"}
    _, issues = validate_record(small_map, "relation", fields)
    assert "this relation is already at the map" in issues[0].message
    record, issues = validate_record(small_map, "relation", fields, replacing=key)
    assert issues == [] and record.role == "trésorière"


def test_form_kind_change_that_breaks_relations(small_map):
    _, issues = validate_record(
        small_map, "actor", {"id": "p", "name": "Ana", "kind": "organisation"}, replacing="p"
    )
    assert [(i.column, i.value) for i in issues] == [("kind", "organisation")]
    assert issues[0].message == (
        "this change breaks the relation member_of from 'p' to 'o': expected source of a "
        "member_of relation: a person; 'p' is an organisation"
    )


def test_form_renaming_a_node_with_relations(small_map):
    _, issues = validate_record(
        small_map, "actor", {"id": "p2", "name": "Ana", "kind": "person"}, replacing="p"
    )
    assert issues[0].message.startswith("2 relations still use the id 'p'")


def test_form_unknown_field_is_kept_with_a_warning(small_map):
    record, issues = validate_record(
        small_map, "actor", {"id": "z", "nom": "Zoé", "nature": "personne", "mail": "z@x.fr"}
    )
    assert record.name == "Zoé" and record.extra == {"mail": "z@x.fr"}
    assert [(i.severity, i.column) for i in issues] == [("warning", "mail")]


def test_form_messages_in_french(small_map):
    _, issues = validate_record(
        small_map, "relation", {"source": "p", "target": "c", "type": "power"}, lang="fr"
    )
    assert [(i.file, i.column) for i in issues] == [("formulaire", "power_type")]
    assert issues[0].message.startswith("un rapport de force a besoin d'un power_type")
