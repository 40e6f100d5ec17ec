"""The fast backend (jieba-rs + posseg's tag table) gives exactly jieba.posseg's tokens and tags (HMM off).

The reference is a private jieba ``POSTokenizer`` with the same dictionary replayed. Checked on the
speech and on every document of the Government Work Reports corpus (the 52 reports and the other
documents of the file), sentence by sentence as the token table segments them, with the domain
dictionary and with jieba's dictionary only.

jieba's reference segmentation of these 1.1M characters takes ≈ 10 s of CPU (both dictionaries) and depends
only on jieba (its release and its ``dict.txt``), the library code that builds and runs the reference (the
modules :mod:`zhdiscourse.tokenize.segment` imports, followed through the package's own imports:
:func:`_reference_code`), the dictionary files replayed into jieba, and the documents with their spans: it is
kept in the project's disk cache (``test-reference``) under a key over all of them (:func:`_reference_key`),
so a run after a change to any of them segments the documents with jieba again, while a change elsewhere in
the library (statistics, notebooks, the CLI, …) reads the reference back. The fast backend is always run afresh.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import os
import warnings
from pathlib import Path

import pytest

import zhdiscourse
from zhdiscourse import ZhDiscourseError, open_corpus, parse
from zhdiscourse.paths import project_root
from zhdiscourse.tokenize import segment, table
from zhdiscourse.tokenize.dictionary import jieba_dict_file, resolve_mined, resolve_userdict
from zhdiscourse.tokenize.segment import SENTINEL, build_segmenter, get_segmenter
from zhdiscourse.util.cache import DiskCache

REPORTS = project_root() / "data" / "reference" / "government_work_reports.jsonl"
# jieba's segmenters (≈ 1 s of CPU each to build, shared by every test here through get_segmenter) are built in one
# pytest-xdist worker only: the module fixtures group some tests (tests/conftest.py), this groups them all
pytestmark = pytest.mark.xdist_group("backend-identity")


@pytest.fixture(scope="module")
def documents(speech_text):
    corpus = open_corpus(REPORTS)
    docs = [("speech", speech_text)] + [(d.id, d.text) for d in corpus]
    assert sum(1 for d in corpus if d.kind == "report") == 52
    return [(name, text, [(s.start, s.end) for s in parse(text).sentences]) for name, text in docs]


@pytest.fixture(scope="module")
def posseg(documents):
    """jieba.posseg's ``segment_spans`` of every document, per dictionary: the slow reference, computed once
    and compared with both fast paths below."""
    done = {}
    store = DiskCache.named("test-reference", prefix="posseg-", ext="pkl",
                            check=lambda v: isinstance(v, list) and len(v) == len(documents))

    def compute(userdict: bool) -> list:
        ref = get_segmenter(userdict, backend="jieba")
        assert ref.backend == "jieba"
        return [ref.segment_spans(text, spans) for _, text, spans in documents]

    def reference(userdict: bool) -> list:
        if userdict not in done:
            done[userdict] = store.fetch(_reference_key(documents, userdict), lambda: compute(userdict))
        return done[userdict]

    return reference


PACKAGE = Path(zhdiscourse.__file__).parent


@functools.lru_cache(maxsize=None)
def _reference_code(start: str = "tokenize/segment.py") -> tuple[Path, ...]:
    """The package's source files the reference is built and run by: ``start`` (the backends, the replay of the
    dictionary, jieba's pairs) and every module of the package it imports, followed at any depth and anywhere in
    a module (function-level imports too), read from the sources (``ast``, not ``sys.modules``, which holds
    whatever the session imported). The ``__init__.py`` of each package on the way is hashed too (it runs
    first) but its imports are not followed: the package's and the stages' ``__init__`` re-export the public
    names, and a module imported from there the reference never calls (statistics, patterns, …) cannot change
    jieba's segmentation; a package ``start`` imports *from* (``..lexicon``) is followed like any module."""
    seen: set[Path] = set()
    todo = [PACKAGE / start]
    while todo:
        f = todo.pop()
        if f in seen:
            continue
        seen.add(f)
        seen.update(PACKAGE / d / "__init__.py" for d in f.relative_to(PACKAGE).parents)
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = f.parents[node.level - 1]
                names = [f"{node.module}.{a.name}" for a in node.names] + [node.module] if node.module \
                    else [a.name for a in node.names]
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                base = PACKAGE.parent
                mods = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module]
                names = [m for m in mods if m.split(".")[0] == PACKAGE.name]
                if isinstance(node, ast.ImportFrom) and names:
                    names += [f"{node.module}.{a.name}" for a in node.names]
            else:
                continue
            for name in names:
                target = base.joinpath(*name.split("."))
                todo += [c for c in (target.with_suffix(".py"), target / "__init__.py") if c.is_file()]
    return tuple(sorted(seen))


