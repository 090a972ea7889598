"""Saved views: named pictures of the map, kept in the store, shown to a committee.

A **saved view** is what the map page showed when someone chose to keep it: the level
(actors, organisations, institutions), the filters, the actor it is centred on and how
far around, the analysis overlays, what colour and size show, and the layout (the
positions of the nodes, when they were saved on the map). It has a name (unique in the
map), a description, an author, the dates it was made and last changed, and a place in
the order of the presentation. Views live in the store with the map (and so in its
backups), never in the map's exchange files (CSV, XLSX, JSON: DESIGN §2).

What a view keeps of the map page is a :class:`MapChoices`: only the choices this
version knows, each with a value of the model's enums or of the map's own values.
Reading a stored view never fails on a value it does not know (a view saved by a newer
version) or that the map no longer holds (an actor deleted since, a tag no longer
used): :func:`read_choices` and :func:`check_choices` drop it and say so in words
(:func:`describe`), and the view opens with the rest.

The rules of a list of views (unique names, order, renaming) are plain functions on a
list (:func:`saved`, :func:`renamed`, :func:`described`, :func:`removed`,
:func:`reordered`); the stores run them inside their write transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, ValidationError

from ecomap.errors import StoreError
from ecomap.i18n import listing, quoted, say
from ecomap.model import ActorKind, Level, RelationType

__all__ = [
    "OVERLAYS",
    "SIZE_MEASURES",
    "DEFAULT_RELATIONS",
    "NAME_LENGTH",
    "DESCRIPTION_LENGTH",
    "MapChoices",
    "SavedView",
    "ViewChange",
    "ViewError",
    "Problem",
    "read_choices",
    "check_choices",
    "describe",
    "new_view",
    "saved",
    "renamed",
    "described",
    "removed",
    "reordered",
    "view_record",
    "view_from_record",
    "check_positions",
    "in_order",
]

#: The analysis overlays of the map page, in the order of its switches.
OVERLAYS = ("fragile", "key_people", "bridges", "imbalances")
#: What the size of a node may show (as :data:`ecomap.views.network.SIZE_MEASURES`).
SIZE_MEASURES = ("degree", "influence", "betweenness", "structural_power")
#: The ties the map page draws until the user chooses others.
DEFAULT_RELATIONS = ("cooperates", "power", "tension", "member_of", "part_of")
#: The longest name and description a view may have, in characters.
NAME_LENGTH = 120
DESCRIPTION_LENGTH = 2000

_Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
_Overlay = Literal["fragile", "key_people", "bridges", "imbalances"]
_Size = Literal["degree", "influence", "betweenness", "structural_power"]


class MapChoices(BaseModel):
    """The choices of the map page that a view keeps; unknown keys are refused.

    >>> MapChoices(level="meso", overlays=["fragile"]).level
    <Level.MESO: 'meso'>
    >>> MapChoices(colour="red")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for MapChoices
    colour
      Extra inputs are not permitted...
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    level: Level = Level.MICRO
    levels: list[Level] = Field(default_factory=list)
    kinds: list[ActorKind] = Field(default_factory=list)
    relation_types: list[RelationType] = Field(
        default_factory=lambda: [RelationType(r) for r in DEFAULT_RELATIONS]
    )
    territories: list[_Text] = Field(default_factory=list)
    tags: list[_Text] = Field(default_factory=list)
    stakes: list[_Text] = Field(default_factory=list)
    focus: _Text | None = None
    depth: int = Field(default=1, ge=1, le=4)
    color_by: _Text = "level"
    size_by: _Size = "degree"
    overlays: list[_Overlay] = Field(default_factory=list)
    physics: bool = False
    #: How a large map is grouped (None: as the map page opens) and the group opened.
    group_by: Literal["none", "community", "organisation", "territory"] | None = None
    group: _Text | None = None
    #: What draws the picture (None: as the map page opens, WebGL from its threshold).
    renderer: Literal["auto", "pyvis", "webgl"] | None = None


_FIELDS = MapChoices.model_fields
# Each field alone, with its constraints (a depth of 1 to 4…), to read stored views one
# choice at a time.
_ADAPTERS = {
    name: TypeAdapter(Annotated[info.annotation, *info.metadata]) if info.metadata
    else TypeAdapter(info.annotation)
    for name, info in _FIELDS.items()
}  # fmt: skip
_ITEM_ADAPTERS = {
    name: TypeAdapter(info.annotation.__args__[0])
    for name, info in _FIELDS.items()
    if getattr(info.annotation, "__origin__", None) is list
}


