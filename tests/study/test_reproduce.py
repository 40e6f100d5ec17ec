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
