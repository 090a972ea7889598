"""What changed between two versions of the map, for the committee page: one shared
result per revision (``st.cache_resource``), made in the background for the page's
first comparison — the newest snapshot against the map now — as soon as a session sees
a revision (:func:`app_pages.common.warm_up`)."""

from __future__ import annotations

from datetime import date

import streamlit as st

from app_pages import common

#: The map now, as the page names it among the snapshots.
NOW = "\x00now"


def load_version(where: str, at: int, name: str):
    """A snapshot, or the map at revision ``at`` for ``NOW``: one copy shared by every
    session (read-only)."""
    return common._snapshot(where, at)[0] if name == NOW else _snapshot_map(where, at, name)


@st.cache_resource(max_entries=4, show_spinner=False)
def _snapshot_map(where: str, at: int, name: str):
    """A snapshot's map, shared by every session; dropped when a newer revision is seen
    (the revision keys the cache: a snapshot restored or taken since reads again)."""
    common.made(_snapshot_map, where, at, name)
    return common.store().snapshot_load(name)


@st.cache_resource(max_entries=8, show_spinner=False)
def difference(where: str, at: int, before: str, after: str, as_of: date, lang: str,
               anonymous: str | None = None):  # fmt: skip
    """What changed between two versions (one result shared by every session: pages
    read it, never change it); under pseudonyms (in the language ``anonymous``), both
    versions are anonymised alike before they are compared."""
    from ecomap.analysis.history import diff

    common.made(difference, where, at, before, after, as_of, lang, anonymous)
    old, new = load_version(where, at, before), load_version(where, at, after)
    if anonymous:
        hide = common._hider(where, at, anonymous)
        old, new = hide.ecosystem(old), hide.ecosystem(new)
    return diff(old, new, as_of=as_of, lang=lang)


def ready(where: str, at: int, *rest) -> bool:
    """Whether this comparison is made (nothing to wait for, no progress to say), not
    being made in the background."""
    with common._SHARED:
        if ("compare", where) in common._WARMING:
            return False
    return common._ready(difference, where, at, *rest)


def warm(where: str, at: int, anonymous: str | None, lang: str, day: date) -> None:
    """Make the page's first comparison: the newest snapshot against the map now."""
    snapshots = common.store().snapshot_list()
    if snapshots:
        difference(where, at, snapshots[-1].name, NOW, day, lang, anonymous)
