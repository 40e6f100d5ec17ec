"""The study's notebooks run on other texts: one without parts, one short policy text.

Both once crashed (topic shares of a text without parts; key-term panels of a text too short for
keyness). reproduce() runs every notebook (without the worked solutions but one, notebook 01's, on the
policy text) into a temporary folder and must leave the committed notebooks alone; its progress lines,
kernel sockets and staging folder are checked on the way.

On another text no notebook may state a fact of the study's speech as a fact of that text (issue 12):
the executed notebooks hold none of the speech's own facts (its date, speaker, part and sub-point titles,
its topic) unless the text has them too, and none of the sentences that the audit of issue 12 found
contradicted by a text's own numbers.
"""

import json
import re

import pytest

from zhdiscourse import load_speech, paths
from zhdiscourse.patterns import directive_profile
from zhdiscourse.study.reproduce import find_notebooks, fork_server, kernel_env, reproduce

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


#: words of method prose that name the speech's topic as an example (the domain dictionary, 四字格 shapes):
#: allowed in fixed Markdown cells, never in what a notebook computes and prints
METHOD_EXAMPLES = {"疫情", "epidemic", "复工复产"}

#: sentences that the issue-12 audit found false on other texts, as patterns over what the notebooks print
FALSE_CLAIMS = [
    r"at least 0(\.0)? times",  # "at least 0 times as many"
    r"about [01] times",  # a ratio rounded to nothing
    r"-\d+ sentences early",  # a turn after the part it was said to precede
    r"\bnan\b",  # a mean over no pairs
    r"sub-point None|\(None\)",  # a unit that is not there
    r"\(\)|\(e\.g\. \)|: \.",  # an empty list in prose
    r"(?<![\d.])1 (runs|documents carry|enumerations)\b",
    r"the most directive(?! \(rank 1 of)",  # "the most directive" above a table that says rank 51 of 52
    r"In the study's speech|The known series of the study's speech",  # the speech's narrative on another text
    r"all about the epidemic|piles up lists of praise",
]


def speech_facts(text: str) -> tuple[list[str], list[str]]:
    """The study speech's facts that ``text`` does not have: (for anything a notebook prints, for its fixed
    Markdown cells)."""
    sp = load_speech(paths.default_text())
    facts = {sp.metadata.date, "2020年2月23日", sp.metadata.speaker, "Xi Jinping", "新冠", "COVID", "Wuhan", "武汉",
             "湖北", *METHOD_EXAMPLES, *(s.title for s in sp.sections), *(u.title for u in sp.subsections)}
    if "疫情" in text:
        facts.discard("epidemic")
    absent = sorted(f for f in facts if f and f not in text)
    return absent, [f for f in absent if f not in METHOD_EXAMPLES]


def notebook_texts(nb: dict) -> tuple[str, str, str]:
    """(prose a notebook printed: Markdown outputs and streams; every text output, tables included; its
    fixed Markdown cells)."""
    prose, every, cells = [], [], []
    for c in nb["cells"]:
        if c["cell_type"] == "markdown":
            cells.append("".join(c["source"]))
            continue
        for o in c.get("outputs", []):
            if o["output_type"] == "stream":
                prose.append("".join(o["text"]))
            data = o.get("data", {})
            if "text/markdown" in data:
                prose.append("".join(data["text/markdown"]))
            if "text/plain" in data:
                every.append("".join(data["text/plain"]))
    return "\n".join(prose), "\n".join(prose + every), "\n".join(cells)


def untrue_sentences(nb: dict, text: str) -> list[str]:
    """What a notebook executed on ``text`` says that is a fact of the speech, or a claim its numbers deny."""
    prose, every, cells = notebook_texts(nb)
    absent, absent_in_cells = speech_facts(text)
    bad = [f"prints the speech's {f!r}" for f in absent if f in every]
    bad += [f"Markdown names the speech's {f!r}" for f in absent_in_cells if f in cells]
    for pat in FALSE_CLAIMS:
        bad += [f"says {m.group(0)!r}" for m in re.finditer(pat, prose)]
    return bad


def test_the_checks_can_fail():
    nb = {"cells": [{"cell_type": "markdown", "source": ["The speech of 2020-02-23."]},
                    {"cell_type": "code", "outputs": [
                        {"output_type": "display_data", "data": {"text/markdown": [
                            "The text is the most directive (rank 51 of 52), at least 0 times as many. 疫情"]}}]}]}
    bad = untrue_sentences(nb, "一、总则\n要做好工作。")
    assert len(bad) == 4, bad
    assert untrue_sentences(nb, "2020-02-23 的疫情 rank") == [f"says {x!r}" for x in ("at least 0 times",
                                                                                     "the most directive")]


def _no_parts_text() -> str:
    """Part 一 of the speech without its heading: sub-points (一是…) but no parts."""
    speech = load_speech(paths.default_text())
    first = speech.sections[0]
    return speech.text[first.title_end:first.end].strip() + "\n"


#: the runs that use :func:`runs_server`; the last one to finish ends it
RUNS = ["no_parts", "policy"]
_runs_left = set(RUNS)


