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
UNREVIEWED = CHECK / "mined_terms_unreviewed.tsv"  # the miner's own list (scripts/mine_terms.py --no-review)
REVIEW = CHECK / "mined_review_2029.csv"


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
    # a jieba word would change nothing (each term looked up in the set: Series.isin of the 349k-word set
    # spent 2.3 s turning the set into a table)
    assert not any(t in known for t in df["term"])
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
    assert len(read_mined(path)) < len(read_mined(UNREVIEWED))  # fewer reports, fewer units (both unreviewed)


def _check(name):
    return pd.read_csv(CHECK / name, comment="#")


def test_the_shipped_list_is_the_miners_list_less_what_the_review_rejected():
    raw, shipped, review = _table(UNREVIEWED), _table(SHIPPED), _check("mined_review_2029.csv")
    assert list(review.columns) == ["term", "tokens", "genuine", "reason"]
    assert sorted(review["term"]) == sorted(raw["term"])  # every unit of the miner's list was reviewed
    assert review["genuine"].isin([0, 1]).all() and review["reason"].str.strip().str.len().gt(0).all()
    rejected = set(review.loc[review["genuine"] == 0, "term"])
    assert list(shipped["term"]) == [t for t in raw["term"] if t not in rejected]
    cols = [c for c in raw.columns if c != "term"]
    assert shipped.set_index("term")[cols].equals(raw.set_index("term").loc[shipped["term"], cols])
    head = "\n".join(line for line in SHIPPED.read_text(encoding="utf-8").splitlines() if line.startswith("#"))
    assert f"{len(rejected)} judged not genuine are left out, 0 units are not in the review" in head


@pytest.mark.parametrize("judge", ["c", "d"])
def test_the_check_of_the_shipped_list_is_a_blind_seeded_sample(judge):
    check = _check(f"mined_check_2030_judge_{judge}.csv")
    blind = _check("mined_check_2030_blind.csv")
    drawn = _table(SHIPPED).sample(100, random_state=2030)
    assert list(check["term"]) == list(drawn["term"]) == list(blind["term"])
    assert list(blind.columns) == ["term", "tokens"]
    assert check["genuine"].isin([0, 1]).all() and check["reason"].str.strip().str.len().gt(0).all()


def test_the_check_of_the_miners_own_list_is_a_seeded_sample_of_it():
    check = _check("mined_check_2028.csv")
    blind = _check("mined_check_2028_blind.csv")
    drawn = _table(UNREVIEWED).sample(100, random_state=2028)
    # if the list is mined again, the check must be drawn and judged again
    assert list(check["term"]) == list(drawn["term"]) == list(blind["term"])
    assert list(blind.columns) == ["term", "tokens"]  # the blind file shows no score and no verdict
    assert set(check["genuine"]) <= {0, 1}
    assert check["reason"].str.strip().str.len().gt(0).all()


@pytest.mark.parametrize("name", ["mined_check_2030_judge_c.csv", "mined_check_2030_judge_d.csv",
                                  "mined_review_2029.csv", "mined_check_2028.csv", "mined_check_2028_judge_b.csv",
                                  "mined_check_2027.csv", "mined_check_2026_first_list.csv", "dev_judgements.csv"])
def test_every_judgement_has_a_reason(name):
    df = _check(name)
    assert df["genuine"].isin([0, 1]).all() and df["reason"].notna().all()


def test_readme_states_the_checks_results():
    readme = (CHECK / "README.md").read_text(encoding="utf-8")
    got = int(_check("mined_check_2028.csv")["genuine"].sum())
    second = int(_check("mined_check_2027.csv")["genuine"].sum())
    first = int(_check("mined_check_2026_first_list.csv")["genuine"].sum())
    assert all(f"{k} of 100 genuine" in readme for k in (got, second, first))
    assert f"seed 2028, {len(read_mined(UNREVIEWED))} units): {got} of 100 genuine" in readme
    c, d = (int(_check(f"mined_check_2030_judge_{j}.csv")["genuine"].sum()) for j in "cd")
    assert f"seed 2030, {len(read_mined(SHIPPED))} units): {c} and {d} of 100 genuine" in readme
    review = _check("mined_review_2029.csv")
    assert f"{int((review['genuine'] == 0).sum())} of {len(review)} units judged not genuine" in readme
    old = _check("mined_check_2028.csv").merge(_check("mined_check_2028_judge_b.csv"), on="term", suffixes=("", "_b"))
    kept = old[old["term"].isin(set(review.loc[review["genuine"] == 1, "term"]))]
    assert (f"the review kept {len(kept)}, of which the first judge of 2028 had judged\n  {int(kept['genuine'].sum())} "
            f"genuine and the second judge all {int(kept['genuine_b'].sum())}") in readme
    assert int(kept["genuine_b"].sum()) == len(kept)
    assert "Who judged" in readme
    assert f"{len(read_mined(SHIPPED))} units" in readme
    assert "Judging rule" in readme
