"""A corpus of good and bad maps, and what reading them gives, down to every value.

Each case is a map in one of the formats users bring (CSV with ``,`` or ``;``, UTF-8
with or without its mark, Windows-1252, a workbook, a JSON document, a zip), with a
stored map to patch for the merge cases. :func:`outcome` describes what reading a
case gives as plain JSON: every issue (file, line, column, value, message, severity,
in order) and the validated map record by record, in the order the map holds them,
with each value's type and the fields the record was given. ``reading_outcomes.json``
holds the outcomes recorded before reading was made column-wise; the tests compare
the reader of today with them, and with the row-by-row reading on mutated maps.

``python tests/ingest/reading_corpus.py`` records the outcomes again (only when the
expected behaviour changes on purpose).
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
import zipfile
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from ecomap.errors import InputError, Issue
from ecomap.ingest import read_map
from ecomap.model import Actor, Ecosystem, Relation, Space, Stake

OUTCOMES = Path(__file__).with_name("reading_outcomes.json")

# -- the files ----------------------------------------------------------------------

GOOD_ACTORS = (
    "id,name,kind,level,category,territory,role,influence,engagement,tags,notes,lat,lon,budget\n"
    ' p1 , Ana Lefèvre ,personne,,élue,Val d\'Aubrelle, chargée ,"3,5",Moteur,vélo| circuits ,'
    '"rencontrée le 3 mars, « active »\nseconde ligne",45.75,−0.5,-1200\n'
    "\n"
    "p2,Bob,Person,méso,,,,0,suiveuse,,,,,\n"
    "p3,Chloé,individu,macro,,,,5,contributrice,|,  ,−90,180,  \n"
    "o1,Asso Terre,structure,,,,,1.25,éloignée,a|b|a,'=SOMME(A1),0,-180,\n"
    'o2,Coop Bio,Organisation,,,,,\u22120,,,,"\u221245,5",\u22120,\n'
    "o3,Coop Deux,organization,,,,,2 ,distant,,,1e1,1_0,\n"
    'i1,Communauté de communes,collectivité,,,,,"4,0",,,,,,x\n'
    "i2,Préfecture,INSTITUTION,,,,,,,,,,,\n"
)
GOOD_STAKES = "id,name,description,priorité\ns1,Marché du centre,@halle,haute\ns2,Alimentation,,\n"
GOOD_SPACES = (
    "id,name,kind,frequency,instituted,notes\n"
    "sp1,COPIL PAT,comité de pilotage,4,oui,trimestriel\n"
    'sp2,REX,REX,"1,5",Non,\n'
    "sp3,Groupe,groupe de travail,0,VRAI,\n"
    "sp4,Forum,forum,,faux,\n"
    "sp5,Autre,,12,true,\n"
    "sp6,Six,autre,,FALSE,\n"
    "sp7,Sept,Other,,yes,\n"
    "sp8,Huit,other,,no,\n"
    "sp9,Neuf,other,,1,\n"
    "sp10,Dix,other,,0,\n"
    "sp11,Onze,other,,Y,\n"
    "sp12,Douze,other,,o,\n"
    "sp13,Treize,other,,X,\n"
    "sp14,Quatorze,other,,n,\n"
    "sp15,Quinze,other,, Oui ,\n"
)
GOOD_RELATIONS = (
    "id,source,target,type,weight,power_type,stance,formal,mode,stake,role,since,until,"
    "reported_by,visibility,notes,acter_agree,acter_know,acter_trust,acter_translate,"
    "acter_evaluate,acter_share,source_info\n"
    "R1,p1,o1,membre de,,,,,,,présidente,01/09/2019,2027-06-30,entretien,comité,bénévole,,,,,,,"
    "=entretien\n"
    ",p2,o2,member_of,,,,,,,,2020-01-01T10:30:00,,,,,,,,,,,\n"
    ",o1,i1,fait partie de,,,,,,,,,,,,,,,,,,,\n"
    ',o2,o1,coopère,3,,,oui,mutualisation,,,,,,Public,,3,2,"1,5",0,1,2,\n'
    ',p1,p2,cooperates,"2,5",,,non,coordination,,,,,,,,,,,,,,\n'
    ",p3,p1,cooperates,,,,VRAI,,,,,,,private,,,,,,,,\n"
    ",o3,p3,cooperates,1,,,faux,,,,,,,,,,,,,,,\n"
    ",o3,o1,cooperates,,,,true,,,,,,,,,,,,,,,\n"
    ",o2,p1,cooperates,,,,false,,,,,,,,,,,,,,,\n"
    ",o1,p2,cooperates,,,,yes,,,,,,,,,,,,,,,\n"
    ",o1,p3,cooperates,,,,no,,,,,,,,,,,,,,,\n"
    ",o2,p3,cooperates,,,,1,,,,,,,,,,,,,,,\n"
    ",o2,o3,cooperates,,,,0,,,,,,,,,,,,,,,\n"
    ",i1,o2,pouvoir,2,économique,,,,,,,,,privé,,,,,,,,\n"
    ",i2,o1,power,,politique,,,,,,,,,,,,,,,,,\n"
    ",i2,o2,power,,Technical,,,,,,,,,,,,,,,,,\n"
    ",i1,o3,rapport de force,,institutionnelle,,,,,,,,,,,,,,,,,\n"
    ",i2,i1,power,,administratif,,,,,,,,,,,,,,,,,\n"
    ",o2,i1,tension,2,,,,,s1,,,,,,,,,,,,,\n"
    ",o1,i1,tension,,,,,,,,,,,,,,,,,,,\n"
    ",p1,s1,enjeu,3,,\u22122,,,,,,,,,,,,,,,,\n"
    ',o2,s1,stake,,,"1,5",,,,,,,,,,,,,,,,\n'
    ",p2,s2,stake,,,0,,,,,,,,,,,,,,,,\n"
    ",p1,sp1,participe à,,,,,,,animatrice,,,,,,,,,,,,\n"
    ",o1,sp2,participates,,,,,,,Membre,,,,,,,,,,,,\n"
    ",p2,sp3,participates,,,,,,,,,,,,,,,,,,,\n"
    ",s1,s2,intérêts croisés,,,,,,,,,,,,,,,,,,,\n"
    ",s2,s1,conflicts,,,,,,,,,,,,,,,,,,,\n"
    ",p3,o3,member_of,,,,,,,,29/02/2024,01/03/2024,,,,,,,,,,\n"
)

BAD_ACTORS = (
    "id,name,kind,level,influence,engagement,lat,lon\n"
    "a1,Ana,alien,,,,,\n"
    "a2,Bob,person,giga,7,,,\n"
    "a3,Chloé,person,,-1,boss,91,abc\n"
    "a4,Dan,person,,inf,,nan,1e999\n"
    'a5,Eve,person,,"5,5",,−91,-181\n'
    ",Sans id,person,,,,,\n"
    "a7,,person,,,,,\n"
    "a8,Sans nature,,,,,,\n"
    "a1,Ana encore,person,,,,,\n"
    "s1,Pas un acteur,person,,,,,\n"
    "o1,Org,organisation,,,,,\n"
    "o1,Org encore,organisation,,,,,\n"
    "o2,Org 2,organisation,,1 2,,12..5,\n"
    "i1,Inst,institution,,,,,\n"
)
BAD_STAKES = "id,name\ns1,Marché\ns2,\nsp1,Déjà un dispositif\ns3,Trois\n"
BAD_SPACES = (
    "id,name,kind,frequency,instituted\n"
    "sp1,COPIL,comité,4,oui\n"
    "sp2,REX,forum,-1,peut-être\n"
    "sp3,Groupe,forum,inf,\n"
    "sp4,Forum,forum,abc,2\n"
)
BAD_RELATIONS = (
    "id,source,target,type,weight,power_type,stance,formal,mode,stake,role,since,until,"
    "visibility,acter_trust\n"
    ",a2,o1,likes,,,,,,,,,,,\n"
    ",i1,o1,power,5,,,,,,,,,,\n"
    ",i1,o2,power,,magic,,,,,,,,,\n"
    ",a2,s1,stake,,,3,,,,,,,,\n"
    ",a2,s3,stake,2,,,,,,,,,,\n"
    ",a2,sp1,participates,,,,,,,chef,,,,\n"
    ",a2,o1,member_of,,,,,,,,2026-03-01,01/02/2026,,\n"
    ",a2,o2,member_of,,,,,,,,31/02/2026,,,\n"
    ",a3,o1,member_of,,,,,,,,01/03/26,2026-13-01,,\n"
    ",a3,o2,member_of,,,,,,,,2026-03-01T99:99,1/3/2026,,\n"
    ",o1,o2,cooperates,0,,,peut-être,together,,,,,everyone,4\n"
    ",,o2,cooperates,,,,,,,,,,,\n"
    ",o1,,cooperates,,,,,,,,,,,\n"
    ",o1,o2,,,,,,,,,,,,\n"
    ",i1,i1,tension,,,,,,,,,,,\n"
    ",i1,ghost,part_of,,,,,,,,,,,\n"
    ",ghost,i1,part_of,,,,,,,,,,,\n"
    ",o1,a2,member_of,,,,,,,,,,,\n"
    ",a2,o1,part_of,,,,,,,,,,,\n"
    ",o1,i1,tension,,,,,,s2,,,,,\n"
    ",o1,i1,tension,,,,,,o1,,,,,\n"
    ",o1,i1,tension,,,,,,nowhere,,,,,\n"
    ",o2,o1,cooperates,,,,,,,,,,,\n"
    "R9,o1,i1,part_of,,,,,,,,,,,\n"
    "R9,o2,i1,part_of,,,,,,,,,,,\n"
    ",o1,i1,part_of,,,,,,,,,,,\n"
    ",s1,s3,complements,,,,,,,,,,,\n"
    ",s3,s1,complements,,,,,,,,,,,\n"
    ",a1,o1,member_of,,,,,,,,,,,\n"
    ",a2,sp1,participates,,,,,,,animateur,,,,\n"
    ",a4,o1,cooperates,,,,,,,,,,,\n"
    ',a5,o1,cooperates,"1,5",,,,,,,,,,"−1"\n'
    ',o1,i1,power,"2,5",politique,,,,,,,,,\n'
    ",o1,o2,power,,,,,,,,,,,\n"
)


def _xlsx(sheets: dict[str, list[list[Any]]]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text.encode("utf-8"))
    return buffer.getvalue()


def _semicolons(text: str) -> str:
    """The same CSV with ``;`` as delimiter (cells here hold no ``;``), as French Excel writes."""
    import csv

    rows = list(csv.reader(io.StringIO(text, newline="")))
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    return out.getvalue()


_XLSX_ACTORS = [
    ["identifiant", "nom", "nature", "niveau", "influence (0-5)", "latitude", "longitude",
     "étiquettes", "budget"],
    ["p1", "Ana", "personne", None, 3.5, 45.75, -0.5, "a|b", 1200],
    ["p2", "Bob", "person", "micro", 2, None, None, None, None],
    [None, None, None, None, None, None, None, None, None],
    ["o1", "Asso", "structure", None, "2,5", "45,1", None, None, True],
    ["i1", "CC", "collectivité", None, 5, None, None, None, datetime(2026, 3, 1)],
    ["x1", "Mauvais", "alien", None, 9, 100, None, None, None],
]  # fmt: skip
_XLSX_RELATIONS = [
    ["source", "cible", "type de relation", "poids (1-3)", "formel", "depuis", "jusqu'au",
     "type de pouvoir", "position (-2 à 2)"],
    ["p1", "o1", "membre de", None, None, datetime(2019, 9, 1), date(2027, 6, 30), None, None],
    ["p2", "o1", "member_of", None, None, datetime(2019, 9, 1, 10, 30), None, None, None],
    ["o1", "i1", "coopère", 2, True, None, None, None, None],
    ["i1", "o1", "power", 3, False, None, None, "politique", None],
    ["p1", "p2", "cooperates", 4, "peut-être", "2026-02-30", None, None, None],
    ["i1", "p1", "power", 1, None, None, None, None, None],
    ["p1", "o1", "membre de", None, None, None, None, None, None],
]  # fmt: skip

_JSON_GOOD = {
    "format": "ecomap",
    "version": 1,
    "actors": [
        {"id": "p1", "name": "Ana", "kind": "person", "tags": ["a", " b ", ""], "influence": 3.5,
         "lat": 45, "custom": "x", "nombre": 3},
        {"id": "o1", "nom": "Asso", "nature": "structure", "engagement": "moteur"},
        {"id": "i1", "name": "CC", "kind": "institution", "influence": 5, "level": None},
    ],
    "stakes": [{"id": "s1", "name": "Marché"}],
    "spaces": [{"id": "sp1", "name": "COPIL", "kind": "copil", "instituted": True,
                "frequency": 4}],
    "relations": [
        {"source": "p1", "target": "o1", "type": "member_of", "since": "2020-01-01",
         "formal": None},
        {"source": "o1", "target": "i1", "type": "cooperates", "weight": 2, "formal": False,
         "acter_trust": 1.5},
        {"source": "p1", "target": "s1", "type": "stake", "stance": -2},
        {"source": "p1", "target": "sp1", "type": "participates", "role": "facilitator"},
    ],
}  # fmt: skip
_JSON_BAD = {
    "format": "ecomap",
    "version": 1,
    "actors": [
        {"id": "p1", "name": "Ana", "kind": "person", "tags": [["nested"]]},
        {"id": "p2", "name": "Bob", "kind": "person", "influence": 9, "lat": {"a": 1}},
        {"id": "p3", "name": "Chloé", "kind": "nobody", "name ": "twice"},
        "not a record",
        {"id": "\ud800", "name": "Surrogate", "kind": "person"},
        {"id": "p4", "name": "Long", "kind": "person", "influence": 10**120},
        {"id": "o1", "name": "Org", "kind": "organisation", "notes": "\ud83d"},
    ],
    "relations": [
        {"source": "p1", "target": "p2", "type": "cooperates", "weight": True},
        {"source": "p1", "target": "p1", "type": "cooperates"},
        {"source": "p2", "target": "o1", "type": "member_of", "until": 20260301},
        {"source": "p2", "target": "o1", "type": "power", "power_type": ["political"]},
        {"source": "p1", "target": "o1", "type": "member_of", "since": "1700000000"},
    ],
}  # fmt: skip

# The stored map the merge cases patch, and the patches.
STORED_ACTORS = (
    "id,name,kind,territory,notes,tags,influence,lat,budget\n"
    "cc,CC du Val,institution,Val,PAT,pat,4,45,100\n"
    "asso,Asso,organisation,,,,,,\n"
    "ana,Ana,person,,,,,,\n"
    "mairie,Mairie,institution,,,,,,\n"
)
STORED_RELATIONS = (
    "source,target,type,weight,notes,since,until,power_type\n"
    "asso,cc,cooperates,2,depuis 2024,2024-01-01,,\n"
    "ana,asso,member_of,,,,,\n"
    "cc,mairie,part_of,,,,,\n"
)
STORED_RELATIONS_POWER = STORED_RELATIONS.replace(
    "cc,mairie,part_of,,,,,", "cc,mairie,power,,,,,technique"
)
PATCH_ACTORS = (
    "id,name,kind,territory,notes,tags,influence,lat,budget\n"
    "cc,,,Val d'Aubrelle,(vide),(empty),,(VIDE), (vide) \n"
    "asso,,person,,,,,,\n"
    'neuf,Neuf,organisation,,(vide),a|b,"2,5",,\n'
    "ana,,,,,,9,,\n"
    "mairie,(vide),,,,,,,\n"
)
GOOD_PATCH_ACTORS = (
    "id,name,kind,territory,notes,tags,influence,lat,budget\n"
    "cc,,,Val d'Aubrelle,(vide),(empty),,(VIDE), (vide) \n"
    'neuf,Neuf,organisation,,(vide),a|b,"2,5",,\n'
    "ana,,,,note,,1,,7\n"
    "dix,Dix,person,,,,,,\n"
)
GOOD_PATCH_RELATIONS = (
    "source,target,type,weight,notes,since,until\n"
    "cc,asso,cooperates,3,(vide),,\n"
    "neuf,cc,cooperates,,,01/01/2025,\n"
    "dix,neuf,member_of,,,2025-01-01,\n"
    "ana,asso,member_of,,,,2030-01-01\n"
)
PATCH_RELATIONS = (
    "source,target,type,weight,notes,since,until\n"
    "cc,asso,cooperates,3,(vide),,\n"
    "neuf,cc,cooperates,,,01/01/2025,\n"
    "ana,cc,cooperates,,,2025-01-01,2024-01-01\n"
    "neuf,ghost,cooperates,,,,\n"
)

CSV_CASES: dict[str, dict[str, str]] = {
    "good": {"actors.csv": GOOD_ACTORS, "relations.csv": GOOD_RELATIONS,
             "stakes.csv": GOOD_STAKES, "spaces.csv": GOOD_SPACES},
    "bad": {"actors.csv": BAD_ACTORS, "relations.csv": BAD_RELATIONS,
            "stakes.csv": BAD_STAKES, "spaces.csv": BAD_SPACES},
    "missing_columns": {
        "actors.csv": "id,nom,type de pouvoir\na,Ana,x\nb,,\n",
        "relations.csv": "source,poids\na,2\nb,9\n",
        "stakes.csv": "identifiant\ns\n",
        "spaces.csv": "nom\nCOPIL\n",
    },
    "odd_columns": {
        "actors.csv": (
            "id,name,nom,kind,,Budget,extra (€),'=formule,id\n"
            "a,Ana,Anna,person,,12,x,y,z\n"
            "b,Bob,,person,stray,,,,\n"
            "c,Chloé,,person\n"
            "d,Dan,,person,,,,,,,too,many\n"
        ),
        "relations.csv": "source,cible,nature,force\na,b,cooperates,2\n",
    },
    "vide_without_store": {
        "actors.csv": "id,name,kind,notes,extra\na,Ana,person,(vide),(empty)\n"
        "b,(vide),(vide),\"écrit (vide) exprès\",\n",
        "relations.csv": "source,target,type,weight\na,b,cooperates,(vide)\n",
    },
    "quotes_and_lines": {
        "actors.csv": (
            'id,name,kind,notes\n"a","Ana ""la"" vraie",person,"ligne 1\r\nligne 2\nligne 3"\n'
            '\n\nb,Bob,person,"a,b;c"\r\nc,"Chl""oé",personne, x "y" z\n'
            "d,Dan,,\"multi\nline\"\n"
        ),
        "relations.csv": "source,target,type,weight\r\na,b,cooperates,9\r\n\r\nc,d,cooperates,\n",
    },
    "empty_and_header_only": {
        "actors.csv": "\n\n",
        "relations.csv": "source,target,type\n",
        "stakes.csv": "",
    },
}  # fmt: skip


def case_inputs(tmp: Path) -> dict[str, tuple[Path, Ecosystem | None]]:
    """Every case written under ``tmp``: name → (path to read, stored map to patch or None)."""
    cases: dict[str, tuple[Path, Ecosystem | None]] = {}

    def folder(name: str, files: dict[str, bytes]) -> Path:
        path = tmp / name
        path.mkdir(parents=True)
        for file, data in files.items():
            (path / file).write_bytes(data)
        return path

    for name, files in CSV_CASES.items():
        utf8 = {f: t.encode("utf-8") for f, t in files.items()}
        cases[f"{name}-comma-utf8"] = (folder(f"{name}-comma-utf8", utf8), None)
        semi = {f: b"\xef\xbb\xbf" + _semicolons(t).encode("utf-8") for f, t in files.items()}
        cases[f"{name}-semicolon-bom"] = (folder(f"{name}-semicolon-bom", semi), None)
        try:
            cp = {f: _semicolons(t).encode("cp1252") for f, t in files.items()}
        except UnicodeEncodeError:
            cp = {
                f: _semicolons(t).replace("\u2212", "-").encode("cp1252") for f, t in files.items()
            }
        cases[f"{name}-semicolon-cp1252"] = (folder(f"{name}-semicolon-cp1252", cp), None)
    good = CSV_CASES["good"]
    cases["good-zip"] = (
        _write(tmp / "good.zip", _zip({f"carte/{f}": t for f, t in good.items()})),
        None,
    )
    cases["good-utf16"] = (
        folder("good-utf16", {f: t.encode("utf-16") for f, t in good.items()}),
        None,
    )
    cases["fr-xlsx"] = (
        _write(tmp / "carte.xlsx", _xlsx({"acteurs": _XLSX_ACTORS, "relations": _XLSX_RELATIONS})),
        None,
    )
    cases["good-xlsx"] = (
        _write(tmp / "bon.xlsx", _xlsx({"acteurs": _XLSX_ACTORS[:6],
                                        "relations": _XLSX_RELATIONS[:5]})),
        None,
    )  # fmt: skip
    cases["good-json"] = (_write(tmp / "good.json", _json(_JSON_GOOD)), None)
    cases["bad-json"] = (_write(tmp / "bad.json", _json(_JSON_BAD)), None)
    for sample in sorted(Path(__file__).parents[2].joinpath("data").rglob("actors.csv")):
        name = "data-" + "-".join(sample.parent.relative_to(sample.parents[2]).parts)
        cases[name] = (sample.parent, None)
    stored = read_map(
        folder(
            "stored",
            {"actors.csv": STORED_ACTORS.encode(), "relations.csv": STORED_RELATIONS.encode()},
        )
    )[0]
    patch = folder(
        "patch", {"actors.csv": PATCH_ACTORS.encode(), "relations.csv": PATCH_RELATIONS.encode()}
    )
    cases["merge-patch"] = (patch, stored)
    stored_part_of = read_map(
        folder("stored2", {"actors.csv": STORED_ACTORS.encode(),
                           "relations.csv": STORED_RELATIONS_POWER.encode()})
    )[0]  # fmt: skip
    good_patch = folder(
        "good-patch",
        {"actors.csv": GOOD_PATCH_ACTORS.encode(), "relations.csv": GOOD_PATCH_RELATIONS.encode()},
    )
    cases["merge-good-patch"] = (good_patch, stored)
    cases["merge-patch-kind-breaks"] = (patch, stored_part_of)
    cases["merge-same-again"] = (tmp / "stored", stored)
    cases["merge-onto-empty"] = (tmp / "good-comma-utf8", Ecosystem())
    cases["merge-bad-onto-empty"] = (tmp / "bad-comma-utf8", Ecosystem())
    cases["merge-stake-over-actor"] = (
        folder("stake-over", {"actors.csv": b"id,name,kind\nx,X,person\n",
                              "relations.csv": b"source,target,type\n",
                              "stakes.csv": b"id,name\ncc,Pas un acteur\n"}),
        stored,
    )  # fmt: skip
    return cases


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _json(document: dict) -> bytes:
    return json.dumps(document, ensure_ascii=True).encode("utf-8")


# -- what reading gives -------------------------------------------------------------


def typed(value: Any) -> Any:
    """A value with its type, as plain JSON: what tells ``2`` from ``2.0`` and ``'2'``."""
    if isinstance(value, StrEnum):
        return [type(value).__name__, value.value]
    if isinstance(value, list):
        return ["list", [typed(v) for v in value]]
    if isinstance(value, dict):
        return ["dict", [[k, typed(v)] for k, v in value.items()]]
    if isinstance(value, (date, datetime)):
        return [type(value).__name__, value.isoformat()]
    if isinstance(value, float):
        return ["float", repr(value)]
    if isinstance(value, str):
        return ["str", value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
                if not value.isascii() else value]  # fmt: skip
    return [type(value).__name__, value]


def record_outcome(record: Actor | Stake | Space | Relation) -> dict[str, Any]:
    """A record: its class, every field in order with its type, and the fields it was given."""
    return {
        "class": type(record).__name__,
        "fields": [[name, typed(value)] for name, value in record.__dict__.items()],
        "given": sorted(record.model_fields_set),
        "extra": typed(record.__pydantic_extra__),
        "private": typed(record.__pydantic_private__),
    }


def map_outcome(eco: Ecosystem) -> dict[str, Any]:
    """A map, table by table, in the order the map holds its records."""
    return {
        kind: [[key, record_outcome(record)] for key, record in getattr(eco, kind).items()]
        for kind in ("actors", "stakes", "spaces", "relations")
    }


def issue_outcome(issue: Issue) -> list[Any]:
    return [issue.file, issue.line, issue.column, typed(issue.value), issue.message, issue.severity]


def outcome(path: Path, onto: Ecosystem | None, lang: str = "en") -> dict[str, Any]:
    """What :func:`~ecomap.ingest.read_map` gives for a case: the map and warnings, or the error."""
    try:
        eco, warnings = read_map(path, lang=lang, onto=onto)
    except InputError as error:
        return {"error": [issue_outcome(i) for i in error.issues],
                "warnings": [issue_outcome(i) for i in error.warnings]}  # fmt: skip
    return {"map": map_outcome(eco), "warnings": [issue_outcome(i) for i in warnings]}


def digest(value: Any) -> str:
    """A short fingerprint of an outcome (for the large maps)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def benchmark_map(tmp: Path, nodes: int = 1000) -> Path:
    """The benchmarks' seeded synthetic map of ``nodes`` nodes, as CSV files."""
    sys.path.insert(0, str(Path(__file__).parents[2]))
    from benchmarks.generate import generate, write

    return write(generate(nodes, seed=0), tmp / f"bench-{nodes}")


