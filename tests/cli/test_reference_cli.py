"""Commands ``trend`` and ``corpus-freq``, the ``keyness --reference`` handler, and the figures."""

from __future__ import annotations

import argparse
import io
import json
from contextlib import redirect_stdout

import matplotlib
import pandas as pd
import pytest

from zhdiscourse.stats import reference as R
from zhdiscourse.cli import main
from zhdiscourse.cli.corpus import corpus_freq_command
from zhdiscourse.patterns import pattern_profile
from zhdiscourse.text.corpus import load_jsonl
from zhdiscourse.text.structure import parse

matplotlib.use("Agg")

DOCS = [
    {"title": "甲", "year": 2001, "content": "各位代表：\n\n今年要稳定增长，必须坚决完成任务。经济发展需要改革。经济要发展。"},
    {"title": "乙", "year": 2002, "content": "各位代表：\n\n我们要深化改革，扩大开放，发展经济。经济增长。"},
]
SPEECH = "同志们：\n一、关于防疫\n我们要加强防疫，必须坚决防疫。防疫防疫防疫防疫。\n二、关于复工\n要复工，要防疫，经济要复工。"


@pytest.fixture(autouse=True)
def _own_cache(tmp_path, monkeypatch):
    """Commands cache token tables and profiles: keep those of the toy corpora out of data/processed."""
    from zhdiscourse.util.cache import CACHE_ENV

    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))


@pytest.fixture()
def files(tmp_path):
    c = tmp_path / "c.jsonl"
    c.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in DOCS), encoding="utf-8")
    s = tmp_path / "s.txt"
    s.write_text(SPEECH, encoding="utf-8")
    return c, s


def _run(argv):
    buf = io.StringIO()
    with redirect_stdout(buf):
        rc = main(argv)
    return rc, buf.getvalue()


def test_trend_json_csv_and_table(files):
    c, s = files
    rc, out = _run(["trend", str(c), "经济", "改革", "--json"])
    assert rc == 0
    rows = json.loads(out)["trend"]
    assert len(rows) == 4 and {r["term"] for r in rows} == {"经济", "改革"}
    assert [r["year"] for r in rows[::2]] == [2001, 2002]
    assert all(r["per_1k"] == pytest.approx(1000 * r["count"] / r["chars"]) for r in rows)
    rc, out = _run(["trend", str(c), "经济", "--speech", str(s), "--csv"])
    df = pd.read_csv(io.StringIO(out))
    assert rc == 0 and list(df["doc"]) == ["report-2001", "report-2002", "speech"]
    rc, out = _run(["trend", str(c), "经济", "防疫"])
    assert rc == 0 and "经济" in out and "防疫" in out and "report-2002" in out


def test_trend_on_a_folder_of_texts(tmp_path):
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a-2019.txt").write_text("经济发展。经济增长。", encoding="utf-8")
    (folder / "b-2021.txt").write_text("防疫防疫。经济。", encoding="utf-8")
    rc, out = _run(["trend", str(folder), "经济", "防疫", "--json"])
    rows = json.loads(out)["trend"]
    assert rc == 0 and [(r["doc"], r["term"], r["count"]) for r in rows] == [
        ("a-2019", "经济", 2), ("a-2019", "防疫", 0), ("b-2021", "经济", 1), ("b-2021", "防疫", 2)]
    assert main(["trend", str(folder), "经济", "--kind", "report"]) == 2


