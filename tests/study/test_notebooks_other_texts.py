"""The study's notebooks run on other texts: one without parts, one short policy text.

Both once crashed (topic shares of a text without parts; key-term panels of a text too short for
keyness). reproduce() runs every notebook (without the worked solutions, to keep this under a
minute and a half) into a temporary folder and must leave the committed notebooks alone.
"""

import json

import pytest

from zhdiscourse import load_speech, paths
from zhdiscourse.study.reproduce import find_notebooks, reproduce

POLICY = """关于进一步做好社区垃圾分类工作的通知
各街道办事处：
为推进垃圾分类，改善人居环境，现就有关事项通知如下。
一、明确工作目标
（一）年底前实现社区全覆盖。
（二）居民知晓率达到百分之九十以上。
二、落实主要任务
（一）完善设施。
1.每个小区设置分类投放点。
2.配齐分类收运车辆。
（二）加强宣传。
1.开展入户宣传活动。
2.组织志愿者现场指导。
三、强化组织保障
（一）各街道要明确责任人，建立工作台账。
（二）区城管局要加强督促检查，定期通报进展情况。
（三）对工作不力的单位要及时约谈。
特此通知。
区城市管理局
2024年3月1日
"""


def _no_parts_text() -> str:
    """Part 一 of the speech without its heading: sub-points (一是…) but no parts."""
    speech = load_speech(paths.default_text())
    first = speech.sections[0]
    return speech.text[first.title_end:first.end].strip() + "\n"


@pytest.mark.notebooks
@pytest.mark.parametrize("name", ["no_parts", "policy"])
def test_reproduce_runs_every_notebook_on_another_text(name, tmp_path):
    text = tmp_path / f"{name}.txt"
    text.write_text(_no_parts_text() if name == "no_parts" else POLICY, encoding="utf-8")
    speech = load_speech(text)
    if name == "no_parts":
        assert not speech.sections and len(speech.subsections) >= 2
    else:
        assert len(speech.sections) == 3 and len(speech.text) < 300
    nbs = find_notebooks(solutions=False)
    before = {p: p.read_bytes() for p in nbs}
    out = tmp_path / "out"
    summary = reproduce(text, out, notebooks=nbs, jobs=2, log=lambda *a: None)
    assert summary["notebooks"] == len(nbs) >= 8 and summary["in_place"] is False
    figures = json.loads((out / "figures.json").read_text(encoding="utf-8"))["figures"]
    assert len(figures) >= 15 and all((out / f).is_file() for rec in figures for f in rec["files"])
    executed = {p.name: (out / "notebooks" / p.name).read_text(encoding="utf-8") for p in nbs}
    assert all('"output_type": "error"' not in t for t in executed.values())
    if name == "no_parts":  # notebook 05 falls back to the documents of the topic model, and says so
        assert "This text has no parts: the topic shares below are given per sub-point" in executed["05-topic-contrasts.ipynb"]
    else:  # notebook 00 draws an empty key-term panel and says why
        assert "00-key-terms" in {f["name"] for f in figures}
        assert "too short for keyness" in executed["00-overview.ipynb"]
    assert {p: p.read_bytes() for p in nbs} == before, "committed notebooks were modified"
