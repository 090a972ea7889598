"""``ecomap app``'s Streamlit: the explorer, which starts reading the map as it starts.

``python app_pages/streamlit_run.py run app.py [options]`` is ``streamlit run``, plus
one background thread that, once the server answers, makes what the map page shows a
new viewer first (:func:`app_pages.common.prepare`): the first page then finds the map
read, its graph built and its picture drawn, instead of starting all of it.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

# The project's folder, not this one, is where ``app_pages`` and ``ecomap`` are found
# (and no module of this folder may hide another of the same name).
sys.path[0] = str(Path(__file__).resolve().parents[1])


def _serving() -> bool:
    """Whether Streamlit's server has started (it answers from then on)."""
    runtime = sys.modules.get("streamlit.runtime.runtime")
    if runtime is None or not runtime.Runtime.exists():
        return False
    return runtime.Runtime.instance().state.name != "INITIAL"


def main() -> None:
    from streamlit.web.cli import main as streamlit

    def prepare() -> None:
        # Streamlit's own start first: the explorer answers as soon as it did before.
        for _ in range(1200):
            if _serving():
                break
            time.sleep(0.1)
        else:
            return
        from app_pages import common

        common.prepare()

    threading.Thread(target=prepare, name="ecomap-first-page", daemon=True).start()
    streamlit(prog_name="streamlit")


if __name__ == "__main__":
    main()
