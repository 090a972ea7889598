"""The leak scanner: does an output name a person? Shared by every anonymisation test.

A name leaks when any of its words of three letters or more (first name, last name,
each part of a compound name), or a person's id, appears as a word of the output, in
any case and with or without accents. Written apart from :mod:`ecomap.privacy` (its
own folding and word splitting) so that the tests do not check the code with itself.

:func:`planted_map` is a small map whose people's names are hidden in every field of
every kind of record: full, first name only, last name only, upper case, without
accents, inside ids (``marc-tissot``), custom columns and their names.
"""

from __future__ import annotations

import html
import io
import re
import unicodedata
import zipfile
from pathlib import Path

from ecomap.model import Actor, Ecosystem, Relation, Space, Stake

#: The people of :func:`planted_map`: id → name.
PEOPLE = {
    "marc-tissot": "Marc Tissot",
    "elodie-vallet": "Élodie Vallet",
    "jean-luc-bouveret": "Jean-Luc Bouveret",
    "ines-morel": "Inès Morel",
}
#: Words a name may share with ordinary text and that are not searched alone.
_PARTICLES = {"de", "du", "des", "van", "von", "le", "la", "les"}
_DATA_URI = re.compile(r"data:[a-z/+.-]+;base64,[A-Za-z0-9+/=]+")
_ESCAPED = re.compile(r"\\u([0-9a-fA-F]{4})")


def bare(text: str) -> str:
    """Lower case, without accents."""
    return "".join(
        c for c in unicodedata.normalize("NFD", text.lower()) if unicodedata.category(c) != "Mn"
    )


def name_words(people: dict[str, str] = PEOPLE) -> set[str]:
    """Every word that must not appear: name parts of 3 letters or more, and ids."""
    words: set[str] = set()
    for person_id, name in people.items():
        words |= {w for w in re.split(r"[^a-z0-9]+", bare(name)) if len(w) >= 3}
        words.add(bare(person_id))
    return words - _PARTICLES


def leaks(text: str, people: dict[str, str] = PEOPLE) -> list[str]:
    """The name words and ids found in ``text`` (escapes of HTML, XML and JSON undone;
    embedded pictures, which are checked apart, skipped)."""
    text = _DATA_URI.sub(" ", text)
    text = html.unescape(_ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text))
    flat = bare(text)
    found = set(re.split(r"[^a-z0-9]+", flat))
    hits = sorted(w for w in name_words(people) if w in found)
    # Ids and whole names whose words are joined by hyphens or spaces.
    for person_id, name in people.items():
        for whole in (bare(person_id), bare(name)):
            if re.search(rf"(?<![a-z0-9]){re.escape(whole)}(?![a-z0-9])", flat):
                hits.append(whole)
    return hits


def file_text(path: Path) -> str:
    """Everything a file written by ecomap holds, as text: the members of a zip or a
    workbook, the files of a folder."""
    path = Path(path)
    if path.is_dir():
        return "\n".join(file_text(p) for p in sorted(path.iterdir()))
    data = path.read_bytes()
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "\n".join(
                archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
            )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", "replace")


def planted_map() -> Ecosystem:
    """Four people, and their names hidden in every text field of every record kind."""
    eco = Ecosystem()
    for record in (
        Actor(id="marc-tissot", name="Marc Tissot", kind="person", role="Adjoint de TISSOT père",
              category="élu", territory="Val", influence=3, engagement="driver",
              tags=["ami d'Elodie", "MARC"], notes="Voir jean-luc-bouveret ; Vallet le soutient",
              lat=47.1, lon=6.1, extra={"téléphone de Marc": "06 00", "référent": "Bouveret"}),
        Actor(id="elodie-vallet", name="Élodie Vallet", kind="person",
              role="bras droit de Marc Tissot", category="cheffe", territory="Val",
              engagement="follower", notes="Sœur de TISSOT", tags=["vallet"],
              extra={"x": "120", "y": "-40", "contact": "marc.tissot@example.org"}),
        Actor(id="jean-luc-bouveret", name="Jean-Luc Bouveret", kind="person",
              role="Gérant", influence=2),
        Actor(id="ines-morel", name="Inès Morel", kind="person",
              role="consultante, amie de Vallet", engagement="contributor"),
        Actor(id="mairie", name="Mairie de Val", kind="institution", influence=4,
              role="employeur de elodie vallet", category="commune de Marc",
              territory="Canton Tissot", tags=["proche de Vallet", "commune"],
              notes="Dirigée par MARC TISSOT, secondé par Elodie",
              extra={"contact Tissot": "Jean-Luc", "budget": "1200"}),
        Actor(id="transports-bouveret", name="Transports Bouveret", kind="organisation",
              notes="Famille de jean-luc", influence=1),
        Actor(id="asso", name="Asso des Halles", kind="organisation", influence=2,
              notes="Présidée par Mme Vallet"),
        Stake(id="marche-de-marc", name="Marché voulu par Marc",
              description="Porté par TISSOT et Élodie Vallet", extra={"porteur": "Vallet"}),
        Stake(id="foncier", name="Foncier", description="Sans personne"),
        Space(id="copil", name="COPIL de Vallet", kind="steering_committee", instituted=True,
              frequency=4, notes="animé par elodie vallet", extra={"secrétaire": "Tissot"}),
        Relation(id="r-marc-tissot-1", source="marc-tissot", target="mairie", type="member_of",
                 role="adjoint de Jean-Luc", since="2020-01-01", until="2027-03-31",
                 reported_by="Entretien Élodie Vallet", notes="recruté par Vallet",
                 extra={"témoin": "Bouveret"}),
        Relation(source="elodie-vallet", target="mairie", type="member_of",
                 role="bras droit de Marc Tissot", reported_by="marc-tissot"),
        Relation(source="jean-luc-bouveret", target="transports-bouveret", type="member_of",
                 role="Gérant, frère de Bouveret"),
        Relation(source="marc-tissot", target="elodie-vallet", type="cooperates", weight=3,
                 notes="Marc et Élodie se voient chaque semaine",
                 reported_by="Jean-Luc Bouveret"),
        Relation(source="marc-tissot", target="transports-bouveret", type="cooperates",
                 weight=2),
        Relation(source="ines-morel", target="mairie", type="cooperates", weight=2,
                 notes="Inès conseille MOREL-conseil"),
        Relation(source="ines-morel", target="transports-bouveret", type="cooperates"),
        Relation(source="mairie", target="asso", type="cooperates", formal=True,
                 notes="convention signée par TISSOT", reported_by="Vallet",
                 extra={"signataire": "Marc Tissot"}),
        Relation(source="mairie", target="asso", type="power", power_type="economic", weight=3,
                 notes="subvention pilotée par Marc"),
        Relation(source="mairie", target="transports-bouveret", type="tension", weight=2,
                 stake="marche-de-marc", notes="Bouveret refuse", reported_by="Élodie"),
        Relation(source="mairie", target="marche-de-marc", type="stake", stance=2, weight=3,
                 notes="voulu par Tissot"),
        Relation(source="transports-bouveret", target="marche-de-marc", type="stake",
                 stance=-2, weight=3),
        Relation(source="asso", target="marche-de-marc", type="stake", stance=1, weight=2),
        Relation(source="elodie-vallet", target="copil", type="participates",
                 role="facilitator", notes="Élodie anime"),
        Relation(source="asso", target="copil", type="participates"),
        Relation(source="mairie", target="copil", type="participates"),
        Relation(source="marche-de-marc", target="foncier", type="conflicts",
                 notes="Marc arbitre"),
    ):  # fmt: skip
        eco.add(record)
    return eco
