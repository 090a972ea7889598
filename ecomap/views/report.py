"""The steering-committee report: one self-contained HTML (or PDF) read in ten minutes.

:func:`report_html` builds the document from a map: a picture of the map at meso level,
the key figures, the risks (fragile links and key people, imbalances with their
counterweights, contested stakes, followers drifting away, overloaded drivers),
cooperation health (A.C.T.E.R), what changed since a chosen snapshot, and an annex that
explains every indicator. Everything user-written is escaped (Jinja2 autoescape); the
picture is embedded as a data URI, the CSS inline: nothing is fetched when it is read.
:func:`write_report` writes it as ``.html``, or as ``.pdf`` printed by headless Chromium.
"""

from __future__ import annotations

import base64
import io
import math
import os
import secrets
import shutil
import stat
import subprocess
import tempfile
import warnings
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

import networkx as nx

from ecomap import glossary
from ecomap.errors import EcomapError
from ecomap.graph import fold, to_graph
from ecomap.i18n import label, long_date, number
from ecomap.model import ACTER_KEYS, Ecosystem
from ecomap.privacy import Anonymiser

__all__ = ["report_html", "write_report", "map_picture", "html_to_pdf", "find_chromium"]

LEVEL_COLOURS = {"micro": "#e4a11b", "meso": "#2f7ebc", "macro": "#7b3f98"}

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "title": "Cooperation ecosystem — steering committee report",
        "generated": "Report of {day}, analysis date {as_of}",
        "anonymised": "People's names are replaced by pseudonyms in this report.",
        "map": "The map at organisation level",
        "geography": "The territory",
        "geography_caption": "{n} of {total} actors placed by their latitude and longitude; "
        "cooperations as green lines, tensions as dashed red lines. Colour: level.",
        "map_caption": "People are folded into their organisation; line width shows how many "
        "ties join two structures. Colour: level.",
        "figures": "Key figures",
        "actors": "actors",
        "relations": "relations",
        "stakes": "stakes",
        "spaces": "spaces",
        "components": "connected groups",
        "fragile_count": "fragile links",
        "imbalance_count": "power imbalances",
        "contested_count": "contested stakes",
        "tension_count": "tensions",
        "risks": "Risks",
        "fragile": "Links that rest on a single person",
        "fragile_none": "No link between organisations rests on a single person without an "
        "instituted space or agreement.",
        "pair": "organisations",
        "carriers": "carried by",
        "why": "why",
        "key_people": "Key people",
        "key_none": "No person is alone in carrying a link.",
        "person": "person",
        "links_lost": "links lost if they leave",
        "imbalances": "Power imbalances and possible counterweights",
        "imbalances_none": "No imbalanced pair.",
        "dominant": "dominant",
        "weaker": "weaker",
        "score": "score",
        "counterweights": "possible counterweights",
        "none": "none found",
        "contested": "Contested stakes",
        "contested_none": "No stake has both supporters and opponents.",
        "stake": "stake",
        "supporters": "supporters",
        "opponents": "opponents",
        "balance": "power-weighted balance",
        "engagement": "Engagement",
        "followers": "Followers drifting away (no driver within two steps)",
        "followers_none": "Every follower has a driver within two steps.",
        "overloaded": "Overloaded drivers",
        "overloaded_none": "No driver is overloaded.",
        "health": "Cooperation health (A.C.T.E.R)",
        "health_none": "No cooperation has A.C.T.E.R scores yet.",
        "health_chart": "Mean score of each key over the scored cooperations (0–3).",
        "cooperation": "cooperation",
        "weakest": "weakest key",
        "space": "instituted space",
        "changes": "What changed since '{name}' ({day})",
        "changes_none": "Nothing changed in the map since '{name}'.",
        "added": "added",
        "removed": "removed",
        "changed": "changed",
        "annex": "Annex — the indicators in plain words",
        "technical": "Technical term:",
        "more": "… and {n} more",
        "agree": "Agree", "know": "Know", "trust": "Trust", "translate": "Translate",
        "evaluate": "Evaluate", "share": "Share",
    },
    "fr": {
        "title": "Écosystème de coopération — rapport au comité de pilotage",
        "generated": "Rapport du {day}, date d'analyse {as_of}",
        "anonymised": "Les noms des personnes sont remplacés par des pseudonymes dans ce rapport.",
        "map": "La carte au niveau des structures",
        "geography": "Le territoire",
        "geography_caption": "{n} acteurs sur {total} placés selon leur latitude et leur "
        "longitude ; coopérations en traits verts, tensions en tirets rouges. Couleur : niveau.",
        "map_caption": "Les personnes sont regroupées dans leur structure ; l'épaisseur d'un "
        "trait indique le nombre de liens entre deux structures. Couleur : niveau.",
        "figures": "Chiffres clés",
        "actors": "acteurs",
        "relations": "relations",
        "stakes": "enjeux",
        "spaces": "dispositifs",
        "components": "groupes connectés",
        "fragile_count": "liens fragiles",
        "imbalance_count": "déséquilibres de pouvoir",
        "contested_count": "enjeux disputés",
        "tension_count": "tensions",
        "risks": "Risques",
        "fragile": "Liens qui reposent sur une seule personne",
        "fragile_none": "Aucun lien entre structures ne repose sur une seule personne sans "
        "dispositif institué ni convention.",
        "pair": "structures",
        "carriers": "porté par",
        "why": "pourquoi",
        "key_people": "Personnes clés",
        "key_none": "Aucune personne ne porte seule un lien.",
        "person": "personne",
        "links_lost": "liens perdus si elle part",
        "imbalances": "Déséquilibres de pouvoir et contrepoids possibles",
        "imbalances_none": "Aucune paire déséquilibrée.",
        "dominant": "dominant",
        "weaker": "dominé",
        "score": "score",
        "counterweights": "contrepoids possibles",
        "none": "aucun trouvé",
        "contested": "Enjeux disputés",
        "contested_none": "Aucun enjeu n'a à la fois des partisans et des opposants.",
        "stake": "enjeu",
        "supporters": "partisans",
        "opponents": "opposants",
        "balance": "équilibre pondéré par le pouvoir",
        "engagement": "Engagement",
        "followers": "Suiveurs qui s'éloignent (aucun moteur à deux pas ou moins)",
        "followers_none": "Chaque suiveur a un moteur à deux pas ou moins.",
        "overloaded": "Moteurs surchargés",
        "overloaded_none": "Aucun moteur n'est surchargé.",
        "health": "Santé des coopérations (A.C.T.E.R)",
        "health_none": "Aucune coopération n'a encore de note A.C.T.E.R.",
        "health_chart": "Note moyenne de chaque clé sur les coopérations notées (0–3).",
        "cooperation": "coopération",
        "weakest": "clé la plus faible",
        "space": "dispositif institué",
        "changes": "Ce qui a changé depuis « {name} » ({day})",
        "changes_none": "Rien n'a changé dans la carte depuis « {name} ».",
        "added": "ajouts",
        "removed": "retraits",
        "changed": "modifications",
        "annex": "Annexe — les indicateurs en clair",
        "technical": "Terme technique :",
        "more": "… et {n} de plus",
        "agree": "S'accorder", "know": "Connaître", "trust": "Faire confiance",
        "translate": "Traduire", "evaluate": "Évaluer", "share": "Répartir",
    },
}  # fmt: skip

