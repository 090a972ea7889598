"""One copy for everyone: every session gets the very same map, graph, names and analysis
results for a store revision; a newer revision replaces the older one's entries; the
anonymised view is a separate shared copy and never leaks into the named one; and no
page changes the shared objects (AppTest: two sessions of the app in one process, as
two viewers of one server)."""

from __future__ import annotations

import copy
import gc
import weakref

import pytest
from app_helpers import APP, HOSTILE, open_page, open_tab, small_map
from test_pages import PAGES

from app_pages import common

PEOPLE = {"Ana Martin", "Ben Roy", HOSTILE}


@pytest.fixture(autouse=True)
def fresh_process_caches():
    """Each test starts as a freshly started explorer (the caches are per process; the
    same small map in another test's store would have the same fingerprint)."""
    import streamlit as st

    st.cache_resource.clear()
    st.cache_data.clear()
    for registry in (common._NEWEST, common._MADE, common._RESULTS, common._CURRENT,
                     common._WARMED, common._WARMING):  # fmt: skip
        registry.clear()


class Seen(list):
    """What each page run got from the shared accessors: (accessor, anonymised?, value);
    with ``first`` on, a deep copy of each object as it was when a page first got it."""

    first: dict[int, tuple[object, object]] | None = None


@pytest.fixture
def seen(monkeypatch):
    got = Seen()
    for name in ("current_map", "current_graph", "names", "versions", "analysis"):
        real = getattr(common, name)

        def spy(*args, _real=real, _name=name, **kwargs):
            value = _real(*args, **kwargs)
            got.append((_name, common.anonymised(), value))
            if got.first is not None and value is not None and id(value) not in got.first:
                got.first[id(value)] = (value, frozen(value))
            return value

        monkeypatch.setattr(common, name, spy)
    return got


def session():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def last(seen, name: str, anonymous: str | None = None):
    values = [v for n, a, v in seen if n == name and a == anonymous]
    assert values, f"no page read {name}"
    return values[-1]


def edit_influence(path, actor: str, influence: int) -> None:
    """An edit another user makes from another connection (a field the analyses read)."""
    from ecomap.model import RecordKind
    from ecomap.store.sqlite import SQLiteStore

    with SQLiteStore(path) as store:
        record = store.load().actors[actor]
        version = store.versions([(RecordKind.ACTOR, actor)])[(RecordKind.ACTOR, actor)]
        store.apply([record.model_copy(update={"influence": influence})], summary="test",
                    expected={(RecordKind.ACTOR, actor): version})  # fmt: skip


def fragility_and_tensions(at) -> None:
    """Fragilité with both its result tabs, then Enjeux et tensions (which names people)."""
    open_tab(open_page(at, "fragility"), "fragility_tab", "Personnes clés")
    open_page(at, "stakes_tensions")


def test_two_sessions_get_the_very_same_map_graph_names_and_results(store_path, seen):
    one = session()
    fragility_and_tensions(one)
    first = {n: last(seen, n) for n in ("current_map", "current_graph", "names")}
    results = [v for n, _, v in seen if n == "analysis" and v is not None]
    seen.clear()
    other = session()
    fragility_and_tensions(other)
    for name, value in first.items():
        assert last(seen, name) is value, name
    again = [v for n, _, v in seen if n == "analysis" and v is not None]
    assert len(again) == len(results) >= 2
    assert all(a is b for a, b in zip(again, results, strict=True))
    # The named map is the store's own: no pseudonym, every person by name.
    assert {a.name for a in first["current_map"].actors.values()} >= PEOPLE
    eco = small_map()
    assert first["current_graph"].number_of_nodes() == len(eco.actors) + len(eco.stakes) + len(
        eco.spaces
    )


