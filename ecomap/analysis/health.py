"""Cooperation health: the A.C.T.E.R keys of each cooperation and of each actor.

A ``cooperates`` relation may carry six scores from 0 to 3, the keys of a cooperation
in French territorial cooperation practice: **A**gree on an intention, know and
understand each other's work (**C**onnaître), which builds **T**rust, **T**ranslate
what is learnt into shared working rules, **E**valuate the value created, share
(**R**épartir) that value fairly. This module says, per cooperation and per actor,
where the cooperation is weakest and whether an instituted space supports it.
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date
from operator import itemgetter
from typing import Any

import networkx as nx
import numpy as np

from ecomap.analysis.reasons import Number, Reason, Shown, in_words, register
from ecomap.analysis.reasons import ranked as ranked_rows
from ecomap.graph import active_relations, analysis_date, instituted_spaces, node_names
from ecomap.i18n import listing, number, quoted, say
from ecomap.model import ACTER_KEYS, RelationType

__all__ = ["health", "KEYS"]

#: The six keys, in A.C.T.E.R order, as they appear in results (``acter_`` dropped).
KEYS: tuple[str, ...] = tuple(k.removeprefix("acter_") for k in ACTER_KEYS)

MESSAGES = {
    "en": {
        "agree": "agreement on an intention",
        "know": "knowing each other's work",
        "trust": "trust",
        "translate": "shared working rules",
        "evaluate": "evaluating the value created",
        "share": "sharing the value fairly",
        "weak_agree": "they have not yet agreed on what they want to do together",
        "weak_know": "they do not yet know and understand each other's work well",
        "weak_trust": "they do not yet know each other's work well enough to trust it",
        "weak_translate": "what they learn together is not yet turned into shared working rules",
        "weak_evaluate": "they do not yet evaluate the value their cooperation creates",
        "weak_share": "the value they create together is not yet shared out fairly",
        "weakest": "weakest key: {key} ({score} of 3): {meaning}",
        "all_fine": "every key scores at least {low}; the lowest is {key} ({score} of 3)",
        "missing": "not scored: {keys}",
        "no_score": "no A.C.T.E.R score is recorded",
        "formal": "a formal agreement exists",
        "informal": "no formal agreement",
        "space": "supported by an instituted space: {spaces}",
        "no_space": "no instituted space supports it",
        "over_1": "over its one scored cooperation",
        "over": "over its {n} scored cooperations",
        "actor_weakest": "{over}, the weakest key is {key} ({score} of 3 on average): {meaning}",
        "actor_fine": (
            "{over}, every key averages at least {low}; the lowest is {key} ({score} of 3)"
        ),
        "actor_partners": "weakest cooperation: with {name} (mean {mean})",
    },
    "fr": {
        "agree": "accord sur une intention",
        "know": "connaissance du travail de l'autre",
        "trust": "confiance",
        "translate": "règles de travail communes",
        "evaluate": "évaluation de la valeur créée",
        "share": "répartition équitable de la valeur",
        "weak_agree": "ils ne se sont pas encore accordés sur ce qu'ils veulent faire ensemble",
        "weak_know": "ils ne connaissent et ne comprennent pas encore bien le travail l'un de l'autre",
        "weak_trust": "ils ne connaissent pas encore assez le travail l'un de l'autre pour s'y fier",
        "weak_translate": (
            "ce qu'ils apprennent ensemble ne se traduit pas encore en règles de travail communes"
        ),
        "weak_evaluate": "ils n'évaluent pas encore la valeur que crée leur coopération",
        "weak_share": "la valeur créée ensemble n'est pas encore répartie équitablement",
        "weakest": "clé la plus faible : {key} ({score} sur 3) : {meaning}",
        "all_fine": "toutes les clés atteignent au moins {low} ; la plus basse est {key} ({score} sur 3)",
        "missing": "non renseigné : {keys}",
        "no_score": "aucune note A.C.T.E.R n'est renseignée",
        "formal": "une convention formalise cette coopération",
        "informal": "aucune convention formelle",
        "space": "portée par un dispositif institué : {spaces}",
        "no_space": "aucun dispositif institué ne la porte",
        "over_1": "sur sa seule coopération notée",
        "over": "sur ses {n} coopérations notées",
        "actor_weakest": (
            "{over}, la clé la plus faible est {key} ({score} sur 3 en moyenne) : {meaning}"
        ),
        "actor_fine": (
            "{over}, toutes les clés atteignent au moins {low} en moyenne ; la plus basse "
            "est {key} ({score} sur 3)"
        ),
        "actor_partners": "coopération la plus fragile : avec {name} (moyenne {mean})",
    },
}


def _weakest(scores: dict[str, float | None]) -> str | None:
    """The key with the lowest score; ties go to the earlier key in A.C.T.E.R order."""
    given = [(score, i, key) for i, (key, score) in enumerate(scores.items()) if score is not None]
    return min(given)[2] if given else None


def _mean(values: list[float]) -> float | None:
    # fsum: correctly rounded, so a mean does not depend on the order of the rows.
    return float(math.fsum(values) / len(values)) if values else None


def _key_reason(
    scores: dict[str, float | None], weakest: str, low: float, *, n: int | None = None
) -> Reason:
    return Reason("health.key", score=scores[weakest], weakest=weakest, low=low, n=n)


def _say_key(lang: str, *, score: float, weakest: str, low: float, n: int | None) -> str:
    values = {
        "key": say(MESSAGES, weakest, lang),
        "score": number(score, lang),
        "low": number(low, lang),
        "meaning": say(MESSAGES, f"weak_{weakest}", lang),
    }
    if n is None:
        return say(MESSAGES, "weakest" if score < low else "all_fine", lang, **values)
    over = say(MESSAGES, "over_1", lang) if n == 1 else say(MESSAGES, "over", lang, n=n)
    return say(
        MESSAGES, "actor_weakest" if score < low else "actor_fine", lang, over=over, **values
    )


def _from_scores(raw: tuple, low: float, fixed: dict[str, Reason]) -> tuple:
    """(scores, mean, weakest key, reasons) of a cooperation with these six scores."""
    scores = dict(zip(KEYS, raw, strict=True))
    given = [float(s) for s in raw if s is not None]
    if not given:
        return scores, None, None, (fixed["no_score"],)
    scores = {k: None if s is None else float(s) for k, s in scores.items()}
    weakest = _weakest(scores)
    reasons = [_key_reason(scores, weakest, low)]
    missing = tuple(k for k, s in scores.items() if s is None)
    if missing:
        reasons.append(Reason("health.missing_keys", keys=missing))
    return scores, _mean(given), weakest, tuple(reasons)


def _key_means(per_actor: dict[str, list[tuple]]) -> list[list[float | None]]:
    """Each actor's mean of each key over its scored cooperations that give it (None
    when none does), in the order of ``per_actor`` and of :data:`KEYS`.

    ``per_actor`` holds each actor's cooperations as ``health`` ranks them (their
    scores dict sixth). Whole-number scores — what the map's files hold — are summed
    with numpy, exactly; any other score, one actor and key at a time with
    :func:`_mean`, as before.
    """
    templates: dict[int, int] = {}
    table: list[list[float]] = []
    owners, rows = [], []
    for position, held in enumerate(per_actor.values()):
        for entry in held:
            scores = entry[5][0]
            row = templates.get(id(scores))
            if row is None:
                row = templates[id(scores)] = len(table)
                table.append([math.nan if scores[k] is None else scores[k] for k in KEYS])
            owners.append(position)
            rows.append(row)
    values = np.array(table, dtype=float).reshape(-1, len(KEYS))
    given = ~np.isnan(values)
    if not np.array_equal(values[given], np.round(values[given])):
        return [
            [_mean([e[5][0][k] for e in held if e[5][0][k] is not None]) for k in KEYS]
            for held in per_actor.values()
        ]
    # Sums of whole numbers are exact in floating point: the same as math.fsum's.
    owner, row = np.array(owners, dtype=np.int64), np.array(rows, dtype=np.int64)
    size = len(per_actor)
    sums = np.column_stack(
        [np.bincount(owner, weights=np.nan_to_num(values[row, k]), minlength=size)
         for k in range(len(KEYS))]
    )  # fmt: skip
    counts = np.column_stack(
        [np.bincount(owner, weights=given[row, k], minlength=size) for k in range(len(KEYS))]
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        means = sums / counts
    return [
        [None if n == 0 else m for m, n in zip(mean_row, count_row, strict=True)]
        for mean_row, count_row in zip(means.tolist(), counts.tolist(), strict=True)
    ]


def _instituted_spaces(
    G: nx.MultiDiGraph,
    participations: list[tuple[str, str]],
    memberships: list[tuple[str, str]],
) -> dict[str, set[str]]:
    """Actor id → the instituted spaces it takes part in, itself or through a direct member."""
    instituted = instituted_spaces(G)
    spaces: dict[str, set[str]] = defaultdict(set)
    for actor, space in participations:
        if space in instituted:
            spaces[actor].add(space)
    through_members: dict[str, set[str]] = defaultdict(set)
    for person, organisation in memberships:
        through_members[organisation] |= spaces.get(person, set())
    for organisation, found in through_members.items():
        spaces[organisation] |= found
    return spaces


def health(
    G: nx.MultiDiGraph,
    *,
    as_of: date | None = None,
    lang: str = "en",
    low: float = 2,
    words: bool = True,
    rows: int | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """The A.C.T.E.R keys of every cooperation and of every actor, and where they are weak.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The map, from :func:`ecomap.graph.to_graph`.
    as_of : datetime.date, optional
        Analysis date (default today): cooperations, participations and memberships not
        in force that day are ignored.
    lang : {"en", "fr"}
        Language of the reasons.
    words : bool
        Reasons in words (default); False keeps them as :class:`~ecomap.analysis.reasons.Reason`
        codes, for a caller that words only what it shows.
    low : float, default 2
        A weakest key scoring below this (out of 3) is explained as a weak point; at or
        above it, the reasons only name the lowest key.
    rows : int, optional
        Make only the first ``rows`` records of each list (a
        :class:`~ecomap.analysis.reasons.Shown` list that knows how many there are),
        for a summary that prints those.

    Returns
    -------
    dict
        ``cooperations``: one record per ``cooperates`` relation in force, with
        ``actors`` (the two ids, sorted), ``names``, ``relation`` (its identity),
        ``scores`` (each key of :data:`KEYS` → its score, None when not given),
        ``mean`` (of the given scores, None when none), ``weakest`` (key or None),
        ``instituted_space`` (ids of the instituted spaces both take part in, sorted),
        ``formal``, ``reasons``; scored cooperations first, weakest mean first, then by
        actor ids and identity.

        ``actors``: one record per actor with at least one scored cooperation, with
        ``actor``, ``name``, ``scores`` (each key → its mean over the actor's
        cooperations that give it, None when none does), ``mean`` (of those key
        means), ``weakest``, ``cooperations`` (how many scored cooperations it has),
        ``reasons``; weakest mean first, then by id.

    Notes
    -----
    The weakest key is the key with the lowest score; on a tie, the earlier key in
    A.C.T.E.R order (agree, know, trust, translate, evaluate, share) wins, since each
    key builds on the ones before it. An actor's key score is the mean of that key
    over its scored cooperations that give it, and its weakest key is taken on those
    means. A cooperation is supported by an instituted space when both actors take
    part — themselves or through at least one direct member each (``member_of``) — in
    the same space with ``instituted`` true, as for instituted links in DESIGN §3.
    A cooperation between two people counts only their own participation.

    Examples
    --------
    >>> from ecomap.graph import to_graph
    >>> from ecomap.model import Actor, Ecosystem, Relation
    >>> eco = Ecosystem()
    >>> for i in "ab":
    ...     eco.add(Actor(id=i, name=i.upper(), kind="organisation"))
    >>> eco.add(Relation(source="a", target="b", type="cooperates", acter_agree=3, acter_trust=1))
    >>> result = health(to_graph(eco))
    >>> row = result["cooperations"][0]
    >>> row["mean"], row["weakest"], row["scores"]["know"]
    (2.0, 'trust', None)
    >>> [a["actor"] for a in result["actors"]]
    ['a', 'b']

    References
    ----------
    .. [1] ADEME, ATEMIS, du Tertre, C., Vuidel, P. & Pasquelin, B. (2019).
       *Développement durable des territoires : la voie de l'économie de la
       fonctionnalité et de la coopération*. ADEME, note, 21 p. (the French practice
       of territorial cooperation that DESIGN §1 refers to).
    """
    day = analysis_date(as_of)
    names = node_names(G)
    # The three relation types needed, each from its own list.
    wanted = {RelationType.COOPERATES, RelationType.PARTICIPATES, RelationType.MEMBER_OF}
    found: dict[str, list] = {t.value: list(active_relations(G, t, as_of=day)) for t in wanted}
    spaces = _instituted_spaces(
        G,
        [(u, v) for u, v, _, _ in found["participates"]],
        [(u, v) for u, v, _, _ in found["member_of"]],
    )

    # Sentences that do not depend on the cooperation, said once.
    fixed = {k: Reason(f"health.{k}") for k in ("no_score", "formal", "informal", "no_space")}
    no_space: set[str] = set()
    # Each cooperation ranked first — (not scored, mean, ids, identity, its scores'
    # findings, its data) — then a record made for each row kept.
    ranked = []
    per_actor: dict[str, list[tuple]] = defaultdict(list)
    # What follows from the six scores alone (scores, mean, weakest key, its reasons) is
    # worked out once per distinct set of scores: scores are small whole numbers, so a
    # large map has a few hundred distinct sets for tens of thousands of cooperations.
    by_scores: dict[tuple, tuple] = {}
    scores_of = itemgetter(*ACTER_KEYS)  # a relation of the map holds every field
    for u, v, key, data in found["cooperates"]:
        a, b = (u, v) if u < v else (v, u)
        try:
            raw = scores_of(data)
        except KeyError:  # a graph made by hand may leave scores out
            raw = tuple(map(data.get, ACTER_KEYS))
        known = by_scores.get(raw)
        if known is None:
            known = by_scores[raw] = _from_scores(raw, low, fixed)
        mean = known[1]
        entry = (mean is None, mean or 0.0, a, b, key, known, data)
        ranked.append(entry)
        if known[2] is not None:
            per_actor[a].append(entry)
            per_actor[b].append(entry)
    # Each cooperation once (its identity is in the key), so nothing ties.
    shown = ranked_rows(ranked, rows, key=itemgetter(0, 1, 2, 3, 4))

    def cooperation(entry: tuple) -> dict[str, Any]:
        _, _, a, b, key, (template, mean, weakest, score_reasons), data = entry
        shared_spaces = sorted(spaces.get(a, no_space) & spaces.get(b, no_space))
        formal = bool(data.get("formal"))
        reasons = [*score_reasons, fixed["formal" if formal else "informal"]]
        if shared_spaces:
            reasons.append(Reason("health.spaces", names=tuple(names[s] for s in shared_spaces)))
        else:
            reasons.append(fixed["no_space"])
        return {
            "actors": [a, b],
            "names": [names[a], names[b]],
            "relation": key,
            "scores": dict(template),
            "mean": mean,
            "weakest": weakest,
            "instituted_space": shared_spaces,
            "formal": formal,
            "reasons": reasons,
        }

    cooperations = [cooperation(entry) for entry in shown]

    # Each actor's key means first, ranked on (mean, id), then a record for each row kept.
    profiled = []
    for actor, row in zip(per_actor, _key_means(per_actor), strict=True):
        means = dict(zip(KEYS, row, strict=True))
        profiled.append((_mean([m for m in row if m is not None]), actor, means))
    profiles = []
    for mean, actor, means in ranked_rows(profiled, rows, key=itemgetter(0, 1)):
        held = per_actor[actor]
        weakest = _weakest(means)
        worst = min(held, key=lambda e: (e[5][1], e[2], e[3], e[4]))
        partner = worst[3] if worst[2] == actor else worst[2]
        reasons = [_key_reason(means, weakest, low, n=len(held))]
        if len(held) > 1:
            reasons.append(
                Reason("health.actor_partners", name=names[partner], mean=Number(worst[5][1]))
            )
        profiles.append(
            {
                "actor": actor,
                "name": names[actor],
                "scores": means,
                "mean": mean,
                "weakest": weakest,
                "cooperations": len(held),
                "reasons": reasons,
            }
        )
    if rows is not None:
        cooperations = Shown(cooperations, len(ranked))
        profiles = Shown(profiles, len(profiled))
    result = {"cooperations": cooperations, "actors": profiles}
    return result if not words else in_words(result, lang)


def _say_missing(lang: str, *, keys: tuple[str, ...]) -> str:
    return say(MESSAGES, "missing", lang, keys=", ".join(say(MESSAGES, k, lang) for k in keys))


def _say_spaces(lang: str, *, names: tuple[str, ...]) -> str:
    return say(MESSAGES, "space", lang, spaces=listing([quoted(n, lang) for n in names], lang))


register("health", MESSAGES, key=_say_key, missing_keys=_say_missing, spaces=_say_spaces)
