"""Stakes and tensions (DESIGN.md §3, "Stakes and tensions").

Every expected value is worked out by hand from the definition; the comment above each
map shows the stances (stance, importance) and the computation. Latent tensions and
untapped cooperation are also checked against a plain enumeration of every pair on
random maps, since both prune their search.
"""

from __future__ import annotations

from datetime import date
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecomap.analysis.stakes import (
    latent_tensions,
    stakes,
    tension_opportunities,
    untapped_cooperation,
)
from ecomap.graph import to_graph
from ecomap.model import Actor, Ecosystem, Relation, Stake

DAY = date(2026, 3, 1)
PAST = date(2025, 1, 1)


def build(actors, stakes_=(), relations=()):
    eco = Ecosystem()
    for record in [*actors, *stakes_, *relations]:
        eco.add(record)
    return to_graph(eco)


def org(i: str, name: str | None = None, **fields) -> Actor:
    return Actor(id=i, name=name or f"Org {i.upper()}", kind="organisation", **fields)


def person(i: str) -> Actor:
    return Actor(id=i, name=f"P {i}", kind="person")


def stance(actor: str, stake: str, value: float, importance: float = 1, **fields) -> Relation:
    return Relation(
        source=actor, target=stake, type="stake", stance=value, weight=importance, **fields
    )


def rel(kind: str, a: str, b: str, **fields) -> Relation:
    return Relation(source=a, target=b, type=kind, **fields)


# ---- stakes: sides, balance, contested ---------------------------------------------

# No power relation, every actor but "d" declares an influence, so structural power is
# the personalisation 1 + influence divided by its maximum (5): PageRank of a graph
# with no edge is its personalisation vector.
#   a AMAP    influence 4: s = 5/5 = 1.0, π = (1.0 + 4/5) / 2 = 0.9
#   b Mairie  influence 1: s = 2/5 = 0.4, π = (0.4 + 1/5) / 2 = 0.3
#   c Région  influence 0: s = 1/5 = 0.2, π = (0.2 + 0) / 2   = 0.1
#   d Ferme   no influence: s = 1/5 = 0.2, π = s              = 0.2
# range "Gamme de produits": a +2, b −1, c 0, d −2
#   balance = 2·0.9 − 1·0.3 + 0·0.1 − 2·0.2 = 1.1, contested
# market "Marché": a +1, b +2 → balance 0.9 + 0.6 = 1.5, not contested
# land "Foncier": nobody → balance 0, not contested
SIDES = dict(
    actors=[
        org("a", "AMAP", influence=4),
        org("b", "Mairie", influence=1),
        org("c", "Région", influence=0),
        org("d", "Ferme"),
    ],
    stakes_=[
        Stake(id="range", name="Gamme de produits"),
        Stake(id="market", name="Marché"),
        Stake(id="land", name="Foncier"),
    ],
    relations=[
        stance("a", "range", 2),
        stance("b", "range", -1),
        stance("c", "range", 0),
        stance("d", "range", -2),
        stance("a", "market", 1),
        stance("b", "market", 2),
    ],
)


def test_stakes_sides_balance_and_order():
    rows = stakes(build(**SIDES), as_of=DAY)
    # Contested first, then by |balance|: range (contested), market (1.5), land (0).
    assert [r["stake"] for r in rows] == ["range", "market", "land"]
    rng, market, land = rows
    assert rng["name"] == "Gamme de produits"
    assert rng["supporters"] == ["a"]
    assert rng["opponents"] == ["b", "d"]
    assert rng["neutral"] == ["c"]
    assert rng["contested"] is True
    assert rng["balance"] == pytest.approx(1.1)
    assert market["supporters"] == ["a", "b"] and market["opponents"] == []
    assert market["contested"] is False
    assert market["balance"] == pytest.approx(1.5)
    assert land["supporters"] == land["opponents"] == land["neutral"] == []
    assert land["balance"] == 0.0 and isinstance(land["balance"], float)
    assert land["contested"] is False


