"""Write the minimal reproduction notebooks to /tmp/voila-rc."""
import os
import nbformat as nbf
KERNEL = os.environ.get("RC_KERNEL", "python3")

SETUP = """import ipywidgets as w
import plotly.graph_objects as go
from IPython.display import display

def section(i):
    slider = w.IntSlider(value=i, min=0, max=10, description=f"s{i}")
    out = w.Output()
    fig = go.Figure(go.Scatter(x=list(range(10)), y=[(k * (i + 1)) % 7 for k in range(10)]))
    fig.update_layout(title=f"chart {i}", height=250, margin=dict(l=20, r=20, t=40, b=20))
    with out:
        fig.show(renderer="plotly_mimetype")
    display(w.VBox([slider, out]))
"""

def build(path, body_fn, n=7):
    nb = nbf.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": "Python 3", "language": "python"}
    cells = []
    for i in range(n):
        cells.append(nbf.v4.new_markdown_cell(f"## Section {i}\nProse for section {i}."))
        src = body_fn(i)
        cells.append(nbf.v4.new_code_cell(src))
    nb.cells = cells
    nbf.write(nb, path)

SUFFIX = "" if KERNEL == "python3" else "_k6"
build(f"repro_plotly{SUFFIX}.ipynb", lambda i: (SETUP + "\n" if i == 0 else "") + f"section({i})")
# variant without plotly: IntSlider + empty Output, two display calls
build(f"repro_plain{SUFFIX}.ipynb", lambda i: ("import ipywidgets as w\nfrom IPython.display import display\n" if i == 0 else "")
      + f"display(w.IntSlider(value={i}), w.Output())")
