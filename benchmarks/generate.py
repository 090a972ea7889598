"""Seeded synthetic ecosystems shaped like real ones, written in the exchange format.

People work in organisations, organisations belong to institutions, all spread over
territories. Most cooperation happens inside an organisation, some across organisations
of the same territory, a little across territories; ties across organisations are
carried mostly by a few boundary spanners in each (see ``SPANNER_SHARE``), so the
cooperation graph has the brokers and hubs real ecosystems have (largest degree 94
at 10,000 nodes, against 14 when cross ties land on anyone). Power relations go
mostly from institutions to organisations and from organisations to people, with
every power type.
Actors hold stances on a few stakes; spaces gather people of several organisations.

With the default mix a map has about 4.4 relations per node (average degree about 9
over all relation types, about 4.2 in the cooperation graph).

    python -m benchmarks.generate 10000 /tmp/eco-10k
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import numpy as np

from ecomap.model import ACTOR_COLUMNS, RELATION_COLUMNS, SPACE_COLUMNS, STAKE_COLUMNS

__all__ = ["generate", "write"]

POWER_TYPES = ("political", "administrative", "institutional", "technical", "economic")
SPACE_KINDS = ("steering_committee", "experience_sharing", "working_group", "forum", "other")
ENGAGEMENTS = ("driver", "contributor", "follower", "distant")
#: How steeply cross-organisation ties concentrate on an organisation's first members.
SPANNER_EXPONENT = 1.5
#: Share of cross-organisation tie ends that land on a boundary spanner.
SPANNER_SHARE = 0.8


def generate(nodes: int, *, seed: int = 0) -> dict[str, list[dict]]:
    """Rows for ``actors``, ``relations``, ``stakes`` and ``spaces`` (about ``nodes`` nodes).

    The same ``nodes`` and ``seed`` give the same map.
    """
    rng = np.random.default_rng(seed)
    n_stakes = max(5, nodes // 200)
    n_spaces = max(3, nodes // 100)
    n_institutions = max(3, nodes // 100)
    n_organisations = max(6, nodes // 8)
    n_people = max(10, nodes - n_stakes - n_spaces - n_institutions - n_organisations)
    n_territories = max(3, nodes // 500)

    actors: list[dict] = []
    institutions = [f"i{i}" for i in range(n_institutions)]
    organisations = [f"o{i}" for i in range(n_organisations)]
    people = [f"p{i}" for i in range(n_people)]
    inst_territory = rng.integers(0, n_territories, n_institutions)
    for i, actor in enumerate(institutions):
        actors.append({"id": actor, "name": f"Institution {i}", "kind": "institution",
                       "territory": f"T{inst_territory[i]}",
                       "influence": int(rng.integers(2, 6))})  # fmt: skip
    org_institution = rng.integers(0, n_institutions, n_organisations)
    org_territory = inst_territory[org_institution]
    for i, actor in enumerate(organisations):
        actors.append({"id": actor, "name": f"Organisation {i}", "kind": "organisation",
                       "territory": f"T{org_territory[i]}", "category": f"c{i % 7}",
                       "influence": int(rng.integers(0, 5)) if i % 3 == 0 else ""})  # fmt: skip
    # Organisation sizes follow a heavy tail: a few large, many small.
    weights = rng.pareto(1.5, n_organisations) + 1
    person_org = rng.choice(n_organisations, n_people, p=weights / weights.sum())
    engagement = rng.choice(len(ENGAGEMENTS), n_people, p=[0.1, 0.3, 0.4, 0.2])
    for i, actor in enumerate(people):
        actors.append({"id": actor, "name": f"Person {i}", "kind": "person",
                       "territory": f"T{org_territory[person_org[i]]}", "role": "agent",
                       "engagement": ENGAGEMENTS[engagement[i]]})  # fmt: skip

    relations: list[dict] = []
    seen: set[tuple] = set()

    def add(source: str, target: str, rtype: str, **fields) -> None:
        if source == target:
            return
        key = (
            (rtype, *sorted((source, target)))
            if rtype in ("cooperates", "tension")
            else (rtype, source, target)
        )
        if key in seen:
            return
        seen.add(key)
        relations.append({"source": source, "target": target, "type": rtype, **fields})

    for i, org in enumerate(organisations):
        add(org, institutions[org_institution[i]], "part_of")
    members_of: dict[int, list[int]] = {}
    for p, org in enumerate(person_org):
        add(people[p], organisations[org], "member_of")
        members_of.setdefault(int(org), []).append(p)
    second = rng.choice(n_people, n_people // 10, replace=False)
    for p in second:
        add(people[p], organisations[int(rng.integers(0, n_organisations))], "member_of")

    # Cooperation: inside organisations (ring + chords), then across organisations.
    for members in members_of.values():
        if len(members) < 2:
            continue
        for k, p in enumerate(members):
            add(people[p], people[members[(k + 1) % len(members)]], "cooperates",
                weight=int(rng.integers(1, 4)))  # fmt: skip
            if len(members) > 3:
                q = members[int(rng.integers(0, len(members)))]
                add(people[p], people[q], "cooperates", weight=int(rng.integers(1, 4)))
    by_territory: dict[int, np.ndarray] = {
        t: np.flatnonzero(org_territory[person_org] == t) for t in range(n_territories)
    }
    # Boundary spanners: in each organisation a few people carry most of the ties to
    # other organisations. Members are ranked (their order in the organisation) and the
    # r-th is chosen with weight 1 / r**SPANNER_EXPONENT; a cross tie lands on such a
    # spanner with probability SPANNER_SHARE, on any member otherwise.
    spanner_cumulative = {
        org: np.cumsum(1.0 / np.arange(1, len(members) + 1) ** SPANNER_EXPONENT)
        for org, members in members_of.items()
    }

    def spanner(p: int) -> int:
        org = int(person_org[p])
        if rng.random() >= SPANNER_SHARE:
            return p
        cumulative = spanner_cumulative[org]
        rank = int(np.searchsorted(cumulative, rng.random() * cumulative[-1], side="right"))
        return members_of[org][min(rank, len(cumulative) - 1)]

    cross = int(0.7 * n_people)
    for _ in range(cross):
        p = int(rng.integers(0, n_people))
        pool = by_territory[int(org_territory[person_org[p]])]
        q = (
            int(pool[rng.integers(0, len(pool))])
            if rng.random() < 0.85
            else int(rng.integers(0, n_people))
        )
        p, q = spanner(p), spanner(q)
        formal = "true" if rng.random() < 0.15 else ""
        add(people[p], people[q], "cooperates", weight=int(rng.integers(1, 4)), formal=formal,
            **{k: int(rng.integers(0, 4)) for k in ("acter_agree", "acter_know", "acter_trust")}
            if rng.random() < 0.3 else {})  # fmt: skip
    for _ in range(n_organisations // 2):
        a, b = rng.integers(0, n_organisations, 2)
        add(organisations[a], organisations[b], "cooperates", weight=int(rng.integers(1, 4)))
    for _ in range(n_people // 10):
        p = int(rng.integers(0, n_people))
        add(people[p], organisations[int(rng.integers(0, n_organisations))], "cooperates")

    # Power: institutions over organisations, organisations over people, some peers.
    for i, org in enumerate(organisations):
        if rng.random() < 0.8:
            add(institutions[org_institution[i]], org, "power",
                power_type=POWER_TYPES[int(rng.integers(0, 5))], weight=int(rng.integers(1, 4)))  # fmt: skip
    for _ in range(int(0.2 * n_people)):
        p = int(rng.integers(0, n_people))
        add(organisations[person_org[p]], people[p], "power", power_type="administrative",
            weight=int(rng.integers(1, 3)))  # fmt: skip
    for _ in range(n_organisations // 4):
        a, b = rng.integers(0, n_organisations, 2)
        add(organisations[a], organisations[b], "power",
            power_type=POWER_TYPES[int(rng.integers(0, 5))], weight=int(rng.integers(1, 4)))  # fmt: skip

    stakes = [{"id": f"s{i}", "name": f"Stake {i}"} for i in range(n_stakes)]
    all_actors = institutions + organisations + people
    for _ in range(int(0.15 * len(all_actors))):
        a, b = rng.integers(0, len(all_actors), 2)
        add(all_actors[a], all_actors[b], "tension", weight=int(rng.integers(1, 4)))
    for _ in range(int(0.6 * len(all_actors))):
        a = int(rng.integers(0, len(all_actors)))
        add(all_actors[a], f"s{int(rng.integers(0, n_stakes))}", "stake",
            stance=int(rng.integers(-2, 3)), weight=int(rng.integers(1, 4)))  # fmt: skip
    for i in range(0, n_stakes - 1, 3):
        add(f"s{i}", f"s{i + 1}", "complements")

    spaces = [{"id": f"e{i}", "name": f"Space {i}", "kind": SPACE_KINDS[i % 5],
               "frequency": int(rng.integers(1, 13)),
               "instituted": "true" if i % 2 else "false"} for i in range(n_spaces)]  # fmt: skip
    for _ in range(int(0.3 * len(all_actors))):
        a = int(rng.integers(0, len(all_actors)))
        add(all_actors[a], f"e{int(rng.integers(0, n_spaces))}", "participates",
            role="facilitator" if rng.random() < 0.05 else "member")  # fmt: skip
    return {"actors": actors, "relations": relations, "stakes": stakes, "spaces": spaces}


def write(rows: dict[str, list[dict]], folder: Path) -> Path:
    """Write generated rows as a CSV map folder."""
    folder.mkdir(parents=True, exist_ok=True)
    columns = {"actors": ACTOR_COLUMNS, "relations": RELATION_COLUMNS,
               "stakes": STAKE_COLUMNS, "spaces": SPACE_COLUMNS}  # fmt: skip
    for name, header in columns.items():
        with open(folder / f"{name}.csv", "w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=header, extrasaction="raise")
            writer.writeheader()
            writer.writerows(rows[name])
    return folder


if __name__ == "__main__":  # pragma: no cover
    size, target = int(sys.argv[1]), Path(sys.argv[2])
    made = generate(size)
    write(made, target)
    print(f"{target}: {len(made['actors'])} actors, {len(made['relations'])} relations")