#: The analyses whose indicators the report shows; the annex explains theirs.
ANNEX_TOPICS = ("fragility", "power", "stakes", "engagement", "health")


def annex(lang: str = "fr") -> list[dict[str, str]]:
    """The annex: every indicator the report shows, in the glossary's plain words.

    >>> rows = annex("fr")
    >>> rows[0]["name"], rows[0]["topic"]
    ('départs qui coupent le lien', 'Fragilité des liens')
    """
    return [row for topic in ANNEX_TOPICS for row in glossary.entries(lang, topic)]


def _png(figure) -> str:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        # A name with an emoji draws a box for it: not worth a warning in the terminal.
        warnings.filterwarnings("ignore", message="Glyph .* missing from", category=UserWarning)
        figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def map_picture(G: nx.MultiDiGraph, *, lang: str = "fr", as_of: date | None = None,
                labels: int = 12, seed: int = 0) -> str:  # fmt: skip
    """The map folded to meso level as a PNG data URI, coloured by level, with a legend.

    Positions come from a seeded force-directed layout, so the same map gives the same
    picture. At most the ``labels`` most connected structures are labelled, in a size
    that reads on paper, and a label is left out when it would overlap one already
    placed (after trying it above, below and beside its node).
    """
    from ecomap.imports import pyplot

    plt = pyplot()

    M = fold(G, "meso", as_of=as_of)
    figure, axes = plt.subplots(figsize=(9, 7))
    axes.set_axis_off()
    if M.number_of_nodes():
        positions = _layout(M, seed=seed)
        widths = [0.4 + min(4.0, d["count"] * 0.5) for _, _, d in M.edges(data=True)]
        nx.draw_networkx_edges(M, positions, ax=axes, width=widths, edge_color="#9aa3ad",
                               alpha=0.6)  # fmt: skip
        colours = [LEVEL_COLOURS.get(d.get("level"), "#888888") for _, d in M.nodes(data=True)]
        sizes = [80 + 45 * len(d["members"]) for _, d in M.nodes(data=True)]
        nx.draw_networkx_nodes(M, positions, ax=axes, node_color=colours, node_size=sizes,
                               edgecolors="white", linewidths=0.8)  # fmt: skip
        ranked = sorted(M.degree, key=lambda pair: (-pair[1], str(pair[0])))[:labels]
        _place_labels(figure, axes, [(positions[n], str(M.nodes[n].get("name", n)))
                                     for n, _ in ranked])  # fmt: skip
    uri = _png(figure)
    plt.close(figure)
    return uri


