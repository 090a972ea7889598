"""The Cypher of ecomap: what the Neo4j store runs, and analysis queries for Neo4j Browser.

Each ``.cypher`` file of this folder holds one statement family, named verb_noun
(``upsert_actors.cypher``, ``load_map.cypher``). A file holds one or more named
statements, each introduced by a header of ``//`` comments::

    // name: delete_relations
    // Delete relations of one type by key (rendered once per relationship type).
    // params: keys
    UNWIND $keys AS key
    MATCH ()-[r:{rel_type} {key: key}]->()
    DELETE r;

``params`` lists every ``$parameter`` the statement uses (``-`` for none); values only
ever reach Neo4j as parameters. A statement that is generic over labels or
relationship types names them with a placeholder in braces, filled **only** from the
enums of :mod:`ecomap.model` (see :data:`PLACEHOLDERS`): never from data. Such a
statement has one rendering per enum value (its *variants*); the store runs the
renderings, and the Cypher lint checks each of them.

Files are read once, through :mod:`importlib.resources`, and cached.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any

from ecomap.model import (
    ENDPOINTS,
    NEO4J_ACTOR_LABEL,
    NEO4J_RELATIONSHIP,
    ActorKind,
    RecordKind,
    RelationType,
)

__all__ = [
    "NODE_LABEL",
    "BOOKKEEPING_LABELS",
    "CAMPAIGN_LABELS",
    "CAMPAIGN_FAMILIES",
    "ECOMAP_LABELS",
    "KNOWN_LABELS",
    "KNOWN_TYPES",
    "PLACEHOLDERS",
    "ANALYSES",
    "Statement",
    "statement",
    "statements",
    "families",
    "endpoint_kind",
]

#: The label of each kind of node; actors also carry :data:`ecomap.model.NEO4J_ACTOR_LABEL`.
NODE_LABEL: dict[RecordKind, str] = {
    RecordKind.ACTOR: "Actor",
    RecordKind.STAKE: "Stake",
    RecordKind.SPACE: "Space",
}
#: Labels of the store's own nodes: the change log, snapshots, the map's lock and the
#: store node (its layout version).
BOOKKEEPING_LABELS: tuple[str, ...] = (
    "EcomapChange",
    "EcomapSnapshot",
    "EcomapMeta",
    "EcomapStore",
)
#: Labels of participatory collection (ecomap.collection): campaigns, their links (hashes
#: only), the staged answers and the decisions on them; beside the map, never in it.
CAMPAIGN_LABELS: tuple[str, ...] = (
    "EcomapCampaign",
    "EcomapLink",
    "EcomapAnswers",
    "EcomapDecision",
)
#: The statement files of participatory collection.
CAMPAIGN_FAMILIES: tuple[str, ...] = (
    "manage_campaigns",
    "manage_campaign_links",
    "save_staging_answers",
    "record_campaign_decisions",
)
#: Every label whose nodes ecomap owns (what ``wipe`` deletes).
ECOMAP_LABELS: tuple[str, ...] = (*NODE_LABEL.values(), *BOOKKEEPING_LABELS, *CAMPAIGN_LABELS)
#: Every label and every relationship type a statement may name.
KNOWN_LABELS: frozenset[str] = frozenset(ECOMAP_LABELS) | frozenset(NEO4J_ACTOR_LABEL.values())
KNOWN_TYPES: frozenset[str] = frozenset(NEO4J_RELATIONSHIP.values())

#: The analysis queries: written for people to paste into Neo4j Browser or Bloom (see
#: README.md); the store never runs them.
ANALYSES: tuple[str, ...] = (
    "find_single_person_links",
    "rank_key_people",
    "find_counterweights",
    "list_contested_stakes",
    "find_unfacilitated_tensions",
)

_ACTOR_KINDS = frozenset(ActorKind)


def endpoint_kind(rtype: RelationType, end: int) -> RecordKind:
    """The kind of node at one end (0 = source, 1 = target) of a relation type.

    >>> endpoint_kind(RelationType.STAKE, 1), endpoint_kind(RelationType.MEMBER_OF, 1)
    (<RecordKind.STAKE: 'stake'>, <RecordKind.ACTOR: 'actor'>)
    """
    allowed = ENDPOINTS[rtype][end]
    if allowed <= _ACTOR_KINDS:
        return RecordKind.ACTOR
    (kind,) = allowed
    return kind


@dataclass(frozen=True)
class _Placeholder:
    """A placeholder: the enum whose values it iterates over (None: one value) and its fill."""

    domain: tuple[Any, ...] | None
    fill: Callable[[Any], str]


_NODE_KINDS = tuple(NODE_LABEL)

#: Placeholder name → where its text comes from. Placeholders sharing a domain (the
#: relationship type and the labels of its two ends) are filled from the same variant.
PLACEHOLDERS: dict[str, _Placeholder] = {
    "rel_type": _Placeholder(tuple(RelationType), lambda t: NEO4J_RELATIONSHIP[t]),
    "source_label": _Placeholder(tuple(RelationType), lambda t: NODE_LABEL[endpoint_kind(t, 0)]),
    "target_label": _Placeholder(tuple(RelationType), lambda t: NODE_LABEL[endpoint_kind(t, 1)]),
    "actor_label": _Placeholder(tuple(ActorKind), lambda k: NEO4J_ACTOR_LABEL[k]),
    "node_label": _Placeholder(_NODE_KINDS, lambda k: NODE_LABEL[k]),
    "ecomap_label": _Placeholder(ECOMAP_LABELS, lambda label: label),
    "actor_labels": _Placeholder(None, lambda _: ":".join(NEO4J_ACTOR_LABEL.values())),
    "rel_types": _Placeholder(None, lambda _: "|".join(NEO4J_RELATIONSHIP.values())),
}
_PLACEHOLDER = re.compile(r"\{(" + "|".join(PLACEHOLDERS) + r")\}")
_UNKNOWN_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_COMMENT = re.compile(r"//[^\n]*")


@dataclass(frozen=True)
class Statement:
    """One named statement of a ``.cypher`` file: its template and its parameters.

    Examples
    --------
    >>> s = statement("delete_relations")
    >>> s.family, s.params, len(s.variants())
    ('delete_relations', ('keys',), 9)
    >>> print(s.render(RelationType.STAKE).splitlines()[1])
    MATCH ()-[r:HAS_STAKE {key: key}]->()
    """

    family: str
    name: str
    description: str
    params: tuple[str, ...]
    template: str
    placeholders: tuple[str, ...] = field(default=())

    @property
    def domain(self) -> tuple[Any, ...] | None:
        """The values this statement is rendered for (None: a single rendering)."""
        domains = {PLACEHOLDERS[p].domain for p in self.placeholders} - {None}
        return next(iter(domains)) if domains else None

    def variants(self) -> list[Any]:
        """The values of :attr:`domain`, or ``[None]`` for a single rendering."""
        domain = self.domain
        return [None] if domain is None else list(domain)

    def render(self, variant: Any = None) -> str:
        """The statement for one variant; labels and types come from the enums only.

        Raises
        ------
        ValueError
            When ``variant`` is not one of :meth:`variants`.
        """
        return _render(self, variant)

    def renderings(self) -> Iterator[tuple[Any, str]]:
        """Every ``(variant, text)`` of this statement."""
        for variant in self.variants():
            yield variant, self.render(variant)


@cache
def _render(stmt: Statement, variant: Any) -> str:
    if variant not in stmt.variants():
        raise ValueError(f"{stmt.name} is not rendered for {variant!r}")
    return _PLACEHOLDER.sub(lambda m: PLACEHOLDERS[m.group(1)].fill(variant), stmt.template)


def _parse(family: str, text: str) -> list[Statement]:
    """The statements of one file (see the module docstring for the format)."""
    chunks = re.split(r"^// name: *", text, flags=re.MULTILINE)
    preamble, named = chunks[0], chunks[1:]
    if _COMMENT.sub("", preamble).strip() or not named:
        raise ValueError(f"{family}.cypher: every statement must start with '// name: ...'")
    parsed = []
    for chunk in named:
        head, _, rest = chunk.partition("\n")
        name = head.strip()
        description, params, body = [], None, []
        for line in rest.splitlines():
            if params is None and line.startswith("// params:"):
                listed = line.removeprefix("// params:").strip()
                params = () if listed == "-" else tuple(p.strip() for p in listed.split(","))
            elif params is None and line.startswith("//"):
                description.append(line.removeprefix("//").strip())
            elif params is None and line.strip():
                raise ValueError(f"{family}.cypher, {name}: '// params: ...' is missing")
            elif params is not None:
                body.append(line)
        template = "\n".join(body).strip().removesuffix(";").rstrip()
        used = _PARAMETER.findall(_COMMENT.sub("", template))
        if set(used) != set(params or ()):
            raise ValueError(
                f"{family}.cypher, {name}: declares {sorted(params or ())} but uses "
                f"{sorted(set(used))}"
            )
        unknown = set(_UNKNOWN_PLACEHOLDER.findall(template)) - set(PLACEHOLDERS)
        if unknown:
            raise ValueError(f"{family}.cypher, {name}: unknown placeholders {sorted(unknown)}")
        placeholders = tuple(dict.fromkeys(_PLACEHOLDER.findall(template)))
        domains = {PLACEHOLDERS[p].domain for p in placeholders} - {None}
        if len(domains) > 1:
            raise ValueError(f"{family}.cypher, {name}: placeholders of different enums")
        parsed.append(
            Statement(family, name, " ".join(description), tuple(params), template, placeholders)
        )
    return parsed


@cache
def statements() -> dict[str, Statement]:
    """Every statement of every ``.cypher`` file, by name (read once).

    >>> "upsert_relations" in statements()
    True
    """
    found: dict[str, Statement] = {}
    for path in sorted(files(__name__).iterdir(), key=lambda p: p.name):
        if path.name.endswith(".cypher"):
            family = path.name.removesuffix(".cypher")
            for stmt in _parse(family, path.read_text(encoding="utf-8")):
                if stmt.name in found:
                    raise ValueError(f"statement {stmt.name} is defined twice")
                found[stmt.name] = stmt
    return found


def statement(name: str) -> Statement:
    """The statement called ``name``."""
    return statements()[name]


def families() -> dict[str, list[Statement]]:
    """Statements grouped by file (family), files in name order."""
    grouped: dict[str, list[Statement]] = {}
    for stmt in statements().values():
        grouped.setdefault(stmt.family, []).append(stmt)
    return grouped
