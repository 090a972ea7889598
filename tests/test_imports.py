"""igraph imported without matplotlib's pyplot (``ecomap.imports``), in fresh processes:
the analyses' results and the report's pictures are the same as with a plain import."""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "territoire-vallee"


def _run(code: str) -> dict:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


ANALYSE = """
    import json, sys
    {first}
    from ecomap.analysis import analyse
    from ecomap.analysis.reasons import json_text
    from ecomap.graph import to_graph
    from ecomap.ingest import read_map
    G = to_graph(read_map("{sample}")[0])
    text = json_text(analyse(G, words=False), "fr")
    print(json.dumps({{"pyplot": "matplotlib.pyplot" in sys.modules,
                      "matplotlib": "matplotlib" in sys.modules, "text": text}}))
"""


def test_igraph_comes_without_pyplot_and_the_analyses_are_the_same():
    hidden = _run(ANALYSE.format(first="", sample=SAMPLE))
    # The plain import, as igraph does it by itself (matplotlib and pyplot with it).
    plain = _run(ANALYSE.format(first="import igraph", sample=SAMPLE))
    assert plain["pyplot"] and plain["matplotlib"]
    assert not hidden["pyplot"] and not hidden["matplotlib"]
    assert hidden["text"] == plain["text"]


def test_matplotlib_still_draws_after_igraph_came_without_it():
    found = _run(f"""
        import json, sys
        from ecomap.imports import igraph, pyplot
        ig = igraph()
        communities = ig.Graph.Famous("Zachary").community_multilevel()
        plt = pyplot()
        from ecomap.graph import to_graph
        from ecomap.ingest import read_map
        from ecomap.views.report import map_picture
        uri = map_picture(to_graph(read_map("{SAMPLE}")[0]))
        print(json.dumps({{"groups": len(communities), "backend": plt.get_backend(),
                          "png": uri.startswith("data:image/png;base64,"), "size": len(uri)}}))
    """)
    assert found["groups"] >= 2
    assert found["backend"].lower() == "agg"
    assert found["png"] and found["size"] > 10_000


def test_matplotlib_imported_first_is_left_as_it_is():
    found = _run("""
        import json, sys
        import matplotlib
        from ecomap.imports import igraph
        igraph()
        print(json.dumps({"pyplot": "matplotlib.pyplot" in sys.modules,
                          "same": sys.modules["matplotlib"] is matplotlib}))
    """)
    # Already imported: igraph takes it as usual (its plotting with it), nothing hidden.
    assert found == {"pyplot": True, "same": True}
