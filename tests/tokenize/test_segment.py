"""Segmentation: quiet jieba start, one posseg pass with offsets, private tokenizers, user dictionary."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from hypothesis import given, settings, strategies as st

from zhdiscourse import ZhDiscourseError
from zhdiscourse.tokenize import segment
from zhdiscourse.tokenize.diagnostics import diff_segmentations
from zhdiscourse.tokenize.dictionary import read_userdict
from zhdiscourse.tokenize.segment import HMM, build_segmenter, cut, get_segmenter, posseg


def test_hmm_is_an_explicit_choice():
    assert HMM is False
    assert "HMM" in segment.__doc__


# Checks that need a fresh interpreter share two (each start imports the library and jieba: ≈ 1 s of CPU): each
# interpreter runs several parts in order, each part's failure (its traceback) reported on its own, and the tests
# below read their part. The first interpreter imports jieba first for test_jieba_pairs_…, with a pkg_resources that
# warns (test_pkg_resources_…); the second checks the fast backend's silent start and then, jieba not yet imported,
# jieba without pkg_resources (test_works_without_pkg_resources).
_PARTS_MAIN = textwrap.dedent("""
    import json, sys, traceback
    done = {}

    def part(name, fn):
        try:
            fn()
        except BaseException:  # noqa: BLE001 — reported to the test that reads this part
            done[name] = traceback.format_exc()
        else:
            done.setdefault(name, "ok")
        print("--", name, "--", file=sys.stderr, flush=True)  # stderr written by each part comes before its line