def all_outcomes(tmp: Path) -> dict[str, Any]:
    """The outcome of every case, in both languages, and of the 1,000-node benchmark map."""
    found: dict[str, Any] = {}
    for name, (path, onto) in case_inputs(tmp).items():
        for lang in ("en", "fr"):
            found[f"{name}/{lang}"] = outcome(path, onto, lang)
    found["benchmark-1000/en"] = outcome(benchmark_map(tmp), None)
    return found


#: Outcomes larger than this (the sample territory, the benchmark map) are kept by digest.
KEPT_WHOLE = 50_000


def recorded(outcomes: dict[str, Any]) -> dict[str, Any]:
    """Outcomes as kept in ``reading_outcomes.json``: each case names its outcome's
    digest, each distinct outcome is kept once (whole unless larger than
    :data:`KEPT_WHOLE` characters)."""
    cases = {name: digest(value) for name, value in outcomes.items()}
    whole = {
        digest(value): value
        for value in outcomes.values()
        if len(json.dumps(value, ensure_ascii=False)) <= KEPT_WHOLE
    }
    return {"cases": cases, "outcomes": dict(sorted(whole.items()))}


if __name__ == "__main__":  # pragma: no cover
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        kept = recorded(all_outcomes(Path(tmp)))
    text = json.dumps(kept, ensure_ascii=False, indent=0)
    OUTCOMES.write_text(text + "\n", encoding="utf-8")
    print(f"{OUTCOMES}: {len(kept['cases'])} cases, {len(kept['outcomes'])} kept whole")
