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


# jieba's silent start is checked in test_pkg_resources_deprecation_warning_is_suppressed (one interpreter for both)
@pytest.mark.parametrize("backend", [b for b in segment.BACKENDS if b != "jieba"])
def test_import_is_silent_in_a_fresh_interpreter(backend):
    code = textwrap.dedent("""
        import warnings
        warnings.simplefilter("error")
        from zhdiscourse.tokenize.segment import posseg
        print(len(posseg("统筹推进疫情防控和经济社会发展")))
    """)
    env = dict(os.environ, ZHDISCOURSE_SEGMENTER=backend)
    r = subprocess.run([sys.executable, "-W", "error", "-c", code], capture_output=True, text=True, timeout=120,
                       env=env)
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""  # no "Building prefix dict…" log, no pkg_resources warning
    assert int(r.stdout) > 0


def test_works_without_pkg_resources():
    # setuptools >= 82 ships no pkg_resources: jieba must still find its dictionary.
    code = textwrap.dedent("""
        import sys
        sys.modules["pkg_resources"] = None   # makes "import pkg_resources" raise ImportError
        from zhdiscourse.tokenize.segment import cut
        print("/".join(cut("脱贫攻坚", userdict=False)))
    """)
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                       env=dict(os.environ, ZHDISCOURSE_SEGMENTER="jieba"))
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "脱贫/攻坚"


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


def test_pkg_resources_deprecation_warning_is_suppressed(tmp_path):
    # setuptools 80-81: importing pkg_resources warns. Simulate it with a stand-in module first on the path.
    # The jieba backend's silent start (no "Building prefix dict…" log, no warning) is checked in the same
    # interpreter, with posseg too (test_import_is_silent_in_a_fresh_interpreter checks the other backends).
    (tmp_path / "pkg_resources.py").write_text(textwrap.dedent("""
        import os, sys, warnings
        warnings.warn("pkg_resources is deprecated as an API.", UserWarning, stacklevel=2)
        def resource_stream(module, name):
            return open(os.path.join(os.path.dirname(sys.modules[module].__file__), name), "rb")
    """), encoding="utf-8")
    code = textwrap.dedent("""
        import warnings
        warnings.simplefilter("error")
        import sys
        from zhdiscourse.tokenize.segment import cut, posseg
        assert len(posseg("统筹推进疫情防控和经济社会发展")) > 0
        out = "/".join(cut("联防联控", userdict=False))
        assert sys.modules["pkg_resources"].__file__.startswith(sys.argv[1])  # jieba used the stand-in
        print(out)
    """)
    env = dict(os.environ, PYTHONPATH=str(tmp_path), ZHDISCOURSE_SEGMENTER="jieba")
    r = subprocess.run([sys.executable, "-W", "error", "-c", code, str(tmp_path)], capture_output=True, text=True,
                       timeout=120, env=env)
    assert r.returncode == 0, r.stderr
    assert r.stderr == "" and r.stdout.strip() == "联防/联控"


def test_jieba_pairs_built_without_rereading_the_dictionary_equal_jiebas_own():
    """The first jieba pair takes the tags ``jieba.posseg`` read on import, the later ones (and
    :func:`segment.jieba_tokenizer`) copy the first's tables, all through jieba's internals (``POSTokenizer.__new__``,
    ``FREQ``/``total``/``initialized``): each must equal ``POSTokenizer(Tokenizer())`` after ``initialize()``, attribute
    for attribute, and cut and tag alike. A fresh interpreter, so that the import path is the one a user takes."""
    code = textwrap.dedent('''
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
        print("ok")
    ''')
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0 and run.stdout.strip() == "ok", run.stderr[-2000:]