def test_stakes_reasons_name_actors_in_both_languages():
    G = build(**SIDES)
    [rng, *_] = stakes(G, as_of=DAY)
    text = " | ".join(rng["reasons"])
    assert "supporters: AMAP" in text and "opponents: Mairie and Ferme" in text
    assert "contested" in text and "+1.1" in text
    # The heaviest weight is a's 2 × 0.9 = 1.8.
    assert "weighs most: AMAP (stance +2 × power index 0.9)" in text
    [rng_fr, *_, land_fr] = stakes(G, as_of=DAY, lang="fr")
    text_fr = " | ".join(rng_fr["reasons"])
    assert "pour : AMAP" in text_fr and "contre : Mairie et Ferme" in text_fr
    assert "neutres : Région" in text_fr
    assert "enjeu disputé" in text_fr and "+1,1" in text_fr
    assert land_fr["reasons"] == ["aucun acteur n'a pris position sur cet enjeu"]


def test_stakes_ignore_stances_out_of_force():
    # d's stance ended before the analysis date: range has a single opponent left and
    # balance 2·0.9 − 0.3 = 1.5.
    relations = [
        r if (r.source, r.target) != ("d", "range") else stance("d", "range", -2, until=PAST)
        for r in SIDES["relations"]
    ]
    G = build(SIDES["actors"], SIDES["stakes_"], relations)
    rng = next(r for r in stakes(G, as_of=DAY) if r["stake"] == "range")
    assert rng["opponents"] == ["b"]
    assert rng["balance"] == pytest.approx(1.5)
    # Before it ended, d counts again.
    rng = next(r for r in stakes(G, as_of=date(2024, 6, 1)) if r["stake"] == "range")
    assert rng["opponents"] == ["b", "d"]


# ---- latent tensions ----------------------------------------------------------------

# Stake s "Marché de centre-ville" (stance, importance):
#   a +2,3   p +2,2   d +1,1 (importance below 2)
#   b −1,2   c −2,3   e −2,3   q −2,2   o −1,2
# p and q are members of organisation o; a and e are in tension (over stake t).
# Stake t "Tourisme": a +1,2   c −1,2.
# Pairs (score = importance × importance × stance gap):
#   a–c 3·3·4 = 36   a–q 3·2·4 = 24   c–p 3·2·4 = 24   e–p 3·2·4 = 24
#   a–b 3·2·3 = 18   a–o 3·2·3 = 18   b–p 2·2·3 = 12   a–c on t: 2·2·2 = 8
#   a–e excluded (tension), p–q excluded (both members of o), o–p excluded (p is a
#   member of o), every pair with d excluded (importance 1 < 2).
LATENT = dict(
    actors=[
        org("a", "AMAP"),
        org("b", "Mairie"),
        org("c", "Chambre"),
        org("d", "Ferme"),
        org("e", "Épicerie"),
        org("o", "Office"),
        person("p"),
        person("q"),
    ],
    stakes_=[Stake(id="s", name="Marché de centre-ville"), Stake(id="t", name="Tourisme")],
    relations=[
        stance("a", "s", 2, 3),
        stance("p", "s", 2, 2),
        stance("d", "s", 1, 1),
        stance("b", "s", -1, 2),
        stance("c", "s", -2, 3),
        stance("e", "s", -2, 3),
        stance("q", "s", -2, 2),
        stance("o", "s", -1, 2),
        stance("a", "t", 1, 2),
        stance("c", "t", -1, 2),
        rel("member_of", "p", "o"),
        rel("member_of", "q", "o"),
        rel("tension", "e", "a", stake="t", until=date(2026, 12, 31)),
    ],
)
LATENT_EXPECTED = [
    (["a", "c"], "s", 36.0),
    (["a", "q"], "s", 24.0),
    (["c", "p"], "s", 24.0),
    (["e", "p"], "s", 24.0),
    (["a", "b"], "s", 18.0),
    (["a", "o"], "s", 18.0),
    (["b", "p"], "s", 12.0),
    (["a", "c"], "t", 8.0),
]


