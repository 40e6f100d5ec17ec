"""reproduce (run notebooks on any text into any folder) and site (static HTML)."""

import pytest

from zhdiscourse import parse, paths
from zhdiscourse.errors import ZhDiscourseError
from zhdiscourse.plots import structure as splot
from zhdiscourse.study.reproduce import main, reproduce
from zhdiscourse.study.site import build_site

OTHER = """关于学校工作的几点意见
同志们：今天我们开会，主要是部署新学期工作。
一、关于教学工作
（一）提高课堂质量。老师要认真备课，学生要积极提问。课堂要有“讨论。
（二）加强实践环节。实验课要按时开设、按时检查。
二、关于后勤保障
（一）改善食堂条件。食堂要保证饭菜卫生！
（二）做好宿舍管理。宿舍要定期检查。
（三）保障校园安全。门卫要严格登记。"""


@pytest.fixture
def other_text(tmp_path):
    p = tmp_path / "other.txt"
    p.write_text(OTHER, encoding="utf-8")
    return p


def test_refuses_to_overwrite_figures_with_another_text(other_text, capsys):
    with pytest.raises(ZhDiscourseError, match="refusing to overwrite figures/"):
        reproduce(other_text, None)
    with pytest.raises(ZhDiscourseError, match="refusing"):
        reproduce(other_text, paths.figures_dir())  # OUT=figures given explicitly (Makefile default)
    assert main(["--text", str(other_text)]) == 2
    assert "refusing" in capsys.readouterr().err
    assert main(["--text", str(other_text.with_name("missing.txt")), "--out", "x"]) == 2


def test_site_without_notebooks(tmp_path):
    with pytest.raises(ZhDiscourseError):
        build_site(tmp_path / "site", tmp_path)


def test_outline_table_offsets_and_sizes():
    speech = parse(OTHER)
    t = splot.outline_table(speech)
    assert list(t.level) == ["opening", "part", "sub-point", "sub-point", "part", "sub-point", "sub-point", "sub-point"]
    assert list(t[t.level == "part"].marker) == ["一、", "二、"]
    for r in t.itertuples():
        seg = speech.text[r.start:r.end]
        assert r.chars == len("".join(seg.split()))
        if r.level == "sub-point":
            assert seg.startswith(r.marker)
    parts = t[t.level == "part"]
    assert parts.chars.sum() + t[t.level == "opening"].chars.sum() == len("".join(speech.body.split()))
    # sentences that start in a part are counted once; headings are not sentences here
    assert parts.sentences.sum() == sum(1 for s in speech.sentences if s.section and not s.is_heading)


def test_outline_without_parts():
    speech = parse("今天天气很好。我们要努力学习。大家要注意安全。")
    t = splot.outline_table(speech)
    assert list(t.level) == ["opening"] and t.sentences.iloc[0] == 3
    import matplotlib.pyplot as plt

    fig = splot.plot_outline(speech, t)
    plt.close(fig)


def test_notebooks_start_longest_first(tmp_path, monkeypatch):
    from zhdiscourse.study import reproduce as rp

    nbs = [tmp_path / "notebooks" / n for n in ("00-a.ipynb", "01-b.ipynb", "02-c.ipynb")]
    nbs.append(tmp_path / "notebooks" / "solutions" / "00-a.ipynb")
    timed = {"notebooks/00-a": 3.0, "notebooks/01-b": 20.0, "solutions/00-a": 3.0}
    # never timed first, then the longest; ties keep the given order
    assert [(p.parent.name, p.stem) for p in rp.run_order(nbs, timed)] == [
        ("notebooks", "02-c"), ("notebooks", "01-b"), ("notebooks", "00-a"), ("solutions", "00-a")]
    assert rp.run_order(nbs, {}) == nbs
    # the seconds are kept in the cache folder between runs, merged with what was known
    monkeypatch.setenv("ZHDISCOURSE_CACHE_DIR", str(tmp_path / "cache"))
    assert rp.run_order(nbs) == nbs
    rp._record_seconds({nbs[0]: 5.04, nbs[2]: 1.0})
    rp._record_seconds({nbs[1]: 2.0})
    assert rp._durations().get("") == {"notebooks/00-a": 5.0, "notebooks/01-b": 2.0, "notebooks/02-c": 1.0}
    assert rp.run_order(nbs) == [nbs[3], nbs[0], nbs[1], nbs[2]]
