"""The mined-terms layer as shipped (src/zhdiscourse/lexicon/mined_terms.tsv) and its hand checks (data/lexicon_check/)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from zhdiscourse.lexicon import FILES, MINED_TERMS, bundled_dir
from zhdiscourse.tokenize.dictionary import jieba_words, read_mined
from zhdiscourse.tokenize.terms import DEFAULT_SETTINGS

ROOT = Path(__file__).resolve().parents[2]
CHECK = ROOT / "data" / "lexicon_check"
SHIPPED = bundled_dir() / MINED_TERMS


def _table(path):
    return pd.read_csv(path, sep="\t", comment="#")


def test_the_layer_is_bundled_and_readable():
    assert MINED_TERMS in FILES and SHIPPED.is_file()
    entries = read_mined(SHIPPED)
    assert len(entries) >= 300
    words = [e.word for e in entries]
    assert len(words) == len(set(words))
    assert all(e.freq >= 1 and e.tag for e in entries)


def test_the_file_records_how_it_was_made():
    head = [line for line in SHIPPED.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    text = "\n".join(head)
    assert "scripts/mine_terms.py" in text and "jieba 0.42.1" in text
    assert "Settings: " + ", ".join(f"{k}={v}" for k, v in DEFAULT_SETTINGS.as_dict().items()) in text
    assert re.search(r"# (\d+) units", text).group(1) == str(len(read_mined(SHIPPED)))


def test_units_are_new_words_that_pass_the_thresholds():
    df = _table(SHIPPED)
    known = jieba_words()
    assert not df["term"].isin(known).any()  # a jieba word would change nothing
    s = DEFAULT_SETTINGS
    assert (df["count"] >= s.min_count).all() and (df["docs"] >= s.min_docs).all()
    assert (df["pmi"] >= s.min_pmi - 5e-4).all()
    assert (df[["left_entropy", "right_entropy"]].min(axis=1) >= s.min_entropy - 5e-4).all()
    assert (df["frame_share"] < s.max_frame_share + 5e-4).all()
    assert not (df["argument_share"] < s.min_argument_share - 5e-4).any()  # NaN: no neighbour seen
    assert (df["first_verbality"] < s.max_first_verbality + 5e-4).all()
    assert (df["cut_places"] < s.max_cut_share * df["count"]).all()
    assert (df["tokens"].str.replace(" ", "") == df["term"]).all()
    assert (df["term"].str.len() <= s.max_chars).all()


def test_held_out_lexicon_left_the_recent_reports_out():
    path = CHECK / "mined_terms_to2018.tsv"
    head = path.read_text(encoding="utf-8").splitlines()[:4]
    assert any("--hold-out 2019-2025" in h for h in head)
    assert any("without 2019-2025" in h for h in head)
    assert len(read_mined(path)) < len(read_mined(SHIPPED))


def _check(name):
    return pd.read_csv(CHECK / name, comment="#")


def test_the_hand_check_is_a_seeded_sample_of_the_shipped_list():
    check = _check("mined_check_2028.csv")
    blind = _check("mined_check_2028_blind.csv")
    drawn = _table(SHIPPED).sample(100, random_state=2028)
    # if the list is mined again, the check must be drawn and judged again
    assert list(check["term"]) == list(drawn["term"]) == list(blind["term"])
    assert list(blind.columns) == ["term", "tokens"]  # the blind file shows no score and no verdict
    assert set(check["genuine"]) <= {0, 1}
    assert check["reason"].str.strip().str.len().gt(0).all()


@pytest.mark.parametrize("name", ["mined_check_2028.csv", "mined_check_2027.csv", "mined_check_2026_first_list.csv",
                                  "dev_judgements.csv"])
def test_every_judgement_has_a_reason(name):
    df = _check(name)
    assert df["genuine"].isin([0, 1]).all() and df["reason"].notna().all()


def test_readme_states_the_checks_results():
    readme = (CHECK / "README.md").read_text(encoding="utf-8")
    got = int(_check("mined_check_2028.csv")["genuine"].sum())
    second = int(_check("mined_check_2027.csv")["genuine"].sum())
    first = int(_check("mined_check_2026_first_list.csv")["genuine"].sum())
    assert all(f"{k} of 100 genuine" in readme for k in (got, second, first))
    assert f"seed 2028, {len(read_mined(SHIPPED))} units): {got} of 100 genuine" in readme
    assert "Who judged" in readme
    assert f"{len(read_mined(SHIPPED))} units" in readme
    assert "Judging rule" in readme