def test_latent_tensions_scores_exclusions_and_order():
    rows = latent_tensions(build(**LATENT), as_of=DAY)
    assert [(r["actors"], r["stake"], r["score"]) for r in rows] == LATENT_EXPECTED


def test_latent_tension_record_fields():
    [first, *_] = latent_tensions(build(**LATENT), as_of=DAY)
    assert first["names"] == ["AMAP", "Chambre"]
    assert first["stake_name"] == "Marché de centre-ville"
    assert first["stances"] == {"a": 2.0, "c": -2.0}
    assert first["importance"] == {"a": 3.0, "c": 3.0}
    assert first["reasons"] == [
        "AMAP (+2, importance 3) and Chambre (−2, importance 3) take opposite stances on "
        '"Marché de centre-ville", and both care about it',
        "no tension is recorded between them",
        "score 36 = importance 3 × importance 3 × stance gap 4",
    ]
    [first_fr, *_] = latent_tensions(build(**LATENT), as_of=DAY, lang="fr")
    assert first_fr["reasons"][0].startswith(
        "AMAP (+2, importance 3) et Chambre (−2, importance 3) ont des positions opposées "
        "sur « Marché de centre-ville »"
    )
    assert first_fr["reasons"][1] == "aucune tension n'est enregistrée entre eux"


def test_latent_tensions_top_breaks_ties_by_ids():
    rows = latent_tensions(build(**LATENT), as_of=DAY, top=3)
    # Three pairs tie at 24; a–q comes before c–p and e–p.
    assert [r["actors"] for r in rows] == [["a", "c"], ["a", "q"], ["c", "p"]]
    assert latent_tensions(build(**LATENT), as_of=DAY, top=0) == []
    with pytest.raises(ValueError, match="top"):
        latent_tensions(build(**LATENT), as_of=DAY, top=-1)


def test_latent_tensions_min_importance():
    # With importance 1 allowed, d (+1,1) pairs with b 1·2·2 = 4, c 1·3·3 = 9,
    # e 1·3·3 = 9, o 1·2·2 = 4, q 1·2·3 = 6: five more records.
    rows = latent_tensions(build(**LATENT), as_of=DAY, min_importance=1)
    with_d = sorted((r["actors"], r["score"]) for r in rows if "d" in r["actors"])
    assert with_d == [
        (["b", "d"], 4.0),
        (["c", "d"], 9.0),
        (["d", "e"], 9.0),
        (["d", "o"], 4.0),
        (["d", "q"], 6.0),
    ]
    assert len(rows) == len(LATENT_EXPECTED) + 5


def test_latent_tension_returns_once_the_recorded_tension_has_ended():
    # The a–e tension ends on 2026-12-31; after it, a–e (3·3·4 = 36) is latent again
    # and ties with a–c, which comes first by ids.
    rows = latent_tensions(build(**LATENT), as_of=date(2027, 1, 15))
    assert [(r["actors"], r["score"]) for r in rows[:2]] == [(["a", "c"], 36.0), (["a", "e"], 36.0)]


# ---- untapped cooperation ------------------------------------------------------------

