"""The functions behind the explorer, tested without a browser (and the fallback without ipywidgets)."""

from __future__ import annotations

import sys

import pytest
from matplotlib.figure import Figure

from zhdiscourse import ZhDiscourseError, parse
from zhdiscourse.study.explore import explore_contrast, explore_term, explorer


def test_explore_term_kwic_and_dispersion(speech):
    df, fig = explore_term(speech, "坚决")
    assert isinstance(fig, Figure) and fig.axes
    assert len(df) == speech.text[speech.body_start:speech.body_end].count("坚决")
    assert all(speech.text[a:b] == "坚决" == k for a, b, k in zip(df.start, df.end, df.keyword))
    per = df.attrs["per_part"]
    assert list(per.part) == ["一", "二", "三", "四"] and per["count"].sum() == len(df)
    assert per["per_1k"].iloc[0] == pytest.approx(1000 * per["count"].iloc[0] / per["chars"].iloc[0], abs=1e-3)


def test_explore_term_regex_absent_and_bad(speech):
    df, _ = explore_term(speech, r"坚决(打赢|遏制)", regex=True)
    assert len(df) and all(k.startswith("坚决") for k in df.keyword)
    df, fig = explore_term(speech, "不存在的词语")
    assert df.empty and isinstance(fig, Figure)
    with pytest.raises(ZhDiscourseError):
        explore_term(speech, "  ")
    with pytest.raises(ZhDiscourseError):
        explore_term(speech, "(", regex=True)


def test_explore_contrast(speech):
    df, fig = explore_contrast(speech, "一", "四")
    assert isinstance(fig, Figure)
    assert set(df.a) == {"一"} and set(df.b) == {"四"} and len(df) > 10
    with pytest.raises(ZhDiscourseError, match="no part"):
        explore_contrast(speech, "一", "九")
    with pytest.raises(ZhDiscourseError):
        explore_contrast(speech, "二", "二")
    with pytest.raises(ZhDiscourseError, match="two parts"):
        explore_contrast(parse("我们要加强学习。要提高认识。"), "一", "二")


def test_explorer_widgets(speech):
    pytest.importorskip("ipywidgets")
    ui = explorer(speech, term="疫情")
    assert ui.last_term is not None and ui.last_term[0].attrs["term"] == "疫情"
    ui.term_box.value = "复工复产"
    ui.term_button.click()
    assert ui.last_term[0].attrs["term"] == "复工复产" and len(ui.last_term[0]) > 0
    ui.part_a.value, ui.part_b.value = "二", "三"
    ui.contrast_button.click()
    df = ui.last_contrast[0]
    assert set(df.a) == {"二"} and set(df.b) == {"三"}


def test_explorer_fallback_when_asked(speech, capsys):
    df = explorer(speech, widgets=False, term="坚决")
    out = capsys.readouterr().out
    assert "widgets=False" in out and "explore_term(speech, '坚决')" in out
    assert "explore_contrast(speech, '一', '四')" in out
    assert len(df) > 0 and "坚决" in out and "Per part" in out


def test_explorer_fallback_without_ipywidgets(speech, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "ipywidgets", None)  # makes `import ipywidgets` raise ImportError
    df = explorer(speech, term="坚决")
    out = capsys.readouterr().out
    assert "ipywidgets is not installed" in out and "坚决" in out
    assert len(df) == len(explore_term(speech, "坚决")[0])


def test_explorer_display_carries_the_static_tables(speech):
    pytest.importorskip("ipywidgets")
    ui = explorer(speech, term="坚决")
    data = ui._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in data  # JupyterLab shows the live widget
    page = data["text/html"]  # a page without a kernel shows what the widget showed
    assert "坚决" in page and page.count("<table") == 2 and "NaN" not in page
    assert not data["text/plain"].startswith("VBox(")


def test_fallback_tables_are_aligned_and_have_no_nan(speech, capsys):
    explorer(speech, widgets=False, term="坚决")
    out = capsys.readouterr().out
    assert "NaN" not in out
    import unicodedata

    def width(line: str) -> int:  # display columns: a wide (East-Asian) character takes two
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)

    block = out.split("lines\n", 1)[1].split("\n\n", 1)[0].splitlines()  # the KWIC table
    assert len(block) > 5 and len({width(line) for line in block}) == 1, [width(line) for line in block]
