"""What a committed notebook holds, and the Jupyter pre-save hook that keeps it so.

The study's notebooks are committed WITH their outputs (they read well on a code host) and WITHOUT
what changes from machine to machine or from run to run:

* the notebook's metadata keeps only ``kernelspec`` (always the generic ``python3``), ``language_info``
  without its ``version`` (``3.11.7`` on one machine, ``3.12.3`` on the next) and ``jupytext``; widget
  state, papermill records and editor metadata (VS Code's interpreter hash …) are dropped;
* cells lose execution timings (``execution``, ``ExecuteTime``) and view state (``collapsed``,
  ``scrolled``, ``jupyter.source_hidden`` …, ``trusted``);
* widget outputs lose their ``application/vnd.jupyter.widget-view+json`` bundle, whose ``model_id`` is
  new on every run; the ``text/plain`` fallback stays;
* consecutive stream outputs of the same stream (stdout, stderr) are merged into one, as JupyterLab
  merges them: how a kernel splits printed text into messages depends on timing (a busy machine
  flushes a loop of ``print`` calls in two pieces), the text does not.

:func:`clean_notebook` applies this policy; :mod:`zhdiscourse.study.reproduce` calls it on every
notebook it runs, and JupyterLab calls it on every save through jupyter-server's contents-manager
pre-save hook (:func:`pre_save_hook`), configured in the repository's ``.jupyter/jupyter_server_config.json``
(``make lab`` points ``JUPYTER_CONFIG_PATH`` there). So opening a notebook in JupyterLab, running it
and saving it leaves the committed file as it was (``tests/study/test_jupyterlab_roundtrip.py``).
"""

from __future__ import annotations

import sys


def skip_iri_grammar() -> None:
    """Leave ``rfc3987_syntax`` out of this process, if ``jsonschema`` is not imported yet.

    ``nbformat`` validates notebooks with ``jsonschema``, whose format module imports ``rfc3987_syntax``
    when it is installed (jupyter-events asks for it); that module builds an Earley grammar for IRIs at
    import: 1.2 s of CPU in every process that reads a notebook (``reproduce`` and its workers, the
    site, pytest's processes), for the ``iri`` formats, which the notebook schema never uses. Marked
    absent, jsonschema registers no IRI format check and nothing else changes. A process that has
    imported jsonschema already (a Jupyter server) is left alone."""
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)


skip_iri_grammar()

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_FALLBACK = "(an interactive widget: run the notebook to use it)"
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
#: Notebook metadata a committed notebook keeps; everything else is an editor's or a run's.
NOTEBOOK_METADATA = ("kernelspec", "language_info", "jupytext")
#: Cell metadata that records a run or a view, never content.
VOLATILE_CELL_METADATA = ("execution", "ExecuteTime", "collapsed", "scrolled", "jupyter", "trusted")


def clean_notebook(nb) -> None:
    """Apply the committed-notebook policy (module docstring) to ``nb`` in place (a ``NotebookNode``
    or the plain ``dict`` that the contents manager hands to a pre-save hook)."""
    md = nb["metadata"]
    for key in [k for k in md if k not in NOTEBOOK_METADATA]:
        md.pop(key)
    li = md.get("language_info")
    if isinstance(li, dict):
        li.pop("version", None)
    md["kernelspec"] = dict(KERNELSPEC)
    for cell in nb["cells"]:
        cmd = cell.get("metadata", {})
        for key in VOLATILE_CELL_METADATA:
            cmd.pop(key, None)
        if cell.get("cell_type") != "code":
            continue
        cell["outputs"] = _merge_streams(cell.get("outputs", []))
        for out in cell.get("outputs", []):
            out.get("metadata", {}).pop("execution", None)
            data = out.get("data")
            if data is not None and WIDGET_VIEW in data:
                data.pop(WIDGET_VIEW)
                if not data:
                    data["text/plain"] = WIDGET_FALLBACK
                out.get("metadata", {}).pop(WIDGET_VIEW, None)


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _merge_streams(outputs: list) -> list:
    """``outputs`` with each run of consecutive stream outputs of one stream merged into the first."""
    merged: list = []
    for out in outputs:
        prev = merged[-1] if merged else None
        if (out.get("output_type") == "stream" and prev is not None and prev.get("output_type") == "stream"
                and prev.get("name") == out.get("name")):
            prev["text"] = _text(prev.get("text", "")) + _text(out.get("text", ""))
        else:
            merged.append(out)
    return merged


def pre_save_hook(model, path=None, contents_manager=None, **kwargs) -> None:
    """jupyter-server's ``ContentsManager.pre_save_hook``: clean every notebook before it is written."""
    if model.get("type") == "notebook" and isinstance(model.get("content"), dict):
        clean_notebook(model["content"])