# food "Alimentation locale" (stance, importance): a +2,3  b +1,2  c +2,2  p +2,1
#   h +1,1  q +1,1;  land "Foncier": f −1,2  g −2,1;  market "Marché": d +2,3;
#   tourism "Tourisme": e +1,3;  market and tourism complement each other.
# p and q are members of a; a and c cooperate; b and h are in tension.
# Shared food, score importance·importance·min(|stance|): a–b 3·2·1 = 6, b–c 2·2·1 = 4,
#   c–p 2·1·2 = 4, a–h 3·1·1 = 3, b–p = b–q = c–h = c–q = 2, h–p = h–q = 1;
#   excluded: a–c (cooperate), a–p and a–q (members of a), p–q (both in a), b–h
#   (tension). Shared land (both against): f–g 2·1·min(1, 2) = 2.
# Crossed market–tourism: d–e 3·3·min(2, 1) = 9.
UNTAPPED = dict(
    actors=[
        org("a", "AMAP"),
        org("b", "Mairie"),
        org("c", "Cantine"),
        org("d", "Marché bio"),
        org("e", "Office de tourisme"),
        org("f", "Ferme"),
        org("g", "GAEC"),
        org("h", "Halle"),
        person("p"),
        person("q"),
    ],
    stakes_=[
        Stake(id="food", name="Alimentation locale"),
        Stake(id="land", name="Foncier"),
        Stake(id="market", name="Marché"),
        Stake(id="tourism", name="Tourisme"),
    ],
    relations=[
        stance("a", "food", 2, 3),
        stance("b", "food", 1, 2),
        stance("c", "food", 2, 2),
        stance("p", "food", 2, 1),
        stance("h", "food", 1, 1),
        stance("q", "food", 1, 1),
        stance("f", "land", -1, 2),
        stance("g", "land", -2, 1),
        stance("d", "market", 2, 3),
        stance("e", "tourism", 1, 3),
        rel("complements", "tourism", "market"),
        rel("member_of", "p", "a"),
        rel("member_of", "q", "a"),
        rel("cooperates", "c", "a", until=date(2026, 6, 30)),
        rel("tension", "b", "h"),
    ],
)
UNTAPPED_EXPECTED = [
    (["d", "e"], 9.0),
    (["a", "b"], 6.0),
    (["b", "c"], 4.0),
    (["c", "p"], 4.0),
    (["a", "h"], 3.0),
    (["b", "p"], 2.0),
    (["b", "q"], 2.0),
    (["c", "h"], 2.0),
    (["c", "q"], 2.0),
    (["f", "g"], 2.0),
    (["h", "p"], 1.0),
    (["h", "q"], 1.0),
]


def test_untapped_cooperation_scores_exclusions_and_order():
    rows = untapped_cooperation(build(**UNTAPPED), as_of=DAY)
    assert [(r["actors"], r["score"]) for r in rows] == UNTAPPED_EXPECTED


def test_untapped_cooperation_through_complements():
    rows = untapped_cooperation(build(**UNTAPPED), as_of=DAY)
    crossed = rows[0]
    assert crossed["names"] == ["Marché bio", "Office de tourisme"]
    assert crossed["shared_stakes"] == [] and crossed["stances"] == {}
    # d (actors[0]) holds market, e holds tourism.
    assert crossed["crossed_interests"] == [["market", "tourism"]]
    assert crossed["reasons"][0] == (
        'crossed interests: "Marché" (Marché bio) complements "Tourisme" (Office de tourisme)'
    )
    assert "Marché bio and Office de tourisme do not cooperate yet" in crossed["reasons"]
    fr = untapped_cooperation(build(**UNTAPPED), as_of=DAY, lang="fr")[0]
    assert fr["reasons"][0] == (
        "intérêts croisés : « Marché » (Marché bio) complète « Tourisme » (Office de tourisme)"
    )


def test_untapped_cooperation_shared_stake_record():
    rows = untapped_cooperation(build(**UNTAPPED), as_of=DAY)
    ab = rows[1]
    assert ab["names"] == ["AMAP", "Mairie"]
    assert ab["shared_stakes"] == ["food"] and ab["crossed_interests"] == []
    assert ab["stances"] == {"food": {"a": 2.0, "b": 1.0}}
    assert ab["reasons"][0] == 'AMAP and Mairie both support "Alimentation locale" (+2 and +1)'
    fg = next(r for r in rows if r["actors"] == ["f", "g"])
    fr = next(
        r
        for r in untapped_cooperation(build(**UNTAPPED), as_of=DAY, lang="fr")
        if r["actors"] == ["f", "g"]
    )
    assert fg["reasons"][0] == 'Ferme and GAEC both oppose "Foncier" (−1 and −2)'
    assert fr["reasons"][0] == "Ferme et GAEC s'opposent tous deux à « Foncier » (−1 et −2)"