def test_trend_errors_are_one_line(files, tmp_path, capsys):
    c, _ = files
    assert main(["trend", str(tmp_path / "missing.jsonl"), "经济"]) == 2
    assert main(["trend", str(c), " "]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and all(e.startswith("zhdiscourse: error:") for e in err)


def test_corpus_freq_command(files):
    c, _ = files
    rc, out = _run(["corpus-freq", str(c), "--by", "year", "--top", "3", "--no-stopwords", "--csv", "--jobs", "1"])
    df = pd.read_csv(io.StringIO(out))
    assert rc == 0 and list(df.columns) == ["year", "token", "pos", "count", "per_10k", "rank"]
    assert set(df["year"]) == {2001, 2002} and (df.groupby("year").size() <= 3).all()
    assert df[(df["year"] == 2001) & (df["token"] == "经济")]["count"].iloc[0] == 2
    # the function the `freq` command dispatches to for a corpus path
    buf = io.StringIO()
    with redirect_stdout(buf):
        corpus_freq_command(argparse.Namespace(path=str(c), by="doc", top=2, fmt="json", no_stopwords=False,
                                               no_numbers=False))
    rows = json.loads(buf.getvalue())["frequencies"]
    assert {r["doc"] for r in rows} == {"report-2001", "report-2002"}
    buf = io.StringIO()
    with redirect_stdout(buf):  # as `freq CORPUS` without --by: one list for the whole corpus
        corpus_freq_command(argparse.Namespace(path=str(c), by=None, top=None, fmt="csv", no_stopwords=False,
                                               no_numbers=False, no_cache=True))
    whole = pd.read_csv(io.StringIO(buf.getvalue()))
    assert list(whole.columns) == ["token", "pos", "count", "per_10k", "rank"]
    assert whole.set_index("token").loc["经济", "count"] == 4
    from zhdiscourse.errors import ZhDiscourseError

    with pytest.raises(ZhDiscourseError):
        corpus_freq_command(argparse.Namespace(path=str(c), by="section", fmt="json"))


def test_reference_keyness_command(files, capsys):
    c, s = files
    rc = main(["keyness", str(s), "--reference", str(c), "--min-freq", "2", "--top", "3", "--json"])
    rows = json.loads(capsys.readouterr().out)["keyness"]
    assert rc == 0 and rows[0]["term"] == "防疫" and rows[0]["direction"] == "+"
    minus = [r for r in rows if r["direction"] == "-"]
    assert minus and all(r["per_1k"] < r["per_1k_ref"] for r in minus) and len(rows) <= 6
    assert {"g2", "log_ratio", "p_adj", "freq_ref"} <= set(rows[0])
    assert main(["keyness", str(s), "--reference", str(c), "--min-freq", "2", "--all"]) == 0
    out = capsys.readouterr().out
    assert "防疫" in out and "Fisher's exact test" in out


def test_figures(files):
    import matplotlib.pyplot as plt

    from zhdiscourse.plots import reference as rplot
    from zhdiscourse.plots import setup_fonts

    setup_fonts()
    c, _ = files
    corpus = load_jsonl(c)
    speech = parse(SPEECH)
    ref = R.reference_counts(corpus, jobs=1, cache=False)
    key = R.reference_keyness(speech, ref=ref, min_freq=1)
    figs = [rplot.keyness_reference_bars(key, n=5, significant_only=False)]
    trend = R.term_trend(corpus, ["经济", "防疫", "改革"], speech=speech)
    figs.append(rplot.term_trend_plot(trend, speech_year=2020))
    prof = pattern_profile(corpus, speech=speech, jobs=1, cache=False)
    fig = rplot.measure_over_time(prof, "directives_per_1k", speech_year=2020)
    star = [ln for ln in fig.axes[0].lines if ln.get_marker() == "*"]
    assert star and list(star[0].get_xdata()) == [2020]
    assert star[0].get_ydata()[0] == pytest.approx(prof.set_index("doc").loc["speech", "directives_per_1k"])
    figs.append(fig)
    figs.append(rplot.position_strips(prof, ["要_per_1k", "parallelisms_per_1k"]))
    bars = figs[0].axes[1].patches
    assert len(bars) == (key["direction"] == "+").head(5).sum()
    assert len(figs[1].axes) == 4 and sum(ax.get_visible() for ax in figs[1].axes) == 3
    for f in figs:
        plt.close(f)
    with pytest.raises(Exception):
        rplot.measure_over_time(prof, "nope")