class SavedView(BaseModel):
    """One saved view, as the store keeps it.

    ``id`` is the store's own key (it does not change when the view is renamed);
    ``order`` its place in the presentation (smallest first); ``positions`` the node
    positions of the layout (node id → x, y in the picture's pixels).
    """

    model_config = ConfigDict(frozen=True)

    id: str
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                           max_length=NAME_LENGTH)]  # fmt: skip
    description: Annotated[str, StringConstraints(strip_whitespace=True,
                                                  max_length=DESCRIPTION_LENGTH)] = ""  # fmt: skip
    choices: MapChoices = Field(default_factory=MapChoices)
    positions: dict[str, tuple[float, float]] = Field(default_factory=dict)
    author: str | None = None
    updated_by: str | None = None
    created: datetime
    updated: datetime
    order: int = 0


@dataclass(frozen=True)
class ViewChange:
    """One entry of the views' log: who saved, renamed, described, reordered or deleted
    which views, when, with the views before and after (as :func:`view_record` has them)."""

    id: int
    at: datetime
    action: str  # save, rename, describe, reorder, delete
    summary: str
    author: str | None = None
    before: tuple[dict[str, Any], ...] = ()
    after: tuple[dict[str, Any], ...] = ()


class ViewError(StoreError):
    """A change to the views that cannot be made (a name taken, no such view); nothing
    was written."""


@dataclass(frozen=True)
class Problem:
    """Something of a stored view that could not be used, as a code and its values
    (turned into words by :func:`describe`)."""

    code: str
    values: dict[str, Any] = field(default_factory=dict)


MESSAGES = {
    "en": {
        "unknown_choice": "the setting '{key}' is not one this version knows: ignored",
        "bad_value": "the value {value} of '{key}' cannot be used ({why}): "
        "'{key}' is back to its default",
        "bad_item": "{value} in '{key}' cannot be used: left out",
        "not_an_object": "the view's settings cannot be read: the map is shown as it "
        "opens by default",
        "focus_gone": "the actor the view was centred on ({who}) is no longer in the map: "
        "the whole map is shown",
        "focus_gone_hidden": "the actor the view was centred on is no longer in the map: "
        "the whole map is shown",
        "territories_gone": "territories no longer in the map, left out of the filter: {values}",
        "tags_gone": "tags no longer used, left out of the filter: {values}",
        "stakes_gone": {"one": "{n} stake no longer in the map, left out of the filter",
                        "other": "{n} stakes no longer in the map, left out of the filter"},
        "colour_gone": "the field '{value}' that gave the colours is no longer in the map: "
        "colours show the level",
        "positions_gone": {"one": "{n} saved position is of a node no longer in the map",
                           "other": "{n} saved positions are of nodes no longer in the map"},
        "layout_differs": "the layout saved with the view is not the map's current one: the "
        "nodes are placed as the view has them",
        "taken": "a view named {name} already exists in this map: choose another name",
        "no_view": "there is no view named {name} in this map",
        "no_name": "a view needs a name",
        "too_long": "a view's {what} is at most {n} characters",
        "order_mismatch": "the new order must list every view once: {missing}",
        "name": "name",
        "description": "description",
    },
    "fr": {
        "unknown_choice": "le réglage « {key} » est inconnu de cette version : ignoré",
        "bad_value": "la valeur {value} de « {key} » est inutilisable ({why}) : « {key} » "
        "reprend sa valeur par défaut",
        "bad_item": "{value} dans « {key} » est inutilisable : laissé de côté",
        "not_an_object": "les réglages de la vue sont illisibles : la carte est montrée "
        "comme elle s'ouvre par défaut",
        "focus_gone": "l'acteur sur lequel la vue était centrée ({who}) n'est plus dans la "
        "carte : toute la carte est montrée",
        "focus_gone_hidden": "l'acteur sur lequel la vue était centrée n'est plus dans la "
        "carte : toute la carte est montrée",
        "territories_gone": "territoires qui ne sont plus dans la carte, retirés du filtre : "
        "{values}",
        "tags_gone": "étiquettes qui ne sont plus utilisées, retirées du filtre : {values}",
        "stakes_gone": {"one": "{n} enjeu n'est plus dans la carte, retiré du filtre",
                        "other": "{n} enjeux ne sont plus dans la carte, retirés du filtre"},
        "colour_gone": "le champ « {value} » qui donnait les couleurs n'est plus dans la "
        "carte : les couleurs montrent le niveau",
        "positions_gone": {"one": "{n} position enregistrée est celle d'un nœud qui n'est "
                           "plus dans la carte",
                           "other": "{n} positions enregistrées sont celles de nœuds qui ne "
                           "sont plus dans la carte"},
        "layout_differs": "la disposition enregistrée avec la vue n'est plus celle de la "
        "carte : les nœuds sont placés comme dans la vue",
        "taken": "une vue nommée {name} existe déjà dans cette carte : choisissez un autre nom",
        "no_view": "il n'y a pas de vue nommée {name} dans cette carte",
        "no_name": "une vue doit avoir un nom",
        "too_long": "la {what} d'une vue fait au plus {n} caractères",
        "order_mismatch": "le nouvel ordre doit citer chaque vue une fois : {missing}",
        "name": "nom",
        "description": "description",
    },
}  # fmt: skip


