"""Any input a user brings: traditional characters (converted for every command, offsets kept), Japanese,
UTF-16 without a BOM, named pipes, full-width digits and zero-width spaces, a Wikisource licence notice."""

from __future__ import annotations

import os

import pytest
from opencc import OpenCC

from zhdiscourse import TextLoadError, load_speech, load_text, parse
from zhdiscourse.patterns import directive_profile
from zhdiscourse.stats import frequencies
from zhdiscourse.text.clean import clean_document
from zhdiscourse.text.load import decode_bytes
from zhdiscourse.tokenize import tokens


def _s2t_by_character(text: str) -> str:
    cc = OpenCC("s2t")
    out = []
    for c in text:
        t = cc.convert(c)
        out.append(t if len(t) == 1 else c)
    return "".join(out)


@pytest.fixture(scope="module")
def traditional(tmp_path_factory, speech_text):
    path = tmp_path_factory.mktemp("trad") / "speech_traditional.txt"
    path.write_text(_s2t_by_character(speech_text), encoding="utf-8")
    return path


def test_the_traditional_copy_is_traditional(traditional, speech_text):
    raw = traditional.read_text(encoding="utf-8")
    assert len(raw) == len(speech_text) and sum(a != b for a, b in zip(raw, speech_text)) > 1000


def test_a_traditional_speech_is_converted_with_offsets_kept(traditional, speech, speech_text):
    sp = load_speech(traditional)
    assert sp.cleaning.simplified > 1000 and sp.cleaning.trad_ratio > 0.1
    assert sp.original == traditional.read_text(encoding="utf-8")
    assert len(sp.text) == len(sp.original) and sp.text == speech_text
    assert [(s.number, s.title, s.start) for s in sp.sections] == [(s.number, s.title, s.start) for s in speech.sections]
    for s in sp.sentences[:50]:  # an offset is valid in both texts: the same span of the original
        assert len(sp.original[s.start:s.end]) == len(s.text)


def test_a_traditional_speech_gives_the_same_top_words_and_directive_counts(traditional, speech):
    sp = load_speech(traditional)
    a = frequencies(tokens(speech, cache=False), drop_stopwords=True, top=30)
    b = frequencies(tokens(sp, cache=False), drop_stopwords=True, top=30)
    assert a[["token", "count"]].values.tolist() == b[["token", "count"]].values.tolist()
    pa, pb = directive_profile(speech), directive_profile(sp)
    counts = [c for c in pa.columns if not c.endswith("_per_1k")]
    assert pa[counts].equals(pb[counts]) and pa["all"].sum() > 100


def test_without_cleaning_the_traditional_speech_falls_apart(traditional, speech):
    """The check above can fail: parsed as given, the traditional text has other top words."""
    sp = load_speech(traditional, clean=False)
    a = frequencies(tokens(speech, cache=False), drop_stopwords=True, top=30)
    b = frequencies(tokens(sp, cache=False), drop_stopwords=True, top=30)
    assert a["token"].tolist() != b["token"].tolist()


def test_fullwidth_digits_and_zero_width_spaces_are_no_tokens(tmp_path):
    text = "一、总体要求\n\u200b要完成\uff12\uff10\uff12\uff15年的目标，\u3000增长\uff15\uff05左右。\n二、任务\n要继续努力。\n"
    path = tmp_path / "fullwidth.txt"
    path.write_text(text, encoding="utf-8")
    sp = load_speech(path)
    assert len(sp.text) == len(text) and sp.original == text and sp.cleaning.replaced == 7  # 1 zero-width, 1 ideographic space, 5 digits
    toks = tokens(sp, cache=False)
    assert not toks["token"].str.contains("[\u200b\u3000\uff10-\uff19]").any()
    assert "2025" in toks["token"].tolist()
    for row in toks.itertuples():
        assert sp.text[row.start:row.end] == row.token


def test_a_wikisource_licence_notice_is_cut_from_the_body_of_a_single_text(tmp_path):
    body = "一、回顾\n\n我们取得了\n成绩\n。\n\n二、任务\n\n要继续努力。"
    notice = ("\n\n\n本作品是中华人民共和国的\n法律\n，根据《\n中华人民共和国著作权法\n》第五条，属于\n公有领域\n。"
              "\n\nPublic domain\nfalse")
    path = tmp_path / "wikisource.txt"
    path.write_text(body + notice, encoding="utf-8")
    sp = load_speech(path)
    assert sp.text[sp.body_start:sp.body_end].endswith("要继续努力。")
    assert sp.cleaning.licence_start == len(body) + 3
    assert "本作品" not in sp.sections[-1].title and sp.sections[-1].end <= len(body)
    # a link split over lines inside the Wikisource page is joined (one sentence, not three)
    assert any(s.text == "我们取得了 成绩 。" for s in sp.sentences)
    # the same text without the notice: nothing joined, nothing cut
    assert clean_document(body)[1].replaced == 0 and parse(body).body_end == len(body)


def test_japanese_is_refused_in_one_line():
    with pytest.raises(TextLoadError, match="Japanese"):
        decode_bytes("東京都では、今日から新しい制度が始まりました。詳しくはこちらをご覧ください。".encode())
    # a Chinese text that quotes a few kana is Chinese
    assert decode_bytes("我们学习了“の”的用法。这是中文文章。".encode()).text.startswith("我们")


@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_and_without_nuls_is_detected(enc, speech_text):
    text = speech_text[:3000]
    data = text.encode(enc)
    assert data[0::2].count(0) + data[1::2].count(0) < len(data) // 20  # mostly CJK: few NULs
    loaded = decode_bytes(data)
    assert loaded.text == text and loaded.encoding == "utf-16"


def test_gbk_is_still_gbk(speech_text):
    assert decode_bytes(speech_text[:3000].encode("gb18030")).encoding == "gb18030"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_without_hanging(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(TextLoadError, match="not a regular file"):
        load_text(fifo)


def test_headings_beyond_ninety_nine():
    from zhdiscourse.text.numerals import numeral

    text = "引言。\n" + "".join(f"{numeral(i)}、第{i}项\n内容。\n" for i in range(1, 121))
    sp = parse(text)
    assert len(sp.sections) == 120 and sp.sections[-1].number == "一百二十"
    assert [numeral(n) for n in (100, 101, 110, 1260)] == ["一百", "一百零一", "一百一十", "一千二百六十"]
