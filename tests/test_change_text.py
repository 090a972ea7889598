"""The store's own change summaries (written in English in the shared change log) are
said again in French by the interface: every kind of summary the store writes is
produced here by a real store, then rendered."""

from __future__ import annotations

import re

from ecomap.model import Actor, Ecosystem, RecordKind, Relation
from ecomap.store.sqlite import SQLiteStore
from ecomap.ui_text import change_text

#: English words of the store's summaries that must not survive in French.
_ENGLISH = re.compile(
    r"\b(imported|replaced|restored|snapshot|undid|change|added|removed|actors?|stakes?|from)\b"
)


def _map(n: int) -> Ecosystem:
    eco = Ecosystem()
    for i in range(n):
        eco.add(Actor(id=f"a{i}", name=f"Acteur {i}", kind="organisation"))
    eco.add(Relation(source="a0", target="a1", type="cooperates"))
    return eco


def test_every_store_summary_reads_in_french(tmp_path):
    with SQLiteStore(tmp_path / "map.db") as store:
        store.import_map(_map(3), source="carte-avril.xlsx")
        store.snapshot_create("copil-avril")
        store.import_map(_map(4), replace=True)
        store.apply([Actor(id="z", name="Zoé", kind="person")], [(RecordKind.ACTOR, "a3")])
        store.snapshot_restore("copil-avril")
        store.undo()
        summaries = [change.summary for change in store.history(None)]
    assert len(summaries) == 5
    french = [change_text(s, "fr") for s in summaries]
    for english, said in zip(summaries, french, strict=True):
        assert said != english
        assert not _ENGLISH.search(said), (english, said)
    # Newest first: the undo of the restore, the restore, the edit, the replace, the import.
    assert french[0] == "annulation de la modification n° 4 (retour à la photo « copil-avril »)"
    assert french[2] == "modification : ajout de 1 acteur ; retrait de 1 acteur"
    assert french[3] == "carte remplacée par 4 acteurs et 1 relation"
    assert french[4] == "import de 3 acteurs et 1 relation depuis « carte-avril.xlsx »"
    # English is left as the store wrote it.
    assert [change_text(s, "en") for s in summaries] == summaries


def test_summaries_typed_by_people_are_left_alone():
    for typed in ("Ajout de la Mairie", "imported by hand", "restored snapshot", "upsert: typo"):
        assert change_text(typed, "fr") == typed
