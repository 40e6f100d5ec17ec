"""TF-IDF over our own tokens; documents by part / sub-point / sentence; jieba comparison."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from zhdiscourse.errors import ZhDiscourseError
from zhdiscourse.stats.weighting import compare_with_jieba, documents, tfidf, top_terms
from zhdiscourse.tokenize.table import content_tokens
from toy_tables import toy_tokens


def toy():
    return toy_tokens({
        "一": [["党", "防控", "，", "防控", "的", "2020", "。"], ["党", "患者"]],
        "二": [["企业", "党", "我们", "三", "。"]],
    })


def test_content_tokens_drop_stop_punct_numerals_keep_one_character_words():
    c = content_tokens(toy())
    assert c["token"].tolist() == ["党", "防控", "防控", "党", "患者", "企业", "党"]


def test_numerals_detected_without_is_num_column():
    t = toy().drop(columns="is_num")
    assert "2020" not in set(content_tokens(t)["token"]) and "三" not in set(content_tokens(t)["token"])


def test_documents_by_unit():
    t = toy()
    assert documents(t, "section")["doc"].tolist() == ["一", "二"]
    assert documents(t, "subsection")["doc"].tolist() == ["一.1", "一.2", "二.1"]
    assert documents(t, "sentence")["doc"].tolist() == ["0", "1", "2"]
    d = documents(t, "section")
    assert d.loc[0, "tokens"] == ["党", "防控", "防控", "党", "患者"] and d.loc[0, "n_tokens"] == 5
    with pytest.raises(ZhDiscourseError):
        documents(t, "chapter")
    with pytest.raises(ZhDiscourseError):
        documents(t.assign(section=None), "section")


def test_tfidf_scores_match_sklearn_formula_by_hand():
    res = tfidf(toy(), "section")
    m = res.to_frame()
    # n = 2 documents. idf(t) = ln((1+n)/(1+df)) + 1: 党 (df 2) → 1; 防控 (df 1) → ln(3/2) + 1
    idf_common, idf_rare = 1.0, math.log(1.5) + 1
    # doc 一 raw counts: 党 2, 防控 2, 患者 1 → weights 2, 2·idf_rare, 1·idf_rare, then L2-normalised
    v = [2 * idf_common, 2 * idf_rare, idf_rare]
    norm = math.sqrt(sum(x * x for x in v))
    assert m.loc["一", "党"] == pytest.approx(v[0] / norm)
    assert m.loc["一", "防控"] == pytest.approx(v[1] / norm)
    assert m.loc["一", "企业"] == 0
    # the callable analyzer keeps one-character words that sklearn's token_pattern would drop
    assert "党" in res.terms


def test_top_terms_are_sorted_and_deterministic():
    a = top_terms(toy(), "section", top=2)
    b = top_terms(toy(), "section", top=2)
    pd.testing.assert_frame_equal(a, b)
    one = a[a["doc"] == "一"]
    assert one["term"].tolist() == ["防控", "党"] and one["rank"].tolist() == [1, 2]
    assert one["count"].tolist() == [2, 2] and one["df"].tolist() == [1, 2]
    with pytest.raises(ZhDiscourseError):
        top_terms(toy(), top=0)


@pytest.fixture(scope="module")
def speech_tokens(speech):
    from zhdiscourse.tokenize.table import tokens

    return tokens(speech)


def test_speech_documents_match_structure_units(speech, speech_tokens):
    for by, n in (("section", 4), ("subsection", 25)):
        d = documents(speech_tokens, by, speech=speech)
        assert len(d) == n
        units = speech.units(by)
        assert list(zip(d["doc"], d["start"], d["end"])) == [(l, s, e) for l, s, e in units]
    sents = documents(speech_tokens, "sentence", speech=speech)
    headings = {s.index for s in speech.sentences if s.is_heading}
    assert not headings & set(sents["doc"].astype(int))
    # a sentence is a document when it has content words (同志们！ alone is only a stopword)
    c = content_tokens(speech_tokens)
    with_content = set(c["sentence"]) - headings
    assert set(sents["doc"].astype(int)) == with_content
    assert len(with_content) >= len(speech.sentences) - len(headings) - 2


def test_speech_top_terms_have_no_stopwords_punct_or_numerals(speech, speech_tokens):
    top = top_terms(speech_tokens, "subsection", top=10, speech=speech)
    flagged = set(speech_tokens.loc[speech_tokens["is_stop"] | speech_tokens["is_punct"] | speech_tokens["is_num"],
                                    "token"])
    assert not flagged & set(top["term"])
    assert top["doc"].nunique() == 25


def test_compare_with_jieba_side_by_side(speech, speech_tokens):
    cmp = compare_with_jieba(speech_tokens, speech, by="section", top=8)
    assert list(dict.fromkeys(cmp["doc"])) == ["一", "二", "三", "四"]
    assert set(cmp.columns) >= {"tfidf_term", "tfidf", "jieba_term", "jieba_weight"}
    jt = cmp["jieba_term"].dropna()
    assert len(jt) == 32
    assert (jt.str.len() >= 2).all()  # extract_tags drops one-character words
    # jieba re-segments with its own dictionary: 复工复产 comes out as 复工 and 复产 in part 三
    three = set(cmp.loc[cmp["doc"] == "三", "jieba_term"])
    assert {"复工", "复产"} <= three


def test_frequency_agreement_by_hand():
    from toy_tables import toy_tokens
    from zhdiscourse.stats.weighting import frequency_agreement, tfidf

    # three parts; 甲 is in all three (idf = ln(4/4) + 1 = 1), 乙 only in part 一 (idf = ln(4/2) + 1 = 1.693)
    tok = toy_tokens({"一": [["甲", "甲", "甲", "乙", "乙"]], "二": [["甲", "丙"]], "三": [["甲", "丁"]]})
    fa = frequency_agreement(tfidf(tok, "section"), top=1).set_index("doc")
    # in part 一: counts 3 (甲) > 2 (乙) but weights 3 < 2 × 1.693 = 3.39: the order flips
    assert fa.loc["一", "spearman"] == pytest.approx(-1.0)
    assert fa.loc["一", "top_overlap"] == 0 and fa.loc["一", "idf_levels"] == 2 and fa.loc["一", "terms"] == 2
    # in part 二 both terms occur once: no order to compare
    assert np.isnan(fa.loc["二", "spearman"])


def test_speech_part_tfidf_is_close_to_raw_frequency(speech, speech_tokens):
    from zhdiscourse.stats.weighting import frequency_agreement, tfidf

    fa = frequency_agreement(tfidf(speech_tokens, "section", speech=speech)).set_index("doc")
    assert (fa["idf_levels"] == 4).all()
    assert fa["spearman"].min() > 0.75 and fa["top_overlap"].min() >= 6
    assert [round(v, 2) for v in fa["spearman"]] == [0.82, 0.76, 0.86, 0.79]


_TAGS_SCRIPT = r"""
import json, os, sys
from zhdiscourse import load_speech, paths
from zhdiscourse.stats import weighting as w

