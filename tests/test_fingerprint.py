"""analysis_fingerprint: it changes exactly when an analysis result could change.

The claim checked here against the analyses themselves: editing any field the
fingerprint leaves out does not change a single value of ``analyse`` on the sample
territory, and editing a field it hashes changes the fingerprint.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from ecomap.analysis import analyse
from ecomap.graph import ANALYSED_FIELDS, analysis_fingerprint, to_graph
from ecomap.ingest import read_map
from ecomap.model import Actor, Ecosystem, Relation, Space, Stake

ROOT = Path(__file__).resolve().parent.parent
DAY = date(2026, 3, 1)


@pytest.fixture(scope="module")
def sample() -> Ecosystem:
    eco, _ = read_map(ROOT / "data" / "territoire-vallee")
    return eco


def _copy(eco: Ecosystem) -> Ecosystem:
    return Ecosystem(actors=dict(eco.actors), stakes=dict(eco.stakes),
                     spaces=dict(eco.spaces), relations=dict(eco.relations))  # fmt: skip


def _updated(record, values: dict):
    """A record with some fields changed, validated again (enums parsed)."""
    return type(record).model_validate({**record.__dict__, **values})


def _edited(eco: Ecosystem, table: str, change) -> Ecosystem:
    """A copy of ``eco`` with ``change(record) -> dict of new values`` applied to every
    record of ``table`` (identities kept, so relations stay in place)."""
    copy = _copy(eco)
    records = getattr(copy, table)
    for key, record in list(records.items()):
        records[key] = _updated(record, change(record))
    return copy


# Every field the fingerprint leaves out, edited on every record of its table.
UNREAD_EDITS = {
    "actor notes": ("actors", lambda r: {"notes": "met at the market in March"}),
    "actor tags": ("actors", lambda r: {"tags": ["new", "tag"]}),
    "actor category": ("actors", lambda r: {"category": "renamed category"}),
    "actor role (post)": ("actors", lambda r: {"role": "chargée de mission"}),
    "actor custom column": ("actors", lambda r: {"extra": {"quartier": "Gare"}}),
    "stake description": ("stakes", lambda r: {"description": "rewritten"}),
    "space notes": ("spaces", lambda r: {"notes": "meets at the town hall"}),
    "relation notes": ("relations", lambda r: {"notes": "said in an interview"}),
    "relation reported_by": ("relations", lambda r: {"reported_by": "Claire, 2026-02"}),
    "relation visibility": ("relations", lambda r: {"visibility": "committee"}),
    "relation mode": ("relations", lambda r: {"mode": "pooling"}),
}


@pytest.fixture(scope="module")
def reference(sample):
    return analysis_fingerprint(sample), analyse(to_graph(sample), as_of=DAY, lang="fr")


@pytest.mark.parametrize("edit", list(UNREAD_EDITS))
def test_edits_of_fields_no_analysis_reads_keep_fingerprint_and_results(sample, reference, edit):
    table, change = UNREAD_EDITS[edit]
    edited = _edited(sample, table, change)
    fingerprint, document = reference
    assert analysis_fingerprint(edited) == fingerprint
    # The promise behind the fingerprint: every result is the same, word for word.
    assert analyse(to_graph(edited), as_of=DAY, lang="fr") == document


def _first(eco: Ecosystem, table: str, **match):
    records = getattr(eco, table)
    return next(
        (k, r) for k, r in records.items() if all(getattr(r, f) == v for f, v in match.items())
    )


def _replace(eco: Ecosystem, table: str, key: str, **update) -> Ecosystem:
    copy = _copy(eco)
    getattr(copy, table)[key] = _updated(getattr(copy, table)[key], update)
    return copy


def test_edits_of_read_fields_change_fingerprint(sample):
    before = analysis_fingerprint(sample)
    key, coop = _first(sample, "relations", type="cooperates")
    a_key, actor = _first(sample, "actors", kind="organisation")
    s_key, _ = next(iter(sample.stakes.items()))
    e_key, space = next(iter(sample.spaces.items()))
    edits = [
        _replace(sample, "relations", key, weight=4 - coop.weight if coop.weight != 2 else 3),
        _replace(sample, "relations", key, formal=not coop.formal),
        _replace(sample, "relations", key, until=date(2020, 1, 1)),
        _replace(sample, "relations", key, since=date(2030, 1, 1)),
        _replace(sample, "relations", key, acter_trust=0.0 if coop.acter_trust else 3.0),
        _replace(sample, "actors", a_key, name=actor.name + " (renamed)"),
        _replace(sample, "actors", a_key, influence=5.0 if actor.influence != 5 else 1.0),
        _replace(sample, "actors", a_key, level="macro" if actor.level != "macro" else "meso"),
        _replace(sample, "actors", a_key, territory="elsewhere"),
        # The territories' summary counts who is on the geographic map.
        _replace(sample, "actors", a_key, lat=45.5, lon=4.25),
        _replace(
            sample,
            "actors",
            a_key,
            engagement="driver" if actor.engagement != "driver" else "follower",
        ),  # fmt: skip
        _replace(sample, "stakes", s_key, name="another stake name"),
        _replace(sample, "spaces", e_key, instituted=not space.instituted),
        _replace(sample, "spaces", e_key, frequency=(space.frequency or 0) + 1),
        _replace(sample, "spaces", e_key, kind="forum" if space.kind != "forum" else "other"),
    ]
    removed = _copy(sample)
    del removed.relations[key]
    edits.append(removed)
    fingerprints = [analysis_fingerprint(eco) for eco in edits]
    assert before not in fingerprints
    assert len(set(fingerprints)) == len(fingerprints)


def test_every_relation_field_read_is_hashed():
    """A change of any one field in ANALYSED_FIELDS changes the fingerprint."""
    base = {"source": "a", "target": "b", "type": "stake", "stance": 1.0, "weight": 2.0}
    eco = Ecosystem()
    eco.add(Actor(id="a", name="A", kind="person"))
    eco.add(Stake(id="b", name="B"))
    eco.add(Stake(id="c", name="C"))
    eco.add(Space(id="e", name="E"))
    eco.add(Relation(**base))
    before = analysis_fingerprint(eco)
    changes = {"weight": 3.0, "stance": -1.0, "since": date(2020, 1, 1),
               "until": date(2030, 1, 1), "role": "referent", "formal": True,
               "acter_agree": 1.0, "acter_know": 1.0, "acter_trust": 1.0,
               "acter_translate": 1.0, "acter_evaluate": 1.0, "acter_share": 1.0}  # fmt: skip
    assert set(changes) | {"source", "target", "type", "power_type", "stake"} == set(
        ANALYSED_FIELDS["relation"]
    )
    for field, value in changes.items():
        edited = _copy(eco)
        (key,) = edited.relations
        edited.relations[key] = _updated(edited.relations[key], {field: value})
        assert analysis_fingerprint(edited) != before, field


def test_graph_and_map_give_the_same_fingerprint(sample):
    assert analysis_fingerprint(to_graph(sample)) == analysis_fingerprint(sample)


def test_the_order_of_rows_is_not_hashed():
    """No result depends on the order of rows (DESIGN §2): a person's home organisation
    is chosen by date and id, not as their first member_of in map order."""

    def made(order):
        eco = Ecosystem()
        eco.add(Actor(id="p", name="P", kind="person"))
        for o in ("o1", "o2"):
            eco.add(Actor(id=o, name=o.upper(), kind="organisation"))
        for o in order:
            eco.add(Relation(source="p", target=o, type="member_of"))
        return eco

    one, other = made(["o1", "o2"]), made(["o2", "o1"])
    assert analysis_fingerprint(one) == analysis_fingerprint(other)
    assert analysis_fingerprint(to_graph(other)) == analysis_fingerprint(one)
    assert analyse(to_graph(one), as_of=DAY) == analyse(to_graph(other), as_of=DAY)


def test_stable_across_processes(sample):
    """Python salts str hashes per process; the fingerprint must not depend on it."""
    code = (
        "from ecomap.ingest import read_map; from ecomap.graph import analysis_fingerprint; "
        f"print(analysis_fingerprint(read_map({str(ROOT / 'data' / 'territoire-vallee')!r})[0]))"
    )
    seen = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                       env={"PYTHONHASHSEED": seed, "PATH": ""}, cwd=ROOT).stdout.strip()
        for seed in ("1", "2")
    }  # fmt: skip
    assert seen == {analysis_fingerprint(sample)}