@pytest.fixture(scope="session")
def runs_server():
    """One fork server for the runs on both texts (they run one after the other in one pytest-xdist worker:
    ungrouped, they are the next work after the session's run of the notebooks): its imports paid once.
    Session scope, not module scope, which would make this module an xdist group (tests/conftest.py); the
    second run ends it (else the session's end would, and ``ZHD_TEST_CPU`` would count the kernels of both
    runs, children of the server, in whichever test the worker ran last; so they count in the second run).
    Without ``PYTEST_CURRENT_TEST``, which pytest changes with every test and phase (the tests drop it too)."""
    env = kernel_env()
    env.pop("PYTEST_CURRENT_TEST", None)
    server = fork_server(env, any_run=True)
    yield server
    if server is not None:
        server.close()


@pytest.mark.notebooks
@pytest.mark.parametrize("name", RUNS)
def test_reproduce_runs_every_notebook_on_another_text(name, tmp_path, capfd, runs_server, monkeypatch):
    text = tmp_path / f"{name}.txt"
    text.write_text(_no_parts_text() if name == "no_parts" else POLICY, encoding="utf-8")
    speech = load_speech(text)
    if name == "no_parts":
        assert not speech.sections and len(speech.subsections) >= 2
    else:
        assert len(speech.sections) == 3 and len(speech.text) < 300
    nbs = find_notebooks(solutions=False)
    if name == "policy":  # and one worked solution on another text
        nbs += [p for p in find_notebooks(only="01") if p.parent.name == "solutions"]
    before = {p: p.read_bytes() for p in find_notebooks()}
    out = tmp_path / "out"
    lines = []
    # one kernel at a time: the session's run on the speech runs two (tests/conftest.py), and one spawned worker
    # instead of two is a second of CPU less; the two pytest-xdist workers keep both cores busy either way
    monkeypatch.delenv("PYTEST_CURRENT_TEST", raising=False)  # the kernels' environment is the server's (above)
    summary = reproduce(text, out, notebooks=nbs, jobs=1, log=lines.append, fork=runs_server or True)
    assert summary["notebooks"] == len(nbs) >= 8 and summary["in_place"] is False
    if runs_server:  # every kernel forked from the shared server, which serves the other text's run before or after
        assert summary["forked"] == len(nbs), runs_server.stats()
        assert runs_server.process is not None and runs_server.process.poll() is None, "reproduce ended the server"
        _runs_left.discard(name)
        if not _runs_left:
            runs_server.close()
    # quiet, ordered progress: one "[i/n] notebook  seconds" line per finished notebook, no kernel warnings
    progress = [ln for ln in lines if ln.lstrip().startswith("[")]
    assert [ln.split("]")[0].strip() for ln in progress] == [f"[{i:>{len(str(len(nbs)))}}/{len(nbs)}" for i in
                                                             range(1, len(nbs) + 1)]
    assert {ln.split("]", 1)[1].split()[0] for ln in progress} == {str(p.relative_to(paths.project_root())) for p in nbs}
    assert all(ln.endswith(" s") for ln in progress)
    captured = capfd.readouterr()
    assert "without encryption" not in captured.out + captured.err
    assert not list(paths.notebooks_dir().rglob("*-ipc*")), "kernel sockets left beside the notebooks"
    assert not list(out.glob(".reproduce-*")), "staging folder left behind"
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert text.name in readme and "01-outline" in readme
    figures = json.loads((out / "figures.json").read_text(encoding="utf-8"))["figures"]
    assert len(figures) >= 15 and all((out / f).is_file() for rec in figures for f in rec["files"])
    executed = {p.name: (out / "notebooks" / p.relative_to(paths.notebooks_dir())).read_text(encoding="utf-8")
                for p in nbs}
    assert all('"output_type": "error"' not in t for t in executed.values())
    if name == "no_parts":  # notebook 05 falls back to the documents of the topic model, and says so
        assert "This text has no parts: the topic shares below are given per sub-point" in executed["05-topic-contrasts.ipynb"]
    else:  # notebook 00 draws an empty key-term panel and says why; notebook 01 counts the parts
        assert "00-key-terms" in {f["name"] for f in figures}
        assert "too short for keyness" in executed["00-overview.ipynb"]
        assert "**3 parts** with 2 sub-points in part 一, 2 sub-points in part 二, 3 sub-points in part 三" in \
            executed["01-text-and-structure.ipynb"]
        assert {"01-outline", "01-subpoint-sizes", "01-sentence-lengths"} <= {f["name"] for f in figures}
        assert (out / "notebooks" / "solutions" / "01-solutions.ipynb").is_file()
    for n in {f["name"] for f in figures}:
        assert (out / f"{n}.png").stat().st_size > 1000
    assert "checks that only hold for the speech are skipped" in executed["01-text-and-structure.ipynb"]
    assert {p: p.read_bytes() for p in find_notebooks()} == before, "committed notebooks were modified"
    # nothing of the speech's own, and no claim the text's numbers deny (issue 12)
    raw = text.read_text(encoding="utf-8")
    bad = {n: untrue_sentences(json.loads(t), raw) for n, t in executed.items()}
    assert not any(bad.values()), {n: b for n, b in bad.items() if b}
    if name == "policy":  # the first part's place among the parts, as notebook 04 states it
        dens = directive_profile(speech, by="section").set_index("unit")["all_per_1k"]
        first = dens.index[0]
        nb04 = notebook_texts(json.loads(executed["04-rhetorical-patterns.ipynb"]))[0]
        said = (f"part {first} is the least directive" if dens.iloc[0] < dens.iloc[1:].min() else
                f"part {first} is not the least directive part here")
        assert said in nb04
