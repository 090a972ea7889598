"""igraph and matplotlib, imported the way ecomap uses them.

igraph's own ``import igraph`` also imports matplotlib's ``pyplot`` for its plotting
functions (``igraph.plot``), which ecomap never calls: about 0.9 s of a first analysis
or of the explorer's first page, for nothing. :func:`igraph` imports it with matplotlib
hidden for that moment (igraph then takes its "matplotlib is not installed" path, which
it supports); matplotlib itself stays importable, and :func:`pyplot` imports it, for the
report's charts, with its non-interactive backend. Both take one lock, so that no other
thread imports matplotlib while it is hidden.
"""

from __future__ import annotations

import sys
import threading
from types import ModuleType

__all__ = ["igraph", "pyplot"]

_LOCK = threading.Lock()


def igraph() -> ModuleType:
    """The ``igraph`` module, imported without its matplotlib plotting the first time.

    >>> ig = igraph()
    >>> ig.Graph(n=3, edges=[(0, 1), (1, 2)]).degree()
    [1, 2, 1]
    """
    module = sys.modules.get("igraph")
    if module is not None:
        return module
    with _LOCK:
        if "matplotlib" in sys.modules:  # already paid for: nothing to hide
            import igraph as ig

            return ig
        # A None entry makes `import matplotlib` raise ImportError (the documented
        # meaning of None in sys.modules), as on a machine without matplotlib.
        sys.modules["matplotlib"] = None  # type: ignore[assignment]
        try:
            import igraph as ig
        finally:
            if sys.modules.get("matplotlib", 0) is None:
                del sys.modules["matplotlib"]
        return ig


def pyplot() -> ModuleType:
    """``matplotlib.pyplot`` with the non-interactive backend (files, never windows)."""
    with _LOCK:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        return plt