def test_a_new_revision_replaces_the_old_entries(store_path, seen):
    one = session()
    open_page(one, "fragility")
    where, old = one.session_state["_run"]
    old_map = weakref.ref(last(seen, "current_map"))
    old_graph = weakref.ref(last(seen, "current_graph"))
    fingerprint = common._fingerprint(where, old, None)
    [(module, function, args, params, anonymous)] = [
        r for r in common._RESULTS[fingerprint] if r[1] == "fragile_links"
    ]
    old_result = common._analysis_result(fingerprint, module, function, args, params,
                                         anonymous, _where=where, _at=old)  # fmt: skip
    assert (where, old) in common.shared_revisions()
    seen.clear()

    edit_influence(store_path, "asso", 5)
    other = session()  # another viewer opens the explorer after the edit
    open_page(other, "fragility")
    new = other.session_state["_run"][1]
    assert new > old
    assert last(seen, "current_map").actors["asso"].influence == 5
    revisions = common.shared_revisions()
    assert (where, new) in revisions and (where, old) not in revisions
    # The fragility results of the old fingerprint are no longer cached: asking again
    # computes a new object.
    assert fingerprint not in common._RESULTS
    assert common._analysis_result(fingerprint, module, function, args, params, anonymous,
                                   _where=where, _at=new) is not old_result  # fmt: skip
    seen.clear()
    gc.collect()
    # Nothing holds the old revision's map or graph any more: their memory comes back.
    assert old_map() is None
    assert old_graph() is None


def test_the_anonymised_copy_is_shared_and_apart_from_the_named_one(store_path, seen):
    named = session()
    hidden = session()
    hidden.toggle(key="anonymise").set_value(True).run()
    assert not hidden.exception
    fragility_and_tensions(hidden)
    pseudonymous = last(seen, "current_map", "fr")
    pseudonymous_graph = last(seen, "current_graph", "fr")
    third = session()
    third.toggle(key="anonymise").set_value(True).run()
    assert last(seen, "current_map", "fr") is pseudonymous
    assert last(seen, "current_graph", "fr") is pseudonymous_graph
    fragility_and_tensions(named)
    assert last(seen, "names", "fr") is not last(seen, "names")
    plain = last(seen, "current_map")
    plain_graph = last(seen, "current_graph")
    assert plain is not pseudonymous and plain_graph is not pseudonymous_graph
    shown = {a.name for a in pseudonymous.actors.values()}
    assert not shown & PEOPLE and any(n.startswith("Personne ") for n in shown)
    # The named copy has every name and no pseudonym, in the map, graph and names.
    stored = {a.id: a.name for a in small_map().actors.values()}
    assert {a.id: a.name for a in plain.actors.values()} == stored
    assert {n: d["name"] for n, d in plain_graph.nodes(data=True) if n in stored} == stored
    assert not any(str(v).startswith("Personne ") for v in last(seen, "names").values())


def _reason(code, params):
    from ecomap.analysis.reasons import Reason

    return Reason(code, **params)


def _copied_reason(reason):
    """A reason kept as a code (immutable, compared by value) copied as a new one."""
    return _reason, (reason.code, dict(reason.params))


def frozen(value):
    """A deep copy to compare with later (a graph: its nodes and edges with their data;
    the projections cached on it are not part of what it holds)."""
    if hasattr(value, "nodes") and hasattr(value, "edges"):
        return copy.deepcopy(
            (list(value.nodes(data=True)), list(value.edges(keys=True, data=True)))
        )
    if hasattr(value, "actors"):
        return copy.deepcopy({k: dict(value.records(k)) for k in _kinds()})
    import copyreg

    from ecomap.analysis.reasons import Reason

    copyreg.pickle(Reason, _copied_reason)  # results keep their reasons as codes
    return copy.deepcopy(dict(value) if hasattr(value, "keys") else value)


def _kinds():
    from ecomap.model import RecordKind

    return list(RecordKind)


@pytest.mark.parametrize("anonymise", [False, True])
def test_no_page_changes_the_shared_objects(store_path, seen, anonymise):
    """Every page in turn, named and anonymised: what they were handed is unchanged."""
    seen.first = {}
    at = session()
    if anonymise:
        at.toggle(key="anonymise").set_value(True).run()
    for page in PAGES:
        at = open_page(at, page)
        assert not at.exception, (page, [e.value for e in at.exception])
    assert len(seen.first) >= 10
    for value, was in seen.first.values():
        assert frozen(value) == was, type(value)