def _reference_key(documents, userdict: bool) -> str:
    """Everything jieba's reference segmentation depends on: jieba's release and its bundled ``dict.txt``
    (the base dictionary), the library code that replays the dictionary layers into jieba and runs it
    (:func:`_reference_code`), the dictionary layers in use with their bytes (the user dictionary can come
    from outside the package: ``ZHDISCOURSE_LEXICON_DIR``; the mined layer if it is on) and every document
    with its spans."""
    h = hashlib.sha256()
    path = resolve_userdict(userdict)
    mined = resolve_mined(None, userdict)
    for part in ("jieba-reference-2", segment.segmenter_version("jieba"), str(userdict), str(path), str(mined)):
        h.update(part.encode("utf-8") + b"\0")
    for f in [jieba_dict_file(), *_reference_code()]:
        h.update(str(f.relative_to(PACKAGE) if f.is_relative_to(PACKAGE) else f.name).encode("utf-8") + b"\0")
        h.update(f.read_bytes() + b"\0")
    for layer in (path, mined):
        h.update(layer.read_bytes() + b"\0" if layer is not None else b"-\0")
    for name, text, spans in documents:
        h.update(f"{name}\0{text}\0{spans}\0".encode("utf-8"))
    return h.hexdigest()


def test_the_reference_key_covers_the_dictionary_and_the_documents(documents, monkeypatch):
    """A cached reference is never read for another dictionary, another text or other spans, nor after a
    change to the code that builds and runs the reference (and only that code is in the key)."""
    import sys

    from zhdiscourse.tokenize import dictionary

    name, text, spans = documents[1]
    base = _reference_key(documents[:2], True)
    assert base == _reference_key(documents[:2], True)
    assert base != _reference_key(documents[:2], False)
    assert base != _reference_key([documents[0], (name, text + "。", spans)], True)
    assert base != _reference_key([documents[0], (name, text, spans[:-1])], True)
    code = {str(f.relative_to(PACKAGE)) for f in _reference_code()}
    # the jieba backend, the replay of the dictionary layers, the lexicon readers, the package's __init__s
    assert {"tokenize/segment.py", "tokenize/dictionary.py", "lexicon/__init__.py", "__init__.py",
            "tokenize/__init__.py"} <= code
    # every module of the package the reference runs in is in the key (the whole of segment's import closure)
    for mod in ("segment", "dictionary"):
        for value in vars(sys.modules[f"zhdiscourse.tokenize.{mod}"]).values():
            owner = getattr(value, "__module__", None) if callable(value) else None
            if owner and owner.startswith("zhdiscourse."):
                assert owner.removeprefix("zhdiscourse.").replace(".", "/") + ".py" in code \
                    or owner.removeprefix("zhdiscourse.").replace(".", "/") + "/__init__.py" in code, owner
    assert not any(c.startswith(("stats/", "patterns/", "study/", "cli/", "report/")) for c in code)
    files = _reference_code()
    monkeypatch.setattr(sys.modules[__name__], "_reference_code", lambda: files[:-1])
    assert base != _reference_key(documents[:2], True)  # a source file of the reference's code is in the key
    monkeypatch.undo()
    monkeypatch.setattr(dictionary, "MINED_DEFAULT", True)
    assert base != _reference_key(documents[:2], True)  # the mined layer, when on


def _first_difference(a, b):
    for i, (x, y) in enumerate(zip(zip(*a[:2]), zip(*b[:2]))):
        if x != y:
            return i, x, y
    return len(a[0]), None, None


