"""The map page made as the explorer starts (``app_pages/streamlit_run.py`` runs
``common.prepare`` once Streamlit serves): a new viewer's first page finds the map, its
graph, its widgets' options and its first picture made, and draws nothing again."""

from __future__ import annotations

from collections import Counter

from app_helpers import APP, map_html, network_data

from app_pages import common, drawing
from ecomap.views import network

PREPARED = ("_snapshot", "_shown_map", "_graph", "_map_values", "_actor_options", "_groups",
            "_grouped_picture")  # fmt: skip


def entries(where: str) -> dict[str, int]:
    """How many shared entries of each kind this process holds for the store ``where``."""
    counts: dict[str, int] = {}
    for key, made in common._MADE.items():
        if key[0] != where:
            continue
        for function, _ in made:
            name = getattr(function, "__name__", repr(function))
            counts[name] = counts.get(name, 0) + 1
    return counts


def test_the_first_page_finds_its_picture_made(store_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setattr(network, "LARGE_MAP", 3)  # the small map drawn as a large one
    monkeypatch.setattr(common, "WARM_UP", False)
    location = str(store_path)
    common.prepare()
    prepared = {k: v for k, v in entries(location).items() if k in PREPARED}
    assert set(prepared) == set(PREPARED), prepared
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    assert not at.exception
    # Nothing made again for this store: every picture, grouping or graph made is
    # counted there (a count of network.grouped's calls would see other tests'
    # background work).
    assert {k: v for k, v in entries(location).items() if k in PREPARED} == prepared
    # The prepared picture is the page's own: grouped by community, names shown.
    nodes = network_data(map_html(at), "nodes")
    assert sorted(n["count"] for n in nodes) == [2, 2, 2]
    assert "Ana Martin" in map_html(at) and location in common._NEWEST


def test_the_first_picture_does_not_wait_for_the_fingerprint(store_path, monkeypatch):
    """The communities of the first picture are made without hashing the whole map
    first; they are the very communities the analyses share once it is hashed."""
    from ecomap.analysis.bridges import communities

    monkeypatch.setattr(network, "LARGE_MAP", 3)
    monkeypatch.setattr(common, "WARM_UP", False)
    location = str(store_path)
    common.prepare()
    made = entries(location)
    assert "_groups" in made and "_fingerprint" not in made
    (key,) = [k for k in common._MADE if k[0] == location]
    where, revision = key
    day = common.date.today()
    keys, _, _ = drawing._groups(where, revision, "community", day.isoformat(), "fr", None)
    shared = common._analysis(where, revision, "bridges", "communities", (), {"as_of": day})
    assert "_fingerprint" in entries(location)  # hashed now, for the shared result
    G = common._graph(where, revision, None)
    assert shared == communities(G, as_of=day)
    membership = shared["membership"]
    sizes = Counter(membership.values())
    # Drawn groups are the shared communities; an actor alone in its community is in
    # the group of those with none ("community:-").
    assert {a: k for a, k in keys.items() if a in membership} == {
        a: f"community:{c}" if sizes[c] > 1 else "community:-" for a, c in membership.items()
    }


def test_an_anonymised_first_page_is_made_for_itself(store_path, monkeypatch):
    """What is prepared is the map with names: a session under pseudonyms draws its own
    picture, with no name in it."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setattr(network, "LARGE_MAP", 3)
    monkeypatch.setattr(common, "WARM_UP", False)
    common.prepare()
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["anonymise"] = True
    at.run()
    assert not at.exception
    html = map_html(at)
    assert "Ana Martin" not in html and "Ben Roy" not in html and "Personne" in html
    assert len(network_data(html, "nodes")) == 3


def test_a_store_that_cannot_be_read_is_left_for_the_page_to_say(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("ECOMAP_STORE", str(tmp_path / "missing" / "map.db"))
    monkeypatch.delenv("ECOMAP_READ_ONLY", raising=False)
    common.prepare()  # nothing raised, nothing made
    assert not [k for k in common._MADE if k[0].endswith("missing/map.db")]
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    assert not at.exception
    assert at.error and "Impossible d'ouvrir la carte" in at.error[0].value


def test_the_preparation_stops_when_the_map_has_changed(store_path, monkeypatch):
    """A change saved while the first page is made (another user, the command line):
    what remains to make of the old revision is not made."""
    from ecomap.model import Actor
    from ecomap.store.sqlite import SQLiteStore

    monkeypatch.setattr(network, "LARGE_MAP", 3)
    view_of, edited, made = drawing.view_of, [], []

    def an_edit_then_the_view(*args, **options):
        # The map read and drawn in part: someone saves a change, a page sees it.
        with SQLiteStore(store_path) as store:
            store.apply([Actor(id="new", name="Nouvelle", kind="organisation")])
            common._see(str(store_path), store.revision)
            edited.append(store.revision)
        return view_of(*args, **options)

    monkeypatch.setattr(drawing, "view_of", an_edit_then_the_view)
    for module, name in ((drawing, "_groups"), (drawing, "_grouped_picture"),
                         (common, "_actor_options")):  # fmt: skip
        monkeypatch.setattr(module, name, lambda *a, name=name, **k: made.append(name))
    common.prepare()
    assert edited == [2]
    assert made == []


def test_a_small_maps_first_page_is_made_too(store_path, monkeypatch):
    """Below ``network.LARGE_MAP`` the first picture is the whole map, not grouped: it is
    the one made as the explorer starts."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setattr(common, "WARM_UP", False)
    location = str(store_path)
    common.prepare()
    made = entries(location)
    assert made["_picture"] == 1 and "_grouped_picture" not in made
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    assert not at.exception
    assert entries(location) == made
    assert {n["id"] for n in network_data(map_html(at), "nodes")} >= {"ana", "mairie"}