def describe(problem: Problem, lang: str = "fr") -> str:
    """A problem in words.

    >>> describe(Problem("tags_gone", {"values": ["bio", "marché"]}), "fr")
    'étiquettes qui ne sont plus utilisées, retirées du filtre : « bio » et « marché »'
    """
    values = dict(problem.values)
    if isinstance(values.get("values"), list):
        values["values"] = listing([quoted(str(v), lang) for v in values["values"]], lang)
    return say(MESSAGES, problem.code, lang, **values)


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def read_choices(data: Any) -> tuple[MapChoices, list[Problem]]:
    """The choices a stored object holds, and what of it could not be used.

    Never raises: a key this version does not know is ignored, a value that is not
    one of the model's (a level, a kind of actor, a relation type, an overlay, a size
    measure) is left out of its list or replaced by the default, and each is reported.

    >>> choices, problems = read_choices({"level": "meso", "kinds": ["person", "robot"],
    ...                                   "glow": True})
    >>> choices.level.value, [k.value for k in choices.kinds]
    ('meso', ['person'])
    >>> [p.code for p in problems]
    ['bad_item', 'unknown_choice']
    """
    if not isinstance(data, Mapping):
        return MapChoices(), [Problem("not_an_object")]
    kept: dict[str, Any] = {}
    problems: list[Problem] = []
    for key, value in data.items():
        if key not in _FIELDS:
            problems.append(Problem("unknown_choice", {"key": str(key)[:60]}))
            continue
        if key in _ITEM_ADAPTERS and isinstance(value, list):
            items = []
            for item in value:
                try:
                    items.append(_ITEM_ADAPTERS[key].validate_python(item))
                except ValidationError:
                    problems.append(Problem("bad_item", {"key": key, "value": _shown(item)}))
            kept[key] = list(dict.fromkeys(items))
            continue
        try:
            kept[key] = _ADAPTERS[key].validate_python(value)
        except ValidationError as error:
            why = error.errors()[0]["msg"]
            problems.append(Problem("bad_value", {"key": key, "value": _shown(value), "why": why}))
    try:
        return MapChoices(**kept), problems
    except ValidationError as error:  # a rule across fields: back to the defaults
        wrong = {str(e["loc"][0]) for e in error.errors() if e["loc"]}
        for key in sorted(wrong):
            problems.append(Problem("bad_value", {"key": key, "value": _shown(kept.pop(key)),
                                                  "why": "—"}))  # fmt: skip
        return MapChoices(**kept), problems


