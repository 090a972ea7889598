"""Charts of analysis results (Altair): the power–interest grid and A.C.T.E.R profiles.

Each function takes the records an analysis returns and gives an Altair chart; the
explorer shows them, and they save to self-contained HTML or PNG like any Altair chart.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import altair as alt
import pandas as pd

from ecomap.i18n import say

__all__ = ["QUADRANT_COLOURS", "power_interest_chart", "acter_chart"]

QUADRANT_COLOURS = {
    "manage_closely": "#c62828",
    "keep_satisfied": "#ef6c00",
    "keep_informed": "#1565c0",
    "monitor": "#78909c",
}

MESSAGES = {
    "en": {
        "power": "power (power index)",
        "interest": "interest (stake importance)",
        "quadrant": "quadrant",
        "actor": "actor",
        "manage_closely": "manage closely",
        "keep_satisfied": "keep satisfied",
        "keep_informed": "keep informed",
        "monitor": "monitor",
        "key": "key",
        "score": "score (0 to 3)",
        "agree": "Agree on an intention",
        "know": "Know each other's work",
        "trust": "Trust",
        "translate": "Translate into shared rules",
        "evaluate": "Evaluate the value created",
        "share": "Share the value fairly",
        "not_scored": "not scored",
    },
    "fr": {
        "power": "pouvoir (indice de pouvoir)",
        "interest": "intérêt (importance des enjeux)",
        "quadrant": "quadrant",
        "actor": "acteur",
        "manage_closely": "associer étroitement",
        "keep_satisfied": "satisfaire",
        "keep_informed": "informer",
        "monitor": "surveiller",
        "key": "clé",
        "score": "note (0 à 3)",
        "agree": "Accord sur une intention",
        "know": "Connaissance du travail de l'autre",
        "trust": "Confiance",
        "translate": "Traduction en règles communes",
        "evaluate": "Évaluation de la valeur créée",
        "share": "Répartition équitable",
        "not_scored": "non noté",
    },
}

_ACTER = ("agree", "know", "trust", "translate", "evaluate", "share")


def power_interest_chart(
    records: Iterable[Mapping[str, Any]],
    *,
    lang: str = "en",
    power_split: float = 0.5,
    interest_split: float = 0.5,
) -> alt.LayerChart:
    """The power–interest grid (Mendelow): one point per actor, the four quadrants.

    Parameters
    ----------
    records : iterable of dict
        From :func:`ecomap.analysis.power.power_interest`: ``name``, ``power``,
        ``interest``, ``quadrant``.
    lang : {"en", "fr"}
    power_split, interest_split : float
        Where the grid is split (the lines drawn).

    Examples
    --------
    >>> chart = power_interest_chart([{"actor": "a", "name": "Mairie", "power": 0.9,
    ...                                "interest": 0.7, "quadrant": "manage_closely"}], lang="fr")
    >>> chart.to_dict()["layer"][0]["encoding"]["x"]["title"]
    'intérêt (importance des enjeux)'

    Notes
    -----
    Mendelow, A. (1991). Stakeholder mapping. Proceedings of the 2nd International
    Conference on Information Systems, Cambridge, MA.
    """
    frame = pd.DataFrame(
        [
            {
                "actor": r.get("actor"),
                "name": r.get("name") or r.get("actor"),
                "power": r.get("power") or 0.0,
                "interest": r.get("interest") or 0.0,
                "quadrant": say(MESSAGES, r.get("quadrant") or "monitor", lang),
            }
            for r in records
        ],
        columns=["actor", "name", "power", "interest", "quadrant"],
    )
    names = [say(MESSAGES, q, lang) for q in QUADRANT_COLOURS]
    colour = alt.Color(
        "quadrant:N",
        title=say(MESSAGES, "quadrant", lang),
        scale=alt.Scale(domain=names, range=list(QUADRANT_COLOURS.values())),
        legend=alt.Legend(orient="bottom"),
    )
    points = (
        alt.Chart(frame)
        .mark_circle(size=90, opacity=0.8)
        .encode(
            x=alt.X("interest:Q", title=say(MESSAGES, "interest", lang),
                    scale=alt.Scale(domain=[0, 1.02], nice=False)),
            y=alt.Y("power:Q", title=say(MESSAGES, "power", lang),
                    scale=alt.Scale(domain=[0, 1.02], nice=False)),
            color=colour,
            tooltip=[
                alt.Tooltip("name:N", title=say(MESSAGES, "actor", lang)),
                alt.Tooltip("power:Q", format=".2f", title=say(MESSAGES, "power", lang)),
                alt.Tooltip("interest:Q", format=".2f", title=say(MESSAGES, "interest", lang)),
                alt.Tooltip("quadrant:N", title=say(MESSAGES, "quadrant", lang)),
            ],
        )
    )  # fmt: skip
    rules = pd.DataFrame({"x": [interest_split], "y": [power_split]})
    vertical = alt.Chart(rules).mark_rule(strokeDash=[4, 4], color="#9e9e9e").encode(x="x:Q")
    horizontal = alt.Chart(rules).mark_rule(strokeDash=[4, 4], color="#9e9e9e").encode(y="y:Q")
    corners = pd.DataFrame(
        [
            {"x": 0.99, "y": 0.99, "text": names[0], "align": "right"},
            {"x": 0.01, "y": 0.99, "text": names[1], "align": "left"},
            {"x": 0.99, "y": 0.01, "text": names[2], "align": "right"},
            {"x": 0.01, "y": 0.01, "text": names[3], "align": "left"},
        ]
    )
    labels = [
        alt.Chart(corners[corners["align"] == side])
        .mark_text(align=side, baseline="middle", color="#757575", fontStyle="italic")
        .encode(x="x:Q", y="y:Q", text="text:N")
        for side in ("left", "right")
    ]
    return alt.layer(points, vertical, horizontal, *labels).properties(height=460)


def acter_chart(scores: Mapping[str, float | None], *, lang: str = "en") -> alt.LayerChart:
    """A.C.T.E.R profile: one bar per key (0–3), in A.C.T.E.R order, weakest in red.

    Parameters
    ----------
    scores : mapping
        Key (``agree``, ``know``, ``trust``, ``translate``, ``evaluate``, ``share``)
        → score from 0 to 3, or None when not scored (drawn as an empty slot).

    Examples
    --------
    >>> chart = acter_chart({"agree": 3, "know": 2, "trust": 1, "translate": None,
    ...                      "evaluate": 0, "share": 2}, lang="en")
    >>> [row["score"] for row in chart.to_dict()["datasets"].popitem()[1]][:3]
    [3.0, 2.0, 1.0]

    Notes
    -----
    The A.C.T.E.R keys of a cooperation (agree, know and trust, translate, evaluate,
    share) come from the French practice of the economy of functionality and
    cooperation (ADEME programmes); see DESIGN.md §1.
    """
    given = [v for v in scores.values() if v is not None]
    lowest = min(given) if given else None
    frame = pd.DataFrame(
        [
            {
                "order": i,
                "key": say(MESSAGES, k, lang),
                "score": float(scores[k]) if scores.get(k) is not None else 0.0,
                "shown": (f"{scores[k]:g}" if scores.get(k) is not None
                          else say(MESSAGES, "not_scored", lang)),
                "weakest": scores.get(k) is not None and scores[k] == lowest,
            }
            for i, k in enumerate(_ACTER)
        ]
    )  # fmt: skip
    base = alt.Chart(frame).encode(
        y=alt.Y(
            "key:N",
            sort=alt.EncodingSortField("order"),
            title=None,
            axis=alt.Axis(labelLimit=320, labelFontSize=12),
        ),
        x=alt.X("score:Q", scale=alt.Scale(domain=[0, 3]), title=say(MESSAGES, "score", lang)),
        tooltip=[
            alt.Tooltip("key:N", title=say(MESSAGES, "key", lang)),
            alt.Tooltip("shown:N", title=say(MESSAGES, "score", lang)),
        ],
    )
    bars = base.mark_bar().encode(
        color=alt.condition("datum.weakest", alt.value("#c62828"), alt.value("#2e7d32"))
    )
    # The score written after each bar: a key scored 0 (or not scored) still shows.
    values = base.mark_text(align="left", dx=4, color="#424242").encode(text="shown:N")
    return alt.layer(bars, values).properties(height=220)
