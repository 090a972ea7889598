"""Sample maps and files shared by the ingest tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ecomap.model import Actor, Ecosystem, Relation, Space, Stake


def full_map() -> Ecosystem:
    """A small map in which every field of every record type is used at least once,
    every relation type appears, and custom columns are present on each kind."""
    eco = Ecosystem()
    eco.add(
        Actor(
            id="p-ana",
            name="Ana Lefèvre",
            kind="person",
            level="meso",
            category="élue",
            territory="Val d'Aubrelle",
            role="=chargée de mission",
            influence=3.5,
            engagement="driver",
            tags=["vélo", "circuits courts"],
            notes="rencontrée le 3 mars; « très active »\nsecond line",
            lat=45.75,
            lon=-0.5,
            extra={"téléphone": "+33 6 00 00 00 00", "budget": "-1200"},
        )
    )
    eco.add(Actor(id="p-bob", name="Bob", kind="person", engagement="follower"))
    eco.add(Actor(id="o-asso", name="Asso Terre", kind="organisation", engagement="contributor"))
    eco.add(Actor(id="o-coop", name="Coop Bio", kind="organisation", engagement="distant"))
    eco.add(Actor(id="i-cc", name="Communauté de communes", kind="institution", influence=5))
    eco.add(
        Stake(
            id="s-market",
            name="Marché du centre",
            description="@halle couverte",
            extra={"priorité": "haute"},
        )
    )
    eco.add(Stake(id="s-food", name="Alimentation locale"))
    eco.add(
        Space(
            id="sp-copil",
            name="COPIL PAT",
            kind="steering_committee",
            frequency=4,
            instituted=True,
            notes="tous les trimestres",
            extra={"lieu": "mairie"},
        )
    )
    eco.add(Space(id="sp-rex", name="REX", kind="experience_sharing", frequency=1.5))
    eco.add(
        Relation(
            id="R-1",
            source="p-ana",
            target="o-asso",
            type="member_of",
            role="présidente",
            since=date(2019, 9, 1),
            until=date(2027, 6, 30),
            reported_by="entretien A. 2026-01-12",
            visibility="committee",
            notes="bénévole",
            extra={"source_info": "=entretien"},
        )
    )
    eco.add(Relation(source="p-bob", target="o-coop", type="member_of"))
    eco.add(Relation(source="o-asso", target="i-cc", type="part_of"))
    eco.add(
        Relation(
            source="o-coop",
            target="o-asso",
            type="cooperates",
            weight=3,
            formal=True,
            mode="pooling",
            acter_agree=3,
            acter_know=2,
            acter_trust=1.5,
            acter_translate=0,
            acter_evaluate=1,
            acter_share=2,
        )
    )
    eco.add(Relation(source="p-ana", target="p-bob", type="cooperates", formal=False))
    eco.add(
        Relation(
            source="i-cc",
            target="o-coop",
            type="power",
            weight=2,
            power_type="economic",
            visibility="private",
        )
    )
    eco.add(Relation(source="o-coop", target="i-cc", type="tension", weight=2, stake="s-market"))
    eco.add(Relation(source="p-ana", target="s-market", type="stake", stance=-2, weight=3))
    eco.add(Relation(source="o-coop", target="s-market", type="stake", stance=1.5))
    eco.add(Relation(source="p-ana", target="sp-copil", type="participates", role="facilitator"))
    eco.add(Relation(source="o-asso", target="sp-rex", type="participates", role="member"))
    eco.add(Relation(source="s-market", target="s-food", type="complements"))
    eco.add(Relation(source="s-food", target="s-market", type="conflicts", notes="?"))
    return eco


def write_files(folder: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``name -> text or bytes`` into ``folder`` (text as UTF-8) and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)
    return folder


ACTORS = "id,name,kind\na,Ana,person\no,Org,organisation\n"
RELATIONS = "source,target,type\na,o,member_of\n"
