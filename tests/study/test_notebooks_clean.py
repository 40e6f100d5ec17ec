"""reproduce's notebook cleaning: widget ids dropped, one clean error line, streams merged (that a rerun of a
notebook gives the same bytes is `test_notebooks_run.py`: a fresh run equals the committed notebook, an earlier run)."""

import os

import nbformat
import pytest

from zhdiscourse.errors import ZhDiscourseError
from zhdiscourse.study.reproduce import (
    WIDGET_VIEW,
    clean_notebook,
    error_line,
    run_notebook,
)


def _widget_notebook(model_id: str):
    nb = nbformat.v4.new_notebook()
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {model_id: {}}}}
    cell = nbformat.v4.new_code_cell("ui")
    cell.id = "c0"  # real notebooks keep their cell ids; new_code_cell draws a random one
    cell.outputs = [nbformat.v4.new_output("execute_result", execution_count=1, data={
        WIDGET_VIEW: {"model_id": model_id, "version_major": 2, "version_minor": 0},
        "text/plain": "VBox(children=(Text(value='坚决'),))"})]
    nb.cells = [cell]
    return nb


def test_widget_view_ids_are_dropped_and_the_text_fallback_kept():
    a, b = _widget_notebook("d6ec632b20db47bdb23566059ed25afd"), _widget_notebook("0123456789abcdef0123456789abcdef")
    assert nbformat.writes(a) != nbformat.writes(b)
    for nb in (a, b):
        clean_notebook(nb)
    assert nbformat.writes(a) == nbformat.writes(b)
    data = a.cells[0].outputs[0]["data"]
    assert WIDGET_VIEW not in data and data["text/plain"].startswith("VBox(") and "widgets" not in a.metadata


def test_error_line_has_no_terminal_colours():
    from nbclient.exceptions import CellExecutionError

    exc = CellExecutionError("\x1b[31m---\x1b[39m\n\x1b[31mZhDiscourseError\x1b[39m: boom", "ZhDiscourseError",
                             "the documents belong\nto no part")
    assert error_line(exc) == "ZhDiscourseError: the documents belong to no part"
    assert error_line(ValueError("\x1b[0;31mValueError\x1b[0m: bad")) == "ValueError: bad"


@pytest.mark.notebooks
def test_a_failing_notebook_gives_one_clean_line(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("raise KeyError('start')")]
    path = tmp_path / "99-broken.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(ZhDiscourseError) as info:
        run_notebook(path, env=dict(os.environ))
    msg = str(info.value)
    assert msg == "99-broken.ipynb: KeyError: 'start'" and "\x1b" not in msg


def test_consecutive_stream_outputs_are_merged_as_jupyterlab_merges_them():
    def nb_with(chunks):
        nb = nbformat.v4.new_notebook()
        cell = nbformat.v4.new_code_cell("for x in xs: print(x)")
        cell.id = "c0"
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=t) for t in chunks]
        cell.outputs.append(nbformat.v4.new_output("display_data", data={"text/plain": "x"}))
        cell.outputs.append(nbformat.v4.new_output("stream", name="stdout", text="after\n"))
        nb.cells = [cell]
        return nb

    busy, calm = nb_with(["13", " 沧海横流\n", "88 用药如用兵\n"]), nb_with(["13 沧海横流\n88 用药如用兵\n"])
    for nb in (busy, calm):
        clean_notebook(nb)
    assert nbformat.writes(busy) == nbformat.writes(calm)
    assert [o["output_type"] for o in busy.cells[0].outputs] == ["stream", "display_data", "stream"]


def test_notebooks_are_read_and_validated_without_the_iri_grammar(monkeypatch):
    """study.nbclean leaves rfc3987_syntax out of a fresh process (1.2 s of CPU at import); nbformat still
    reads and validates every notebook; a process that imported jsonschema first keeps it."""
    import subprocess
    import sys
    import types

    from zhdiscourse.study.nbclean import skip_iri_grammar

    code = ("import sys, zhdiscourse.study.reproduce, nbformat\n"
            "from zhdiscourse.study.reproduce import find_notebooks\n"
            "for p in find_notebooks():\n"
            "    nbformat.validate(nbformat.read(p, as_version=4))\n"
            "print(sys.modules.get('rfc3987_syntax', 'absent'), len(find_notebooks()))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out[0] == "None" and int(out[1]) >= 10
    # jsonschema imported first (here a stand-in: importing the real one builds the grammar, 2 s): left alone
    monkeypatch.delitem(sys.modules, "rfc3987_syntax", raising=False)
    monkeypatch.setitem(sys.modules, "jsonschema", types.ModuleType("jsonschema"))
    skip_iri_grammar()
    assert "rfc3987_syntax" not in sys.modules
    monkeypatch.delitem(sys.modules, "jsonschema")
    skip_iri_grammar()
    assert sys.modules["rfc3987_syntax"] is None