def test_untapped_cooperation_options_and_time():
    G = build(**UNTAPPED)
    assert [r["actors"] for r in untapped_cooperation(G, as_of=DAY, top=3)] == [
        ["d", "e"],
        ["a", "b"],
        ["b", "c"],
    ]
    # Pairs in tension come back when asked: b–h, 2·1·1 = 2.
    with_tensions = untapped_cooperation(G, as_of=DAY, top=None, exclude_tensions=False)
    assert (["b", "h"], 2.0) in [(r["actors"], r["score"]) for r in with_tensions]
    # After the a–c cooperation ends (2026-06-30), a–c shares food: 3·2·min(2, 2) = 12.
    later = untapped_cooperation(G, as_of=date(2026, 7, 1))
    assert (later[0]["actors"], later[0]["score"]) == (["a", "c"], 12.0)
    # Keeping only importance ≥ 2: a–b 6, b–c 4 and f–g is gone (g rates land 1),
    # d–e keeps its crossed 9.
    strong = untapped_cooperation(G, as_of=DAY, min_importance=2)
    assert [(r["actors"], r["score"]) for r in strong] == [
        (["d", "e"], 9.0),
        (["a", "b"], 6.0),
        (["b", "c"], 4.0),
    ]


def test_interests_both_support_are_shared_not_crossed():
    # a and b both support market (+2, 3 and +1, 2) and tourism (+1, 1 and +2, 3), which
    # complement each other: two shared stakes, 3·2·1 + 1·3·1 = 9, and no crossed
    # interest (each already supports the other's stake). c supports only tourism
    # (+2, 2): a–c share tourism 1·2·1 = 2, and a's market crosses c's tourism only if
    # c does not support market and a does not support tourism — a does, so no crossing;
    # b–c likewise share tourism 3·2·2 = 12 and do not cross.
    G = build(
        [org(i) for i in "abc"],
        [Stake(id="market", name="Marché"), Stake(id="tourism", name="Tourisme")],
        [
            stance("a", "market", 2, 3),
            stance("b", "market", 1, 2),
            stance("a", "tourism", 1, 1),
            stance("b", "tourism", 2, 3),
            stance("c", "tourism", 2, 2),
            rel("complements", "market", "tourism"),
        ],
    )
    rows = untapped_cooperation(G, as_of=DAY)
    assert [
        (r["actors"], r["score"], r["shared_stakes"], r["crossed_interests"]) for r in rows
    ] == [
        (["b", "c"], 12.0, ["tourism"], []),
        (["a", "b"], 9.0, ["market", "tourism"], []),
        (["a", "c"], 2.0, ["tourism"], []),
    ]


def test_untapped_cooperation_keeps_equal_scores_with_smaller_ids():
    # Every pair scores 3·3·min(2, 2) = 18: y–z on s, w–z on t, a–b on u. z holds two
    # stakes, so it is searched first; a–b must still win the tie by ids.
    G = build(
        [org(i) for i in ("a", "b", "w", "y", "z")],
        [Stake(id=s, name=s) for s in ("s", "t", "u")],
        [
            stance("z", "s", 2, 3),
            stance("z", "t", 2, 3),
            stance("y", "s", 2, 3),
            stance("w", "t", 2, 3),
            stance("a", "u", 2, 3),
            stance("b", "u", 2, 3),
        ],
    )
    assert [r["actors"] for r in untapped_cooperation(G, as_of=DAY, top=1)] == [["a", "b"]]
    assert [r["actors"] for r in untapped_cooperation(G, as_of=DAY, top=2)] == [
        ["a", "b"],
        ["w", "z"],
    ]


# ---- tensions as opportunities ----------------------------------------------------

# a–b in tension over market (intensity 2); both support food (+2, +1), both oppose
# land (−1, −2), and disagree on market (+1, −1): two shared stakes.
# a–c in tension with no stake; they share nothing (c holds no stance).
OPPORTUNITIES = dict(
    actors=[org("a", "AMAP"), org("b", "Mairie"), org("c", "Chambre")],
    stakes_=[
        Stake(id="food", name="Alimentation locale"),
        Stake(id="land", name="Foncier"),
        Stake(id="market", name="Marché"),
    ],
    relations=[
        stance("a", "food", 2),
        stance("b", "food", 1),
        stance("a", "land", -1),
        stance("b", "land", -2),
        stance("a", "market", 1),
        stance("b", "market", -1),
        rel("tension", "b", "a", stake="market", weight=2),
        rel("tension", "a", "c", since=date(2026, 1, 1)),
    ],
)