def check_choices(
    choices: MapChoices,
    *,
    actors: Iterable[str],
    territories: Iterable[str],
    tags: Iterable[str],
    stakes: Iterable[str],
    colour_fields: Iterable[str],
    names_hidden: bool = False,
) -> tuple[MapChoices, list[Problem]]:
    """The choices without what the map no longer holds, and what was left out.

    Parameters
    ----------
    choices : MapChoices
        As read from the store (:func:`read_choices`).
    actors, territories, tags, stakes, colour_fields
        What the map holds now: actor ids, territory and tag values, stake ids, the
        fields the colours may show (:func:`ecomap.views.network.colour_fields`).
    names_hidden : bool
        People are shown under pseudonyms: a gone actor's id (which may carry a
        person's name) and stake ids are not quoted in the problems.

    >>> c = MapChoices(focus="marc", tags=["bio", "old"], color_by="quartier")
    >>> kept, problems = check_choices(c, actors=["lea"], territories=[], tags=["bio"],
    ...                                stakes=[], colour_fields=["level", "kind"])
    >>> kept.focus, kept.tags, kept.color_by
    (None, ['bio'], 'level')
    >>> [describe(p, "en") for p in problems][0]
    'the actor the view was centred on (marc) is no longer in the map: the whole map is shown'
    """
    problems: list[Problem] = []
    update: dict[str, Any] = {}
    if choices.focus is not None and choices.focus not in set(actors):
        update["focus"] = None
        problems.append(Problem("focus_gone_hidden") if names_hidden
                        else Problem("focus_gone", {"who": choices.focus}))  # fmt: skip
    for name, held, code in (("territories", territories, "territories_gone"),
                             ("tags", tags, "tags_gone")):  # fmt: skip
        wanted = getattr(choices, name)
        present = set(held)
        gone = [v for v in wanted if v not in present]
        if gone:
            update[name] = [v for v in wanted if v in present]
            problems.append(Problem(code, {"values": gone}))
    present = set(stakes)
    gone = [s for s in choices.stakes if s not in present]
    if gone:
        update["stakes"] = [s for s in choices.stakes if s in present]
        problems.append(Problem("stakes_gone", {"n": len(gone)}))
    fields = list(colour_fields)
    if choices.color_by not in fields:
        update["color_by"] = "level" if "level" in fields else (fields[0] if fields else "level")
        problems.append(Problem("colour_gone", {"value": choices.color_by}))
    return choices.model_copy(update=update), problems


def check_positions(
    positions: Mapping[str, tuple[float, float]], nodes: Iterable[str]
) -> tuple[dict[str, tuple[float, float]], list[Problem]]:
    """The positions of nodes still in the map, and a problem counting the others.

    >>> check_positions({"a": (0, 0), "b": (1, 1)}, ["a"])
    ({'a': (0, 0)}, [Problem(code='positions_gone', values={'n': 1})])
    """
    present = set(nodes)
    kept = {n: p for n, p in positions.items() if n in present}
    gone = len(positions) - len(kept)
    return kept, [Problem("positions_gone", {"n": gone})] if gone else []


# -- records: what the stores keep -----------------------------------------------------


def view_record(view: SavedView) -> dict[str, Any]:
    """The view as a JSON-ready dict (what the stores keep and log)."""
    return view.model_dump(mode="json", exclude_defaults=False)


def view_from_record(data: Mapping[str, Any]) -> tuple[SavedView, list[Problem]]:
    """A view from its stored dict, with what of its choices could not be used.

    The view's own fields (id, name, dates) were validated when it was written; its
    choices are read leniently (:func:`read_choices`), so a view saved by a newer
    version still opens.
    """
    choices, problems = read_choices(data.get("choices", {}))
    positions: dict[str, tuple[float, float]] = {}
    for node, where in (data.get("positions") or {}).items():
        if isinstance(where, list | tuple) and len(where) == 2:
            try:
                positions[str(node)] = (float(where[0]), float(where[1]))
            except (TypeError, ValueError):
                continue
    fields = {k: v for k, v in data.items() if k in SavedView.model_fields}
    fields.update(choices=choices, positions=positions)
    return SavedView.model_validate(fields), problems


# -- the rules of a list of views --------------------------------------------------------


def _now() -> datetime:
    return datetime.now(UTC)


def _checked_name(name: str, lang: str) -> str:
    name = (name or "").strip()
    if not name:
        raise ViewError(say(MESSAGES, "no_name", lang))
    if len(name) > NAME_LENGTH:
        raise ViewError(say(MESSAGES, "too_long", lang, what=say(MESSAGES, "name", lang),
                            n=NAME_LENGTH))  # fmt: skip
    return name


def _checked_description(description: str | None, lang: str) -> str:
    description = (description or "").strip()
    if len(description) > DESCRIPTION_LENGTH:
        raise ViewError(say(MESSAGES, "too_long", lang,
                            what=say(MESSAGES, "description", lang), n=DESCRIPTION_LENGTH))  # fmt: skip
    return description


def _same(a: str, b: str) -> bool:
    """Names are unique without regard to case or surrounding spaces."""
    return a.strip().casefold() == b.strip().casefold()


def _find(views: Sequence[SavedView], name: str, lang: str) -> SavedView:
    for view in views:
        if _same(view.name, name):
            return view
    raise ViewError(say(MESSAGES, "no_view", lang, name=quoted(name, lang)))


