"""Dask: the local scheduler, a distributed.LocalCluster on loopback, bounded windows, Parquet streaming."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from zhdiscourse.errors import ZhDiscourseError
from zhdiscourse.patterns import profile as P
from zhdiscourse.text.corpus import Corpus, load_jsonl
from zhdiscourse.tokenize.corpus import corpus_tokens, token_counts
from zhdiscourse.util.parallel import iter_results, run_tasks

DOCS = [
    ("2019年政府工作报告", 2019, "一、2018年工作回顾\n过去一年，我们要坚持稳中求进。经济运行保持在合理区间。\n"
     "二、2019年工作总体部署\n必须坚持以人民为中心。要全面深化改革，要扩大开放。"),
    ("2020年政府工作报告", 2020, "一、2019年和今年以来工作回顾\n我们统筹推进疫情防控和经济社会发展。\n"
     "二、2020年发展主要目标\n要稳就业、保民生，要坚决打赢脱贫攻坚战。"),
    ("2021年政府工作报告", 2021, "一、2020年工作回顾\n我们实施积极的财政政策。\n二、今年工作\n应当坚持创新驱动，不能松懈。"),
    ("关于某事的决议", None, "会议认为，报告实事求是。会议要求，各地要抓好落实。"),
]


def square(x):
    return x * x


@pytest.fixture
def corpus_file(tmp_path):
    f = tmp_path / "c.jsonl"
    f.write_text("\n".join(json.dumps({"title": t, "year": y, "content": c}, ensure_ascii=False) for t, y, c in DOCS)
                 + "\n", encoding="utf-8")
    return f


@pytest.fixture(scope="module")
def cluster():
    """A small in-process Dask cluster on loopback (threads, no extra processes); closed at the end."""
    from distributed import Client, LocalCluster

    lc = LocalCluster(n_workers=1, threads_per_worker=2, processes=False, protocol="tcp://", host="127.0.0.1",
                      dashboard_address=None)
    client = Client(lc, set_as_default=False)
    yield client
    client.close()
    lc.close()


def test_inline_and_local_scheduler_give_the_same_results():
    tasks = [(i, (i,)) for i in range(7)]
    inline = dict(iter_results(tasks, square, jobs=1))
    local = dict(iter_results(iter(tasks), square, jobs=2, window=3))
    assert inline == local == {i: i * i for i in range(7)}
    saved = {}
    out = run_tasks([(i, (i,), f"k{i}") for i in range(5)], square, jobs=2, save=saved.__setitem__, total=5,
                    progress=False, desc="x")
    assert out == {i: i * i for i in range(5)} and saved == {f"k{i}": i * i for i in range(5)}


def test_jobs_one_does_not_import_dask():
    code = ("import sys; from zhdiscourse.util.parallel import iter_results; "
            "print(dict(iter_results([(1, (2,)), (2, (3,))], abs, jobs=1)), 'dask' in sys.modules)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["{1:", "2,", "2:", "3}", "False"]


def test_a_lazy_task_list_is_read_a_window_at_a_time(cluster):
    drawn = []

    def tasks():
        for i in range(20):
            drawn.append(i)
            yield i, (i,)

    got = []
    for key, value in iter_results(tasks(), square, scheduler=cluster, window=4):
        got.append(key)
        assert len(drawn) <= len(got) + 4  # never more than the window in flight
    assert sorted(got) == list(range(20))
    drawn.clear()
    for key, value in iter_results(tasks(), square, jobs=2, window=5):
        assert len(drawn) <= 20 and value == key * key
        assert len(drawn) - 5 <= key + 5


def test_token_tables_on_a_cluster_equal_the_local_ones(corpus_file, cluster):
    c = load_jsonl(corpus_file, cache=False)
    local = corpus_tokens(c, jobs=1, cache=False, progress=False)
    remote = corpus_tokens(c, cache=False, progress=False, scheduler=cluster)
    pd.testing.assert_frame_equal(local, remote)


def test_stream_corpus_to_parquet_on_a_cluster(corpus_file, cluster, tmp_path):
    out = tmp_path / "out"
    summary = P.stream_corpus(corpus_file, out, scheduler=cluster, window=2)
    assert summary["documents"] == 4 and sorted(p.rsplit("/", 1)[1] for p in summary["files"]) == [
        "counts.parquet", "documents.parquet", "profiles.parquet", "tokens.parquet"]
    c = load_jsonl(corpus_file, cache=False)
    want = corpus_tokens(c, jobs=1, cache=False, progress=False)
    got = pd.read_parquet(out / "tokens.parquet")
    got = got.set_index("doc").loc[[d.id for d in c]].reset_index()  # corpus order (written as finished)
    assert list(got.columns) == list(want.columns)
    assert got["token"].tolist() == want["token"].tolist() and got["pos"].tolist() == want["pos"].tolist()
    assert got["start"].tolist() == want["start"].tolist()
    assert got["clause"].fillna(-1).tolist() == want["clause"].fillna(-1).tolist()
    assert str(got["clause"].dtype) == "Int64" and got["section"].tolist() == want["section"].tolist()
    counts = pd.read_parquet(out / "counts.parquet")
    for d in c:
        mine = counts[counts.doc == d.id].set_index(["token", "pos"])["count"]
        ref = want[want.doc == d.id].groupby(["token", "pos"]).size()
        assert mine.sort_index().tolist() == ref.sort_index().tolist()
    prof = pd.read_parquet(out / "profiles.parquet").set_index("doc")
    ref = P.pattern_profile(c, kind=None, jobs=1, cache=False).set_index("doc")
    for m in ("directives", "要", "parallelisms", "chars", "directives_per_1k"):
        assert prof.loc[ref.index, m].tolist() == ref[m].tolist(), m
    docs = pd.read_parquet(out / "documents.parquet")
    assert docs["tokens"].sum() == len(want) and set(docs["doc"]) == {d.id for d in c}


def test_stream_corpus_locally_and_by_kind(corpus_file, tmp_path):
    summary = P.stream_corpus(corpus_file, tmp_path / "o", jobs=2, tables=False, profiles=False, kind="report")
    assert summary["documents"] == 3
    assert {p.rsplit("/", 1)[1] for p in summary["files"]} == {"counts.parquet", "documents.parquet"}
    with pytest.raises(ZhDiscourseError, match="no documents of kind"):
        P.stream_corpus(corpus_file, tmp_path / "o2", jobs=1, kind="text")
    assert not list((tmp_path / "o2").glob("*.parquet")) and not list((tmp_path / "o2").glob(".*.tmp"))


def test_token_counts_of_an_empty_table():
    empty = token_counts("d", corpus_tokens(Corpus([]), progress=False))
    assert list(empty.columns) == ["doc", "token", "pos", "count", "is_stop", "is_punct", "is_num"] and not len(empty)


def test_cli_corpus_export_with_a_scheduler_address(corpus_file, cluster, tmp_path, capsys):
    from zhdiscourse.cli import main

    address = cluster.scheduler.address
    assert address.startswith("tcp://127.0.0.1:")
    assert main(["corpus-export", str(corpus_file), "--out", str(tmp_path / "x"), "--scheduler", address,
                 "--no-tables", "--json"]) == 0
    files = json.loads(capsys.readouterr().out)["files"]
    assert {f["file"].rsplit("/", 1)[1] for f in files} == {"documents.parquet", "counts.parquet", "profiles.parquet"}
    assert main(["corpus-freq", str(corpus_file), "--by", "doc", "--top", "3", "--scheduler", address, "--no-cache",
                 "--json"]) == 0
    freq = json.loads(capsys.readouterr().out)["frequencies"]
    assert {r["doc"] for r in freq} == {"report-2019", "report-2020", "report-2021", "resolution-004"}


def test_cli_unreachable_scheduler_is_one_line(corpus_file, tmp_path, capsys, monkeypatch):
    import socket

    from zhdiscourse.cli import main
    from zhdiscourse.util import parallel

    monkeypatch.setattr(parallel, "CONNECT_TIMEOUT", "2s")
    with socket.socket() as s:  # a loopback port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert main(["corpus-export", str(corpus_file), "--out", str(tmp_path / "y"),
                 "--scheduler", f"tcp://127.0.0.1:{port}"]) == 2
    err = capsys.readouterr().err.strip()
    assert "cannot reach the Dask scheduler" in err and len(err.splitlines()) == 1


@pytest.mark.parametrize("value", [None, "", "0", "false", "1"])
def test_bars_disabled_follows_tqdms_own_reading_of_tqdm_disable(monkeypatch, value):
    """tqdm reads TQDM_DISABLE once, when it is imported: a fresh interpreter says what it makes of a value."""
    import os

    from zhdiscourse.util.parallel import bars_disabled

    env = {k: v for k, v in os.environ.items() if k != "TQDM_DISABLE"}
    if value is None:
        monkeypatch.delenv("TQDM_DISABLE", raising=False)
    else:
        monkeypatch.setenv("TQDM_DISABLE", value)
        env["TQDM_DISABLE"] = value
    code = "import io, tqdm; print(tqdm.tqdm(total=1, file=io.StringIO()).disable)"
    tqdms = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert bars_disabled() == (tqdms.stdout.strip() == "True")