""")


def _run_parts(code: str, *args: str, env: dict, warnings_as_errors: bool) -> tuple[dict, dict, str]:
    """``(result of each part: "ok" or its traceback, standard error written by each part, standard output)`` of
    ``code`` (which calls ``part(name, fn)`` and prints ``done`` as JSON last) in a fresh interpreter."""
    import json

    cmd = [sys.executable, *(["-W", "error"] if warnings_as_errors else []), "-c",
           _PARTS_MAIN + textwrap.dedent(code) + "\nprint(json.dumps(done))\n", *args]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=env)
    assert r.returncode == 0, r.stderr[-3000:]
    *out, last = r.stdout.splitlines()
    done = json.loads(last)
    errs, rest = {}, r.stderr
    for name in done:
        mark = f"-- {name} --\n"
        before, sep, rest = rest.partition(mark)
        assert sep, r.stderr[-3000:]
        errs[name] = before
    assert rest == "", rest  # nothing after the last part
    return done, errs, "\n".join(out)


@pytest.fixture(scope="module")
def fast_backend_runs():
    """For each backend but jieba, a fresh interpreter with warnings as errors: the part ``silent`` imports the
    library and segments (no start-up log, no warning); the first also runs ``no_pkg_resources``: with jieba not
    imported yet (asserted), ``pkg_resources`` made unimportable, then jieba's own dictionary through the jieba
    backend (setuptools >= 82 ships no pkg_resources: jieba must still find its dictionary)."""
    runs = {}
    for k, backend in enumerate(b for b in segment.BACKENDS if b != "jieba"):
        code = """
            def silent():
                import warnings
                warnings.simplefilter("error")
                from zhdiscourse.tokenize.segment import posseg
                n = len(posseg("统筹推进疫情防控和经济社会发展"))
                assert n > 0, n
            part("silent", silent)
        """
        if k == 0:
            code += """
            def no_pkg_resources():
                import os
                assert "jieba" not in sys.modules and "jieba.posseg" not in sys.modules, "jieba imported already"
                sys.modules["pkg_resources"] = None   # makes "import pkg_resources" raise ImportError
                os.environ["ZHDISCOURSE_SEGMENTER"] = "jieba"
                from zhdiscourse.tokenize.segment import cut
                out = "/".join(cut("脱贫攻坚", userdict=False))
                assert out == "脱贫/攻坚", out
            part("no_pkg_resources", no_pkg_resources)
            """
        runs[backend] = _run_parts(code, env=dict(os.environ, ZHDISCOURSE_SEGMENTER=backend),
                                   warnings_as_errors=True)
    return runs


# jieba's silent start is checked in test_pkg_resources_deprecation_warning_is_suppressed (one interpreter for both)
@pytest.mark.parametrize("backend", [b for b in segment.BACKENDS if b != "jieba"])
def test_import_is_silent_in_a_fresh_interpreter(fast_backend_runs, backend):
    done, errs, _out = fast_backend_runs[backend]
    assert done["silent"] == "ok", done["silent"]
    assert errs["silent"] == ""  # no "Building prefix dict…" log, no pkg_resources warning


def test_works_without_pkg_resources(fast_backend_runs):
    # setuptools >= 82 ships no pkg_resources: jieba must still find its dictionary (checked in the interpreter of
    # the first fast backend, before anything there imports jieba: fast_backend_runs)
    done, _errs, _out = fast_backend_runs[next(b for b in segment.BACKENDS if b != "jieba")]
    assert done["no_pkg_resources"] == "ok", done["no_pkg_resources"]


def test_posseg_offsets_and_tags():
    text = "我们要坚决打赢疫情防控阻击战，2020年GDP增长6.1%。"
    out = posseg(text)
    assert "".join(t for t, *_ in out) == text
    for tok, pos, a, b in out:
        assert text[a:b] == tok
        assert isinstance(pos, str) and pos
    assert [t for t, *_ in out][:2] == ["我们", "要"]
    assert ("疫情防控", "n") in [(t, p) for t, p, *_ in out]


def test_posseg_offset_argument():
    out = posseg("疫情防控", offset=100)
    assert out[0][2:] == (100, 104)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("疫情防控复工复产的要我们，。、 \t\nabcXYZ0123456789.%“”（）—🙂")), max_size=60))
def test_posseg_tiles_any_text(text):
    out = posseg(text)
    assert "".join(t for t, *_ in out) == text
    pos = 0
    for tok, _, a, b in out:
        assert a == pos and b == a + len(tok) and tok
        pos = b


def test_tags_come_from_the_same_pass_as_tokens():
    seg = get_segmenter(True)
    text = "要继续优化营商环境，做好招商、安商工作。"
    words, tags = seg.cut_tagged(text)
    pairs = [(p.word, p.flag) for p in seg.pos_tokenizer.cut(text, HMM=HMM)]
    assert list(zip(words, tags)) == pairs


def test_private_tokenizers_leave_global_jieba_alone():
    jieba = segment.jieba_module()
    assert cut("联防联控") == ["联防联控"]
    assert cut("联防联控", userdict=False) == ["联防", "联控"]
    assert get_segmenter(True).tokenizer is not jieba.dt
    assert get_segmenter(False).tokenizer is not jieba.dt
    assert jieba.lcut("联防联控", HMM=False) == ["联防", "联控"]


def test_read_userdict_comments_entries_and_splits(tmp_path):
    f = tmp_path / "ud.txt"
    f.write_text("# header\n\n疫情防控 n\n应收尽收 5 l   # trailing comment\n稳岗\n城市保卫战 = 城市 + 保卫战\n",
                 encoding="utf-8")
    entries, splits = read_userdict(f)
    assert [(e.word, e.freq, e.tag) for e in entries] == [("疫情防控", None, "n"), ("应收尽收", 5, "l"), ("稳岗", None, None)]
    assert splits == [("城市保卫战", ("城市", "保卫战"))]


@pytest.mark.parametrize("line", ["甲乙 = 甲 + 丙", "甲乙 = 甲乙", "词 12 n extra"])
def test_read_userdict_rejects_bad_lines(tmp_path, line):
    f = tmp_path / "ud.txt"
    f.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ZhDiscourseError, match="ud.txt:1"):
        read_userdict(f)


def test_custom_userdict_words_and_forced_split(tmp_path):
    f = tmp_path / "ud.txt"
    f.write_text("# test\n北极熊保护 n\n冰川保卫战 = 冰川 + 保卫战\n", encoding="utf-8")
    seg = build_segmenter(f)
    assert seg.cut("开展北极熊保护") == ["开展", "北极熊保护"]
    assert seg.cut("冰川保卫战") == ["冰川", "保卫战"]
    # the split overrides an entry that would glue the whole
    f.write_text("冰川保卫战 n\n冰川保卫战 = 冰川 + 保卫战\n", encoding="utf-8")
    assert build_segmenter(f).cut("开展冰川保卫战") == ["开展", "冰川", "保卫战"]


def test_segmenter_is_rebuilt_when_the_dictionary_file_changes(tmp_path):
    f = tmp_path / "ud.txt"
    f.write_text("", encoding="utf-8")
    assert cut("青山绿水工程", userdict=f) != ["青山绿水工程"]
    f.write_text("青山绿水工程 n\n", encoding="utf-8")
    assert cut("青山绿水工程", userdict=f) == ["青山绿水工程"]


def test_release_segmenters_lets_them_go_and_the_next_is_built_again(tmp_path):
    import gc
    import weakref

    f = tmp_path / "ud.txt"
    f.write_text("青山绿水工程 n\n", encoding="utf-8")
    seg = get_segmenter(f)
    assert get_segmenter(f) is seg  # shared while cached
    words = seg.posseg("建设青山绿水工程要抓紧")
    gone = weakref.ref(seg)
    segment.release_segmenters()
    assert seg.posseg("建设青山绿水工程要抓紧") == words  # one already handed out keeps working
    del seg
    gc.collect()
    assert gone() is None  # nothing in the module holds it any more: its memory can go
    again = get_segmenter(f)
    assert again.posseg("建设青山绿水工程要抓紧") == words
    assert get_segmenter(f) is again


def test_diff_segmentations():
    text = "疫情防控工作"
    d = diff_segmentations(text, ["疫情", "防控", "工作"], ["疫情防控", "工作"], offset=10)
    assert d == [(10, 14, ["疫情", "防控"], ["疫情防控"])]
    assert diff_segmentations(text, ["疫情", "防控", "工作"], ["疫情", "防控", "工作"]) == []


@pytest.fixture(scope="module")
def jieba_first_run(tmp_path_factory):
    """One fresh interpreter with the jieba backend, warnings as errors and a stand-in ``pkg_resources`` that warns
    on import (setuptools 80-81: importing pkg_resources warns), first on the path: the part ``pairs`` imports jieba
    (the first import in the process) and checks the jieba pairs (test_jieba_pairs_…); the part ``pkg_resources``
    then segments with posseg and cut and checks that jieba used the stand-in (test_pkg_resources_…)."""
    tmp_path = tmp_path_factory.mktemp("pkg_resources")
    (tmp_path / "pkg_resources.py").write_text(textwrap.dedent("""
        import os, sys, warnings
        warnings.warn("pkg_resources is deprecated as an API.", UserWarning, stacklevel=2)
        def resource_stream(module, name):
            return open(os.path.join(os.path.dirname(sys.modules[module].__file__), name), "rb")
    """), encoding="utf-8")
    code = """
        import warnings
        warnings.simplefilter("error")

        def pairs():
            from zhdiscourse.tokenize import segment
            jb = segment.jieba_module()  # imports jieba: the first import in this process
            import jieba
            assert segment._default_tags is not None and segment._pristine is None
            pairs = [segment._new_pair(jb), segment._new_pair(jb)]
            assert segment._pristine is not None
            ref_tk = jieba.Tokenizer()
            ref_tk.initialize()
            ref_pt = jieba.posseg.POSTokenizer(ref_tk)
            text = "我们要坚持改革开放，推动经济高质量发展，着力解决群众反映强烈的突出问题。"
            want = [(w.word, w.flag) for w in ref_pt.cut(text, HMM=False)]
            tokenizers = [tk for tk, _pt in pairs] + [segment.jieba_tokenizer()]
            for tk in tokenizers:
                assert tk.FREQ == ref_tk.FREQ and tk.total == ref_tk.total and tk.initialized
                assert sorted(vars(tk)) == sorted(vars(ref_tk)) and tk.dictionary == ref_tk.dictionary
                assert list(tk.cut(text, HMM=False)) == list(ref_tk.cut(text, HMM=False))
            for tk, pt in pairs:
                assert pt.tokenizer is tk and pt.word_tag_tab == ref_pt.word_tag_tab
                assert sorted(vars(pt)) == sorted(vars(ref_pt))
                assert [(w.word, w.flag) for w in pt.cut(text, HMM=False)] == want
            assert len({id(tk.FREQ) for tk in tokenizers}) == len(tokenizers)  # copies, not one shared table

        def pkg_resources():
            from zhdiscourse.tokenize.segment import cut, posseg
            assert len(posseg("统筹推进疫情防控和经济社会发展")) > 0
            out = "/".join(cut("联防联控", userdict=False))
            assert sys.modules["pkg_resources"].__file__.startswith(sys.argv[1])  # jieba used the stand-in
            assert out == "联防/联控", out

        part("pairs", pairs)
        part("pkg_resources", pkg_resources)
    """
    env = dict(os.environ, PYTHONPATH=str(tmp_path), ZHDISCOURSE_SEGMENTER="jieba")
    return _run_parts(code, str(tmp_path), env=env, warnings_as_errors=True)


def test_pkg_resources_deprecation_warning_is_suppressed(jieba_first_run):
    # The jieba backend's silent start (no "Building prefix dict…" log, no warning) is checked in the same
    # interpreter, with posseg too (test_import_is_silent_in_a_fresh_interpreter checks the other backends): nothing
    # on stderr from jieba's first import and first pairs (part "pairs") to posseg and cut (part "pkg_resources").
    done, errs, _out = jieba_first_run
    assert done["pkg_resources"] == "ok", done["pkg_resources"]
    assert errs["pairs"] == "" and errs["pkg_resources"] == ""


def test_jieba_pairs_built_without_rereading_the_dictionary_equal_jiebas_own(jieba_first_run):
    """The first jieba pair takes the tags ``jieba.posseg`` read on import, the later ones (and
    :func:`segment.jieba_tokenizer`) copy the first's tables, all through jieba's internals (``POSTokenizer.__new__``,
    ``FREQ``/``total``/``initialized``): each must equal ``POSTokenizer(Tokenizer())`` after ``initialize()``, attribute
    for attribute, and cut and tag alike. A fresh interpreter, so that the import path is the one a user takes
    (:func:`jieba_first_run`, its first part)."""
    done, _errs, _out = jieba_first_run
    assert done["pairs"] == "ok", done["pairs"]


def test_the_packed_tag_table_reads_back_as_the_same_table():
    """The prepared dictionary's tag table is stored packed (``segment._pack_tags``): read back, the same words, tags
    and order, and a :class:`segment._TagTable` (``eng``/``x`` for a missing word); a table it cannot pack (empty, a
    word with a newline, more than 256 tags) is stored as the dict itself and read back the same."""
    table = dict(get_segmenter(True).tags)
    packed = segment._pack_tags(table)
    assert isinstance(packed, tuple) and len(packed[1]) == len(table) > 300_000
    back = segment._unpack_tags(packed)
    assert type(back) is segment._TagTable
    assert list(back.items()) == list(table.items())
    assert back["GDP2020"] == "eng" and back["。"] == "x"
    many = {f"词{i}": f"t{i}" for i in range(300)}
    for odd in ({}, {"甲\n乙": "n", "丙": "v"}, many):
        assert segment._pack_tags(odd) is odd
        assert list(segment._unpack_tags(segment._pack_tags(odd)).items()) == list(odd.items())