def jieba_set_up():
    return "jieba" in sys.modules and w.jieba_module().dt.initialized

def tags():
    return {"cached": w.jieba_tags(text, top=8).to_dict("list"),
            "again": w.jieba_tags(text[:2000], top=5).to_dict("list")}

text = load_speech(paths.default_text()).text[:4000]
files = lambda: sorted(os.listdir(os.path.join(os.environ["ZHDISCOURSE_CACHE_DIR"], "jieba-tags")))
before = jieba_set_up()
read, write = os.pipe()
pid = os.fork()
if pid == 0:  # the cold run: jieba set up by the first text, both written to the cache
    os.close(read)
    cold = tags()
    cold["files"] = files()
    cold["plain"] = w.jieba_tags(text, top=8, cache=False).to_dict("list")
    cold["untouched_key"] = w._jieba_tags_key(text, 8) is not None
    w.jieba_module().add_word("统筹推进疫情防控", 10_000)  # jieba's dictionary changed: nothing is cached
    cold["touched_key"] = w._jieba_tags_key(text, 8)
    cold["initialized"] = jieba_set_up()
    os.write(write, json.dumps(cold, ensure_ascii=False).encode("utf-8"))
    os._exit(0)
os.close(write)
data = b""
while chunk := os.read(read, 1 << 16):
    data += chunk
_, status = os.waitpid(pid, 0)
cold = json.loads(data)
warm = tags()  # this process never set jieba up: read from the disk cache
warm["files"] = files()
warm["set_up"] = [before, jieba_set_up()]
w.jieba_module().add_word("统筹推进疫情防控", 10_000)  # jieba set up by someone else: nothing is cached
warm["touched_key"] = w._jieba_tags_key(text, 8)
warm["initialized"] = jieba_set_up()
print(json.dumps({"cold": cold, "warm": warm, "status": status}, ensure_ascii=False))
"""


def test_jieba_tags_cache_gives_jiebas_tags(tmp_path):
    """In a fresh process, ``jieba_tags`` is read from the disk cache without setting jieba up, and the
    tags are those jieba computes; once jieba's dictionary is changed, or jieba was set up by someone else,
    nothing is cached. One interpreter: a forked child runs cold (sets jieba up, writes the cache, then
    changes jieba's dictionary), and the parent, which has not set jieba up, reads what it wrote, then has
    jieba set up by ``add_word``."""
    import json
    import os
    import subprocess
    import sys

    env = {**os.environ, "ZHDISCOURSE_CACHE_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", _TAGS_SCRIPT], env=env, capture_output=True, text=True, check=True)
    r = json.loads(done.stdout.strip().splitlines()[-1])
    cold, warm = r["cold"], r["warm"]
    assert r["status"] == 0
    assert len(cold["files"]) == 2 and all(f.startswith("tags-") and f.endswith(".pkl") for f in cold["files"])
    assert cold["cached"] == cold["plain"] and cold["plain"]["term"]  # computed by jieba
    assert warm["cached"] == cold["cached"] and warm["again"] == cold["again"]  # read back, in another process
    assert warm["files"] == cold["files"]  # nothing written again
    assert warm["set_up"] == [False, False]  # jieba never set up in the reading process
    assert cold["untouched_key"] and cold["touched_key"] is None and cold["initialized"]
    assert warm["touched_key"] is None and warm["initialized"]