def new_view(
    name: str,
    choices: MapChoices | Mapping[str, Any],
    *,
    description: str = "",
    positions: Mapping[str, tuple[float, float]] | None = None,
    author: str | None = None,
    lang: str = "en",
) -> SavedView:
    """A view not yet in any store (its order is given when it is saved).

    Raises
    ------
    ViewError
        When the name is empty or too long, or the description too long.
    pydantic.ValidationError
        When ``choices`` holds a key or a value the model does not know.
    """
    at = _now()
    return SavedView(
        id=uuid.uuid4().hex,
        name=_checked_name(name, lang),
        description=_checked_description(description, lang),
        choices=choices if isinstance(choices, MapChoices) else MapChoices(**choices),
        positions=dict(positions or {}),
        author=author,
        updated_by=author,
        created=at,
        updated=at,
    )


def saved(
    views: Sequence[SavedView], view: SavedView, *, overwrite: bool = False, lang: str = "en"
) -> list[SavedView]:
    """The views with ``view`` added last, or (``overwrite``) in place of the one of the
    same name, keeping that one's id, author, creation date and place.

    Raises
    ------
    ViewError
        When the name is taken and ``overwrite`` is false.

    >>> a = new_view("COPIL mars", {})
    >>> [v.name for v in saved(saved([], a), new_view("Fragilités", {}))]
    ['COPIL mars', 'Fragilités']
    >>> saved([a], new_view("copil mars ", {}))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ecomap.views.saved.ViewError: a view named "copil mars" already exists in this map...
    """
    existing = next((v for v in views if _same(v.name, view.name)), None)
    if existing is None:
        order = max((v.order for v in views), default=0) + 1
        return [*views, view.model_copy(update={"order": order})]
    if not overwrite:
        raise ViewError(say(MESSAGES, "taken", lang, name=quoted(view.name, lang)))
    replacement = view.model_copy(update={
        "id": existing.id, "author": existing.author, "created": existing.created,
        "order": existing.order, "updated": _now(),
    })  # fmt: skip
    return [replacement if v is existing else v for v in views]


def renamed(
    views: Sequence[SavedView], old: str, new: str, *, author: str | None = None,
    lang: str = "en",
) -> list[SavedView]:  # fmt: skip
    """The views with ``old`` renamed ``new`` (a change of case alone is allowed)."""
    view = _find(views, old, lang)
    name = _checked_name(new, lang)
    if any(_same(v.name, name) and v is not view for v in views):
        raise ViewError(say(MESSAGES, "taken", lang, name=quoted(name, lang)))
    changed = view.model_copy(update={"name": name, "updated": _now(), "updated_by": author})
    return [changed if v is view else v for v in views]


def described(
    views: Sequence[SavedView], name: str, description: str, *, author: str | None = None,
    lang: str = "en",
) -> list[SavedView]:  # fmt: skip
    """The views with the description of ``name`` replaced."""
    view = _find(views, name, lang)
    changed = view.model_copy(update={"description": _checked_description(description, lang),
                                      "updated": _now(), "updated_by": author})  # fmt: skip
    return [changed if v is view else v for v in views]


def removed(views: Sequence[SavedView], name: str, *, lang: str = "en") -> list[SavedView]:
    """The views without ``name``."""
    view = _find(views, name, lang)
    return [v for v in views if v is not view]


def reordered(
    views: Sequence[SavedView], names: Sequence[str], *, lang: str = "en"
) -> list[SavedView]:
    """The views in the order of ``names`` (every view named once), numbered 1, 2, …

    >>> a, b = new_view("a", {}), new_view("b", {})
    >>> [(v.name, v.order) for v in reordered(saved(saved([], a), b), ["b", "a"])]
    [('b', 1), ('a', 2)]
    """
    chosen = [_find(views, name, lang) for name in names]
    ids = [v.id for v in chosen]
    if len(set(ids)) != len(ids) or set(ids) != {v.id for v in views}:
        missing = [v.name for v in views if v.id not in ids]
        shown = listing([quoted(n, lang) for n in missing], lang) if missing else "—"
        raise ViewError(say(MESSAGES, "order_mismatch", lang, missing=shown))
    return [v.model_copy(update={"order": i}) for i, v in enumerate(chosen, start=1)]


def in_order(views: Iterable[SavedView]) -> list[SavedView]:
    """The views in the presentation's order (ties by name, then id)."""
    return sorted(views, key=lambda v: (v.order, v.name.casefold(), v.id))