@pytest.mark.parametrize("userdict", [True, False], ids=["domain-dictionary", "jieba-dictionary"])
def test_tokens_and_tags_identical_to_posseg(documents, posseg, userdict):
    fast = get_segmenter(userdict, backend="rjieba")
    assert fast.backend == "rjieba"
    n = 0
    for (name, text, spans), want in zip(documents, posseg(userdict), strict=True):
        got = fast.segment_spans(text, spans)
        assert got == want, f"{name}: first difference {_first_difference(got, want)}"
        n += len(want[0])
    assert n > 500_000


@pytest.mark.parametrize("userdict", [True, False], ids=["domain-dictionary", "jieba-dictionary"])
def test_token_arrays_identical_to_posseg(documents, posseg, userdict):
    """The token table's path (all spans in one jieba-rs call, separators taken out) gives the tokens,
    counts and tags of posseg span by span."""
    fast = get_segmenter(userdict, backend="rjieba")
    for (name, text, spans), (words, tags, want_counts) in zip(documents, posseg(userdict), strict=True):
        arr, counts, tag_of = fast.token_arrays(text, spans)
        got = arr.to_pylist()
        assert got == words, f"{name}: first difference {_first_difference((got, got), (words, words))}"
        assert counts.tolist() == want_counts, name
        assert [tag_of[w] for w in got] == tags, name


