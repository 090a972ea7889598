"""The picture of a saved view in the presentation, drawn as the map page draws it.

The same function as the map page (:mod:`app_pages.drawing`): the same grouping of a
large map, the same renderer (WebGL from its threshold), overlays and anonymise; the
nodes placed where the view's layout put them (the others around them). Only clicks
lead nowhere: the presentation is read-only.
"""

from __future__ import annotations

from collections.abc import Mapping

from app_pages import common, drawing
from ecomap.views import network

#: The picture's height in the presentation, in pixels, and what its legend takes of it.
HEIGHT = 760
_LEGEND = 120


def picture(choices, positions: Mapping[str, tuple[float, float]]) -> drawing.Drawn:
    """The picture of a view's choices (:class:`ecomap.views.saved.MapChoices`) for this
    session (language, date, anonymise), placed by ``positions`` (the view's layout)."""
    large = len(common.current_map().actors) > network.LARGE_MAP
    view, _ = drawing.view_of(choices.model_dump(mode="json"), common.current_graph(),
                              large=large, height=HEIGHT - _LEGEND, links=False)  # fmt: skip
    return drawing.draw(view, positions)