def territory_picture(G: nx.MultiDiGraph, *, as_of: date | None = None) -> str | None:
    """The actors with coordinates as a PNG data URI, placed by longitude and latitude,
    with their cooperations and tensions; None when no actor has coordinates.

    A plain picture with no background map (the report is read offline and printed):
    longitude is stretched by the cosine of the mean latitude, so distances look right.
    """
    from ecomap.imports import pyplot

    plt = pyplot()

    from ecomap.analysis.territories import located
    from ecomap.graph import active_relations

    where = located(G)
    if not where:
        return None
    stretch = math.cos(math.radians(sum(lat for lat, _ in where.values()) / len(where)))
    figure, axes = plt.subplots(figsize=(9, 6))
    axes.set_axis_off()
    axes.set_aspect(1 / stretch if stretch > 0.01 else 1)
    styles = {"cooperates": ("#2e7d32", "-"), "tension": ("#d32f2f", "--")}
    for u, v, _, data in active_relations(G, {"cooperates", "tension"}, as_of=as_of):
        if u in where and v in where and u != v:
            colour, line = styles[data["type"]]
            axes.plot([where[u][1], where[v][1]], [where[u][0], where[v][0]], line,
                      color=colour, alpha=0.6, linewidth=0.6 + 0.5 * float(data["weight"]))  # fmt: skip
    nodes = sorted(where)
    axes.scatter([where[n][1] for n in nodes], [where[n][0] for n in nodes], s=40, zorder=3,
                 c=[LEVEL_COLOURS.get(str(G.nodes[n].get("level")), "#888888") for n in nodes],
                 edgecolors="white", linewidths=0.8)  # fmt: skip
    uri = _png(figure)
    plt.close(figure)
    return uri


#: Where a label may sit around its node (offset in points, alignment), in order of preference.
_LABEL_SPOTS = (
    ((0, 8), "center", "bottom"),
    ((0, -8), "center", "top"),
    ((8, 0), "left", "center"),
    ((-8, 0), "right", "center"),
)


def _place_labels(figure, axes, labels: list[tuple[tuple[float, float], str]]) -> list[str]:
    """Label nodes, most important first, where no label already placed is in the way.

    Returns the labels placed (for tests: none of their boxes overlap).
    """
    figure.canvas.draw()  # the layout must be final before boxes are measured
    renderer = figure.canvas.get_renderer()
    taken: list = []
    placed = []
    for (x, y), name in labels:
        for offset, ha, va in _LABEL_SPOTS:
            annotation = axes.annotate(
                _short(name, 26), (x, y), fontsize=8.5, xytext=offset, textcoords="offset points",
                ha=ha, va=va, bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "#c9d3dd",
                                    "lw": 0.5, "alpha": 0.9},
            )  # fmt: skip
            box = annotation.get_window_extent(renderer).expanded(1.04, 1.1)
            if not any(box.overlaps(other) for other in taken):
                taken.append(box)
                placed.append(name)
                break
            annotation.remove()
    return placed


def _short(name: str, limit: int = 30) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _layout(M: nx.Graph, *, seed: int) -> dict:
    """Kamada–Kawai for the largest connected group; smaller groups in a row below it.

    Stress layouts keep distances readable at the few hundred nodes a meso view has;
    laying components out separately keeps isolated structures from being flung to the
    corners.
    """
    groups = sorted(nx.connected_components(M), key=lambda c: (-len(c), min(map(str, c))))
    from ecomap.imports import igraph

    ig = igraph()

    names = sorted(groups[0], key=str)
    index = {n: i for i, n in enumerate(names)}
    edges = [(index[u], index[v]) for u, v in M.subgraph(groups[0]).edges]
    # igraph's Kamada–Kawai starts from a circle: the same map gives the same picture.
    coords = ig.Graph(n=len(names), edges=edges).layout_kamada_kawai().coords
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    positions = {
        n: (2 * (x - cx) / span, 2 * (y - cy) / span)
        for n, (x, y) in zip(names, coords, strict=True)
    }
    rest = groups[1:]
    for i, group in enumerate(rest):
        sub = nx.spring_layout(M.subgraph(group), seed=seed, scale=0.08)
        x = -1.0 + 2.0 * (i + 0.5) / len(rest)
        for node, (dx, dy) in sub.items():
            positions[node] = (x + dx, -1.25 + dy)
    return positions


