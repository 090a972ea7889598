"""Helpers for the explorer's tests: a small map, and reading what a page shows.

The small map is counted by hand in the tests that use it:

- actors: Mairie de Valbourg (institution), Asso des Halles and Coop Bio
  (organisations), Ana Martin (member of Asso), Ben Roy (member of Coop), and a person
  whose name is an HTML attack (member of the Mairie);
- a stake (Marché couvert) and an instituted space (COPIL marché);
- relations: 3 member_of, Ana–Ben and Mairie–Asso (formal) cooperate, the Mairie holds
  economic power over Asso, the Mairie and Coop are in tension, the Mairie (+2) and
  Coop (−2) hold stances on the market, Ana and the hostile person take part in the
  COPIL: 11 relations.
- engagement: Ana is a driver, the hostile person a follower.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ecomap.model import Actor, Ecosystem, Relation, Space, Stake

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
HOSTILE = "<img src=x onerror=alert(1)>"


def small_map() -> Ecosystem:
    eco = Ecosystem()
    for record in (
        Actor(id="mairie", name="Mairie de Valbourg", kind="institution", territory="Valbourg",
              tags=["commune"], influence=4),
        Actor(id="asso", name="Asso des Halles", kind="organisation", territory="Valbourg",
              tags=["marché"], influence=2),
        Actor(id="coop", name="Coop Bio", kind="organisation", territory="Lernay", influence=1),
        Actor(id="ana", name="Ana Martin", kind="person", role="coordinatrice",
              engagement="driver"),
        Actor(id="ben", name="Ben Roy", kind="person"),
        Actor(id="hostile", name=HOSTILE, kind="person", engagement="follower"),
        Stake(id="marche", name="Marché couvert"),
        Space(id="copil", name="COPIL marché", kind="steering_committee", instituted=True),
        Relation(source="ana", target="asso", type="member_of"),
        Relation(source="ben", target="coop", type="member_of"),
        Relation(source="hostile", target="mairie", type="member_of"),
        Relation(source="ana", target="ben", type="cooperates", weight=2),
        Relation(source="mairie", target="asso", type="cooperates", formal=True),
        Relation(source="mairie", target="asso", type="power", power_type="economic", weight=3),
        Relation(source="mairie", target="coop", type="tension", weight=2),
        Relation(source="mairie", target="marche", type="stake", stance=2, weight=3),
        Relation(source="coop", target="marche", type="stake", stance=-2, weight=3),
        Relation(source="hostile", target="copil", type="participates"),
        Relation(source="ana", target="copil", type="participates"),
    ):  # fmt: skip
        eco.add(record)
    return eco


def stored(path: Path) -> Ecosystem:
    """The map as the store holds it now (a fresh connection, as another user would)."""
    from ecomap.store.sqlite import SQLiteStore

    with SQLiteStore(path) as store:
        return store.load()


def revision(path: Path) -> int:
    from ecomap.store.sqlite import SQLiteStore

    with SQLiteStore(path) as store:
        return store.revision


def open_page(at, page: str):
    at.switch_page(f"app_pages/{page}.py")
    return at.run()


def open_tab(at, key: str, label: str):
    """Open the tab ``label`` of the tabs under ``key`` (the pages make only the open
    tab's content) as a click on it does: the page runs again."""
    at.session_state[key] = label
    return at.run()


def network_data(html: str, name: str) -> list[dict]:
    """The ``nodes`` or ``edges`` list a network page hands to vis-network."""
    found = re.search(
        r"var " + name + r" = new vis\.DataSet\((\[.*?\])\.map\(plainTitle\)\);", html, re.S
    )
    assert found, f"no {name} in the page"
    return json.loads(found.group(1))


def map_html(at) -> str:
    frames = at.get("iframe")
    assert len(frames) == 1
    return frames[0].proto.srcdoc


def shown_text(markdown: str) -> str:
    """What a Markdown body reads as on screen (backslash escapes removed)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def texts(at) -> str:
    """Every text the page shows (titles, markdown, captions, alerts), one per line."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning",
                 "error", "success"):  # fmt: skip
        parts += [shown_text(str(e.value)) for e in getattr(at, kind)]
    return "\n".join(parts)