def test_tension_opportunities_list_shared_stakes():
    rows = tension_opportunities(build(**OPPORTUNITIES), as_of=DAY)
    assert [r["actors"] for r in rows] == [["a", "b"], ["a", "c"]]
    ab, ac = rows
    assert ab["names"] == ["AMAP", "Mairie"]
    assert ab["stake"] == "market" and ab["stake_name"] == "Marché"
    assert ab["intensity"] == 2.0
    assert ab["shared_stakes"] == ["food", "land"]
    assert ab["shared_stake_names"] == ["Alimentation locale", "Foncier"]
    assert ab["stances"] == {"food": {"a": 2.0, "b": 1.0}, "land": {"a": -1.0, "b": -2.0}}
    assert ab["reasons"][0] == 'AMAP and Mairie are in tension over "Marché" (intensity 2)'
    assert 'AMAP and Mairie both oppose "Foncier" (−1 and −2)' in ab["reasons"]
    assert ac["stake"] is None and ac["stake_name"] is None
    assert ac["shared_stakes"] == [] and ac["stances"] == {}
    assert ac["reasons"] == [
        "AMAP and Chambre are in tension (intensity 1)",
        "no shared stake is recorded between them",
    ]
    fr = tension_opportunities(build(**OPPORTUNITIES), as_of=DAY, lang="fr")
    assert fr[0]["reasons"][0] == "AMAP et Mairie sont en tension sur « Marché » (intensité 2)"
    assert (
        "AMAP et Mairie soutiennent tous deux « Alimentation locale » (+2 et +1)"
        in fr[0]["reasons"]
    )
    # Before 2026, the a–c tension has not started.
    assert [r["actors"] for r in tension_opportunities(build(**OPPORTUNITIES), as_of=PAST)] == [
        ["a", "b"]
    ]


# ---- pruned searches against a plain enumeration --------------------------------------


def same_organisation(orgs_of: dict[str, set[str]], a: str, b: str) -> bool:
    of_a, of_b = orgs_of.get(a, set()), orgs_of.get(b, set())
    return bool(of_a & of_b) or b in of_a or a in of_b