def _acter_chart(cooperations: list[dict], lang: str) -> str | None:
    sums: Counter = Counter()
    counts: Counter = Counter()
    for record in cooperations:
        for key, value in (record.get("scores") or {}).items():
            if value is not None:
                sums[key.removeprefix("acter_")] += value
                counts[key.removeprefix("acter_")] += 1
    if not counts:
        return None
    from ecomap.imports import pyplot

    plt = pyplot()

    keys = [k.removeprefix("acter_") for k in ACTER_KEYS]
    means = [sums[k] / counts[k] if counts[k] else 0.0 for k in keys]
    figure, axes = plt.subplots(figsize=(6.5, 2.4))
    axes.barh([TEXT[lang][k] for k in keys][::-1], means[::-1], color="#2f7ebc")
    axes.set_xlim(0, 3)
    axes.spines[["top", "right"]].set_visible(False)
    axes.tick_params(labelsize=8)
    uri = _png(figure)
    plt.close(figure)
    return uri


def report_html(
    eco: Ecosystem,
    *,
    lang: str = "fr",
    as_of: date | None = None,
    since: tuple[str, datetime, Ecosystem] | None = None,
    anonymise: bool | Anonymiser = False,
    key: bytes | None = None,
    title: str | None = None,
    rows: int = 8,
    geography: bool = False,
) -> str:
    """The report as one self-contained HTML document.

    Parameters
    ----------
    eco : Ecosystem
        The map to report on.
    lang : {"fr", "en"}
        Language of the whole document.
    as_of : date, optional
        Analysis date (default today).
    since : (name, date, Ecosystem), optional
        A snapshot to compare with: adds "what changed since".
    anonymise : bool or Anonymiser
        Show every person under a stable pseudonym and clear every text of people's
        names (see :mod:`ecomap.privacy`); applies to the snapshot compared too, and the
        report says what was left out. An :class:`~ecomap.privacy.Anonymiser` built by
        the caller (one that also knows the people a store ever held) is used as given.
    key : bytes
        The store's pseudonym key (:meth:`ecomap.store.base.Store.pseudonym_key`);
        required when ``anonymise`` is True.
    title : str, optional
        The document's title (default: the report's name in ``lang``).
    rows : int
        At most this many rows per table (the rest is counted).
    geography : bool
        Add the map of the territory (:func:`territory_picture`) when actors have
        coordinates. Anonymised, people have none, so only structures are placed.
    """
    import jinja2

    from ecomap.analysis import analyse
    from ecomap.analysis.history import diff
    from ecomap.privacy import left_out_note

    if lang not in TEXT:
        raise ValueError("lang must be 'fr' or 'en'")
    if anonymise:
        hide = anonymise
        if not isinstance(hide, Anonymiser):
            if key is None:
                raise ValueError("an anonymised report needs the store's pseudonym key")
            hide = Anonymiser(eco, key=key, lang=lang, also=() if since is None else (since[2],))
        anonymise = True
        eco = hide.ecosystem(eco)
        if since is not None:
            since = (hide.text(since[0]), since[1], hide.ecosystem(since[2]))
    G = to_graph(eco)
    day = as_of or date.today()
    document = analyse(G, as_of=day, lang=lang)
    changes = None
    if since is not None:
        name, taken, before = since
        taken_day = taken.date() if isinstance(taken, datetime) else taken
        changes = {"name": name, "day": long_date(taken_day, lang),
                   **diff(before, eco, as_of=day, lang=lang)}  # fmt: skip
    names = {n: d.get("name", n) for n, d in G.nodes(data=True)}
    summary = document["summary"]
    figures = [
        (summary["actors"], "actors"), (summary["relations"], "relations"),
        (summary["stakes"], "stakes"), (summary["spaces"], "spaces"),
        (summary["components"], "components"),
        (sum(1 for r in document["fragile_links"] if r["fragile"]), "fragile_count"),
        (len(document["imbalances"]), "imbalance_count"),
        (sum(1 for r in document["stakes"] if r["contested"]), "contested_count"),
        (summary["by_relation_type"].get("tension", 0), "tension_count"),
    ]  # fmt: skip
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("ecomap.views", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["named"] = lambda ids: [names.get(i, i) for i in ids]
    words = dict(TEXT[lang])
    if anonymise:
        words["anonymised"] = f"{words['anonymised']} {left_out_note(lang)}"
    environment.filters["number"] = lambda value, digits=2: number(value, lang, digits)
    return environment.get_template("report.html.j2").render(
        t=words,
        lang=lang,
        title=title or TEXT[lang]["title"],
        day=long_date(date.today(), lang),
        as_of=long_date(day, lang),
        anonymised=anonymise,
        picture=map_picture(G, lang=lang, as_of=day),
        geography=territory_picture(G, as_of=day) if geography else None,
        placed=_placed(G) if geography else (0, 0),
        colours=LEVEL_COLOURS,
        level_label=lambda v: label(v, lang),
        figures=figures,
        names=names,
        fragile=[r for r in document["fragile_links"] if r["fragile"]],
        key_people=document["key_people"],
        imbalances=document["imbalances"],
        contested=[r for r in document["stakes"] if r["contested"]],
        engagement=document["engagement"],
        health=[
            r
            for r in document["health"]
            if any(v is not None for v in (r.get("scores") or {}).values())
        ],  # fmt: skip
        acter_chart=_acter_chart(document["health"], lang),
        changes=changes,
        annex=annex(lang),
        rows=rows,
    )


def _placed(G: nx.MultiDiGraph) -> tuple[int, int]:
    from ecomap.analysis.territories import located
    from ecomap.graph import actors

    return len(located(G)), len(actors(G))


def find_chromium() -> str | None:
    """The headless browser used to print PDFs: ``$ECOMAP_CHROMIUM`` or one on the PATH."""
    candidates = [os.environ.get("ECOMAP_CHROMIUM"), "chromium", "chromium-browser",
                  "google-chrome", "google-chrome-stable"]  # fmt: skip
    for candidate in filter(None, candidates):
        found = shutil.which(candidate)
        if found:
            return found
    return None


def html_to_pdf(html: str, target: Path, *, timeout: float = 120.0) -> None:
    """Print an HTML document to PDF with headless Chromium (nothing is downloaded).

    Raises
    ------
    EcomapError
        When no Chromium is installed or printing fails; the message says what to do.
    """
    browser = find_chromium()
    if browser is None:
        raise EcomapError(
            "a PDF report needs Chromium (Debian: apt-get install chromium, or run "
            "scripts/install-browser); write an .html report instead, or set ECOMAP_CHROMIUM"
        )
    with tempfile.TemporaryDirectory(prefix="ecomap-report-") as work:
        source = Path(work) / "report.html"
        source.write_text(html, encoding="utf-8")
        output = Path(work) / "report.pdf"
        command = [
            browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", f"--user-data-dir={Path(work) / 'profile'}",
            "--no-pdf-header-footer", f"--print-to-pdf={output}", source.as_uri(),
        ]  # fmt: skip
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise EcomapError(
                f"Chromium did not finish printing the PDF in {timeout:.0f} s"
            ) from None
        if not output.exists() or output.stat().st_size == 0:
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise EcomapError(f"Chromium could not print the PDF: {detail[0]}")
        _write_whole(target, output.read_bytes())


def _write_whole(target: Path, data: bytes) -> None:
    """Write ``data`` beside ``target``, then rename it over ``target`` (all or nothing).

    On any failure no partial file is left and an earlier ``target`` is untouched. The
    file gets the permissions any new file gets (the umask decides who may read it;
    :mod:`tempfile` would make it private), or keeps those of the file it replaces.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}.partial")
        try:
            handle = os.open(partial, flags, 0o666)
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        if target.exists():
            os.chmod(partial, stat.S_IMODE(target.stat().st_mode))
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def write_report(eco: Ecosystem, target: Path, **options: Any) -> Path:
    """Write the report to ``target``: ``.html``, or ``.pdf`` (printed by Chromium).

    Options are those of :func:`report_html`. The file appears whole or not at all.

    Raises
    ------
    EcomapError
        For another suffix, when Chromium cannot print the PDF, or when ``target``
        cannot be written (a read-only folder, a full disk): nothing is left there.
    """
    target = Path(target)
    suffix = target.suffix.lower()
    if suffix not in (".html", ".htm", ".pdf"):
        raise EcomapError(f"{target.name}: the report is written as .html or .pdf")
    html = report_html(eco, **options)
    try:
        if suffix == ".pdf":
            html_to_pdf(html, target)
        else:
            _write_whole(target, html.encode("utf-8"))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise EcomapError(f"cannot write the report to {target}: {reason}") from None
    return target