def test_token_arrays_on_awkward_spans():
    # empty spans, spans that end and start inside Latin/digit runs, the separators in the text itself
    # (then span by span), characters set apart for jieba-rs at span edges
    ref = get_segmenter(True, backend="jieba")
    fast = get_segmenter(True, backend="rjieba")
    for text in ("A股上涨3.5%-4%，㐀㐁疫情防控。5G网络abc123", "中文\x00测试。\x01好", "%-%", ""):
        n = len(text)
        for spans in ([(0, n)], [(0, 0), (0, n), (n, n)], [(0, n // 3), (n // 3, 2 * n // 3), (2 * n // 3, n)],
                      [(i, i + 1) for i in range(n)]):
            arr, counts, tag_of = fast.token_arrays(text, spans)
            words, tags, want = ref.segment_spans(text, spans)
            assert (arr.to_pylist(), counts.tolist(), [tag_of[w] for w in words]) == (words, want, tags), (text, spans)


def test_awkward_characters_identical_to_posseg():
    # %, -, CJK extension A / compatibility ideographs, Latin runs, digits, decimal points, spaces:
    # the places where jieba-rs's word blocks differ from posseg's.
    text = ("2020年GDP增长6.1%，COVID-19疫情；A股上涨3.5%-4%。㐀㐁疫情防控 \r\n 5G网络、iPhone和C++、"
            "AT&T公司的B超、c#语言。豈更新。γ射线與X射线\t第十三个五年规划")
    for userdict in (True, False):
        got = get_segmenter(userdict, backend="rjieba").cut_tagged(text)
        want = get_segmenter(userdict, backend="jieba").cut_tagged(text)
        assert got == want


def test_prepared_frequencies_and_total_equal_jieba(tmp_path):
    # existing words re-added (jieba does not subtract the old frequency, jieba-rs does), words
    # without frequency (jieba's suggest_freq), explicit frequencies, tags over jieba's, a Latin
    # word, forced splits of a dictionary word and of an added one
    ud = tmp_path / "ud.txt"
    ud.write_text("保卫战 v\n中国 5\n阻击战\n北极熊保护 n\n5G网络 nz\n稳岗\n城市保卫战 = 城市 + 保卫战\n"
                  "北极熊保护 = 北极熊 + 保护\n", encoding="utf-8")
    fast = build_segmenter(ud, backend="rjieba")
    ref = build_segmenter(ud, backend="jieba")
    prep = segment._Preparer(segment._rjieba_class()())
    segment.replay_dictionary(ud, prep.add_word, prep.zero_word, prep.is_word)
    tk = ref.tokenizer
    assert prep.total == tk.total
    for word, freq in prep.changed.items():
        assert tk.FREQ.get(word) == freq, word
    assert prep.pad == tk.total - prep.rj_total and prep.pad > 0  # the sentinel carries the difference
    text = "开展城市保卫战和北极熊保护，打好阻击战，5G网络覆盖中国，稳岗就业。"
    assert fast.cut_tagged(text) == ref.cut_tagged(text)
    assert fast.cut(SENTINEL + "城市") == ref.cut(SENTINEL + "城市") == [SENTINEL, "城市"]  # the sentinel never joins a word


def test_a_dictionary_jieba_rs_cannot_reproduce_falls_back_to_jieba(tmp_path):
    ud = tmp_path / "ud.txt"
    # 甴 is not a word of jieba's dictionary: a forced split of a word that starts with it would be
    # a DAG edge with score -inf in jieba-rs and no edge in jieba
    ud.write_text("甴甴岛屿 n\n甴甴岛屿 = 甴甴 + 岛屿\n", encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        seg = build_segmenter(ud, backend="rjieba")
    assert seg.backend == "jieba"
    assert any("cannot reproduce exactly" in str(w.message) for w in caught)


def test_backend_setting_and_cache_key(monkeypatch, speech):
    monkeypatch.delenv(segment.BACKEND_ENV, raising=False)
    assert segment.backend_name() == segment.DEFAULT_BACKEND == "rjieba"
    keys = {}
    for name in segment.BACKENDS:
        monkeypatch.setenv(segment.BACKEND_ENV, name)
        assert segment.backend_name() == name
        assert get_segmenter(True).backend == name
        keys[name] = table.cache_key(speech)
    assert keys["rjieba"] != keys["jieba"]  # the token cache key includes the backend
    monkeypatch.setenv(segment.BACKEND_ENV, "pkuseg")
    with pytest.raises(ZhDiscourseError, match="unknown segmenter backend"):
        segment.backend_name()


def test_versions_come_from_package_metadata_and_the_fast_backend_never_imports_jieba(speech_path):
    import subprocess
    import sys

    assert segment.jieba_version() == "0.42.1"
    assert "rjieba" in segment.segmenter_version("rjieba") and "jieba 0.42.1" in segment.segmenter_version("jieba")
    code = ("import sys; from zhdiscourse import load_speech, tokens; "
            f"t = tokens(load_speech({str(speech_path)!r}), cache=False); "
            "print(len(t), 'jieba' in sys.modules, 'scipy.stats' in sys.modules)")
    env = dict(os.environ, ZHDISCOURSE_SEGMENTER="rjieba")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert r.returncode == 0, r.stderr
    n, jieba_loaded, scipy_stats_loaded = r.stdout.split()
    assert int(n) > 5_000 and jieba_loaded == "False" and scipy_stats_loaded == "False"


def test_plain_short_posseg_is_posseg_with_jiebas_dictionary(speech_text):
    """Every fragment of 1-3 characters of the speech (and a few with Latin letters, digits and
    punctuation), segmented and tagged by the compact table, as jieba's own dictionary does it."""
    ref = get_segmenter(False, backend="jieba")
    frags = sorted({speech_text[i:i + n] for i in range(len(speech_text)) for n in (1, 2, 3)})
    frags += ["5G", "A股", "，要", "b超", "3.5", "龥龦", "㐀中", "AT&"]
    for f in frags:
        words, tags = ref.cut_tagged(f)
        assert segment.plain_short_posseg(f) == tuple(zip(words, tags)), f
    with pytest.raises(ValueError):
        segment.plain_short_posseg("四个字符")


@pytest.mark.parametrize("backend", segment.BACKENDS)
def test_head_of_a_long_text_equals_the_head_of_its_whole_segmentation(documents, backend):
    """``head_tagged`` segments a long text only up to a cut point: its first tokens are those of the
    whole text (texts without punctuation, where the rest of a clause is the rest of the text)."""
    import random
    import re

    seg = get_segmenter(True, backend=backend)
    rng = random.Random(5)
    flat = re.sub(r"[^\u4e00-\u9fff]", "", "".join(text for _name, text, _spans in documents[:8]))
    for _ in range(60 if backend == "rjieba" else 15):
        a = rng.randrange(len(flat) - 3000)
        text = flat[a:a + rng.choice([segment.HEAD_MIN + 1, 900, 3000])]
        words, tags = seg.cut_tagged(text)
        for n in (1, 3, 40):
            assert seg.head_tagged(text, n) == (words[:n], tags[:n])