@st.composite
def random_maps(draw):
    """Maps of up to 12 actors (4 people) and 4 stakes, with integer stances and
    importances so that every score is exact."""
    n = draw(st.integers(2, 12))
    ids = [f"x{i:02d}" for i in range(n)]
    people = ids[: min(4, n // 2)]
    organisations = ids[len(people) :]
    stake_ids = [f"s{i}" for i in range(draw(st.integers(1, 4)))]
    relations = []
    # Narrow palettes make many equal scores, where the pruning's tie rules matter.
    stances = draw(st.sampled_from([(-2, -1, 0, 1, 2), (-2, 2), (1, 2), (2,)]))
    importances = draw(st.sampled_from([(1, 2, 3), (2, 3), (3,)]))
    for actor in ids:
        for stake in draw(st.lists(st.sampled_from(stake_ids), unique=True, max_size=3)):
            relations.append(
                stance(
                    actor, stake, draw(st.sampled_from(stances)), draw(st.sampled_from(importances))
                )
            )
    pairs = list(combinations(ids, 2))
    for kind in ("cooperates", "tension"):
        for a, b in draw(st.lists(st.sampled_from(pairs), unique=True, max_size=6)):
            relations.append(rel(kind, a, b))
    for p in people:
        for o in draw(st.lists(st.sampled_from(organisations), unique=True, max_size=2)):
            relations.append(rel("member_of", p, o))
    stake_pairs = list(combinations(stake_ids, 2))
    if stake_pairs:
        for s1, s2 in draw(st.lists(st.sampled_from(stake_pairs), unique=True, max_size=3)):
            relations.append(rel("complements", s1, s2))
    actors = [person(i) if i in people else org(i) for i in ids]
    return actors, [Stake(id=s, name=s.upper()) for s in stake_ids], relations


def plain_latent(actors, relations, min_importance, top):
    held = {(r.source, r.target): (r.stance, r.weight) for r in relations if r.type == "stake"}
    tensions = {frozenset((r.source, r.target)) for r in relations if r.type == "tension"}
    orgs_of: dict[str, set[str]] = {}
    for r in relations:
        if r.type == "member_of":
            orgs_of.setdefault(r.source, set()).add(r.target)
    stakes_ = {s for _, s in held}
    found = []
    for a, b in combinations(sorted(x.id for x in actors), 2):
        if frozenset((a, b)) in tensions or same_organisation(orgs_of, a, b):
            continue
        for s in sorted(stakes_):
            if (a, s) in held and (b, s) in held:
                (sa, ia), (sb, ib) = held[a, s], held[b, s]
                if sa * sb < 0 and ia >= min_importance and ib >= min_importance:
                    found.append((-(ia * ib * abs(sa - sb)), a, b, s))
    return [(f[1], f[2], f[3], -f[0]) for f in sorted(found)[:top]]


def plain_untapped(actors, relations, top):
    held = {(r.source, r.target): (r.stance, r.weight) for r in relations if r.type == "stake"}
    tensions = {frozenset((r.source, r.target)) for r in relations if r.type == "tension"}
    cooperating = {frozenset((r.source, r.target)) for r in relations if r.type == "cooperates"}
    links = {frozenset((r.source, r.target)) for r in relations if r.type == "complements"}
    orgs_of: dict[str, set[str]] = {}
    for r in relations:
        if r.type == "member_of":
            orgs_of.setdefault(r.source, set()).add(r.target)
    found = []
    for a, b in combinations(sorted(x.id for x in actors), 2):
        pair = frozenset((a, b))
        if pair in tensions or pair in cooperating or same_organisation(orgs_of, a, b):
            continue
        score, shared, crossed = 0, [], []
        mine = {s: v for (x, s), v in held.items() if x == a and v[0] != 0}
        theirs = {s: v for (x, s), v in held.items() if x == b and v[0] != 0}
        for s in mine.keys() & theirs.keys():
            (sa, ia), (sb, ib) = mine[s], theirs[s]
            if sa * sb > 0:
                score += ia * ib * min(abs(sa), abs(sb))
                shared.append(s)
        supported = {(x, s) for (x, s), (value, _) in held.items() if value > 0}
        for s1, (sa, ia) in mine.items():
            for s2, (sb, ib) in theirs.items():
                if (a, s2) in supported or (b, s1) in supported:
                    continue  # a shared interest, not a crossed one
                if sa > 0 and sb > 0 and frozenset((s1, s2)) in links:
                    score += ia * ib * min(sa, sb)
                    crossed.append([s1, s2])
        if shared or crossed:
            found.append((-score, a, b, sorted(shared), sorted(crossed)))
    return [(f[1], f[2], -f[0], f[3], f[4]) for f in sorted(found)[:top]]


@settings(max_examples=40)
@given(random_maps(), st.integers(1, 6), st.integers(1, 3))
def test_latent_tensions_match_plain_enumeration(case, top, min_importance):
    actors, stakes_, relations = case
    rows = latent_tensions(
        build(actors, stakes_, relations), as_of=DAY, top=top, min_importance=min_importance
    )
    got = [(*r["actors"], r["stake"], r["score"]) for r in rows]
    assert got == plain_latent(actors, relations, min_importance, top)


@settings(max_examples=40)
@given(random_maps(), st.integers(1, 6))
def test_untapped_cooperation_matches_plain_enumeration(case, top):
    actors, stakes_, relations = case
    rows = untapped_cooperation(build(actors, stakes_, relations), as_of=DAY, top=top)
    got = [(*r["actors"], r["score"], r["shared_stakes"], r["crossed_interests"]) for r in rows]
    assert got == plain_untapped(actors, relations, top)
