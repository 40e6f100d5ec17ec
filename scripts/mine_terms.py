"""Mine multi-word units from the reference corpora: the second dictionary layer ``mined_terms.tsv``.

Reads the Government Work Reports (``--reports``, default ``data/reference/government_work_reports.jsonl``,
the 52 records of kind ``report``) and the CPC congress reports (``--congress``, default
``data/reference/cpc_congress_reports_1-18.jsonl``, all 13 records), segments them with jieba's own
dictionary (HMM off; the cached corpus token tables), counts every sequence of two to four adjacent
tokens inside a run of Han tokens, scores it (frequency, documents, PMI of the weakest joint, left and
right branching entropy), applies the structural rules and the thresholds of
:mod:`zhdiscourse.tokenize.terms` and writes the units with their scores and their frequency on jieba's
scale (``--out``, default ``src/zhdiscourse/lexicon/mined_terms.tsv``). The output depends only on the
input files, the settings and the jieba version: the same inputs give the same bytes.

Held-out evaluation: ``--hold-out 2019-2025`` leaves the reports of those years out of the mining (the
congress reports, 1921–2012, all stay in), so that the units can be measured on reports the miner
never saw (notebook 02; ``data/lexicon_check/mined_terms_to2018.tsv`` is made this way).

Thresholds. The first list (count >= 3, documents >= 2, PMI >= 7, entropy >= 0.5, chosen on a stratified
development sample of 320 candidates judged before any threshold was set, ``data/lexicon_check/dev_judgements.csv``)
was 73 % genuine in its random check (``mined_check_2027.csv``). Its errors were free syntax (verb + object,
modal + verb, subject + predicate), fragments of longer frames and ad-hoc combinations; the second list adds
the measures that address them (:mod:`zhdiscourse.tokenize.terms`: the frame share, the argument share, the
verbality of the first token, the modal and formal verbs, the cuts of jieba's words) and raises the entropy
to 1.0 (at least three different neighbours on each side for a unit seen three times). ``--grid`` scores every
combination of PMI 6.5/7/7.5, entropy 0.5/0.8/1.0, frame share < 0.6/0.8/none, argument share >= 0/0.1/0.2
and first-token verbality < 0.15/0.25/none on the units judged before (the two checks of earlier lists,
random samples of mined lists; the development sample is listed for its size). The best settings keep
about 89 % of the judged units genuine (70–84 of them: a 95 % interval of roughly ±7 points), none 90 %
with more than 70; the statistics measure how fixed a sequence is, and political prose fixes many free
phrases. The defaults (PMI >= 7, entropy >= 1.0, frame share < 0.8, argument share >= 0.1, first-token
verbality < 0.15; 88 % of 93 judged units) are within a point of the best; the stricter frame share 0.6
would exclude any unit seen three times with one neighbour repeated, which costs a tenth of the units for
that point, and would drop units the issue asked for (战斗堡垒, always before 作用). Units that cut
jieba's words (``cut_places``) are dropped last (:func:`zhdiscourse.tokenize.terms.drop_cutting_units`).
The list is then checked on a new random sample (``data/lexicon_check/mined_check_2028.csv``), judged
blind.

Run: ``.venv/bin/python scripts/mine_terms.py [--hold-out YEARS] [--out FILE] [--jobs 2]`` (about two
minutes on two cores when the token tables are not cached yet).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import pandas as pd  # noqa: E402

from zhdiscourse.errors import ZhDiscourseError  # noqa: E402
from zhdiscourse.stats.reference import load_congress_reports  # noqa: E402
from zhdiscourse.text.corpus import Corpus, load_jsonl  # noqa: E402
from zhdiscourse.tokenize.segment import jieba_version  # noqa: E402
from zhdiscourse.tokenize.terms import (DEFAULT_SETTINGS, MiningSettings, apply_rules, corpus_runs,  # noqa: E402
                                        apply_review, dictionary_rows, drop_cutting_units,
                                        select_terms, term_candidates)

DEFAULT_REPORTS = ROOT / "data" / "reference" / "government_work_reports.jsonl"
DEFAULT_CONGRESS = ROOT / "data" / "reference" / "cpc_congress_reports_1-18.jsonl"
DEFAULT_OUT = ROOT / "src" / "zhdiscourse" / "lexicon" / "mined_terms.tsv"
CHECK_DIR = ROOT / "data" / "lexicon_check"
DEV_JUDGEMENTS = CHECK_DIR / "dev_judgements.csv"
#: The checks of earlier mined lists (random samples of 100 units each), judged before the current thresholds.
EARLIER_CHECKS = ("mined_check_2026_first_list.csv", "mined_check_2027.csv")
#: The hand review of the selected units: those judged not genuine are dropped (``--no-review`` keeps them).
DEFAULT_REVIEW = CHECK_DIR / "mined_review_2029.csv"


def parse_years(spec: str | None) -> set[int]:
    """``"2019-2025"`` or ``"2019,2021"`` (ranges and single years, comma-separated) → a set of years."""
    years: set[int] = set()
    if not spec:
        return years
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        a, _, b = part.partition("-")
        try:
            lo, hi = int(a), int(b or a)
        except ValueError:
            raise ZhDiscourseError(f"not a year or a range of years: {part!r}") from None
        if lo > hi:
            raise ZhDiscourseError(f"empty range of years: {part!r}")
        years.update(range(lo, hi + 1))
    return years


def mining_corpus(reports: Path, congress: Path | None, hold_out: set[int]) -> Corpus:
    """The reports (kind ``report``) not held out, and the congress reports."""
    docs = [d for d in load_jsonl(reports).reports() if d.year not in hold_out]
    if congress is not None:
        docs += list(load_congress_reports(congress))
    if not docs:
        raise ZhDiscourseError("no document left to mine")
    return Corpus(docs, str(reports))


def header(args, settings: MiningSettings, corpus: Corpus, cands: pd.DataFrame, n_out: int,
           review: dict[str, int] | None = None) -> list[str]:
    years = sorted(d.year for d in corpus if d.kind == "report")
    congress = [d.id for d in corpus if d.kind != "report"]
    rel = lambda p: Path(p).resolve().relative_to(ROOT) if Path(p).resolve().is_relative_to(ROOT) else p  # noqa: E731
    cmd = ("scripts/mine_terms.py" + (f" --hold-out {args.hold_out}" if args.hold_out else "")
           + (" --no-review" if review is None else ""))
    reviewed = [] if review is None else [
        f"# Review: {rel(args.review)} judged the selected units by hand; {review['dropped']} judged not genuine are "
        f"left out, {review['unreviewed']} units are not in the review."]
    return [
        "# zhdiscourse mined terms: the second dictionary layer, under the hand-written userdict.txt.",
        f"# Made by: {cmd} (jieba {jieba_version()}, HMM off). Do not edit by hand: re-run the script.",
        f"# Corpus: {len(years)} Government Work Reports from {rel(args.reports)} (years {years[0]}-{years[-1]}"
        + (f", without {args.hold_out}" if args.hold_out else "") + f"), {len(congress)} CPC congress reports from "
        f"{rel(args.congress) if args.congress else '-'}; {cands.attrs['n_tokens']} tokens in runs of Han tokens.",
        "# Settings: " + ", ".join(f"{k}={v}" for k, v in settings.as_dict().items()),
        *reviewed,
        f"# {n_out} units (see zhdiscourse.tokenize.terms for the measures and rules; data/lexicon_check/ for the",
        "# hand checks). Columns: term, freq (jieba's scale: count / tokens x jieba's total, at least jieba's",
        "# suggested frequency), tag (the last token's), tokens (jieba's segmentation), count, docs, pmi,",
        "# left_entropy, right_entropy, frame_share, argument_share, first_verbality, cut_places.",
    ]


def write_tsv(path: Path, lines: list[str], rows: pd.DataFrame) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    body = rows.to_csv(sep="\t", index=False, lineterminator="\n", float_format="%.3f")
    path.write_text("\n".join(lines) + "\n" + body, encoding="utf-8")


def judged_units() -> pd.DataFrame:
    """Every unit judged before the current thresholds were set: the development sample and the checks of
    the earlier lists (``term``, ``genuine``, ``source``)."""
    parts = []
    for name, source in ((DEV_JUDGEMENTS, "dev"), *((CHECK_DIR / f, f.split(".")[0]) for f in EARLIER_CHECKS)):
        df = pd.read_csv(name, comment="#")[["term", "genuine"]]
        parts.append(df.assign(source=source))
    return pd.concat(parts, ignore_index=True).drop_duplicates("term")


def grid(cands: pd.DataFrame, judged: pd.DataFrame) -> pd.DataFrame:
    """Precision of the judged units that each setting of the grid keeps (module docstring): ``kept`` and
    ``precision`` over the units of the checks of the earlier lists (random samples of mined lists, so the
    precision a list drawn by that setting would have), ``dev_kept`` over the development sample."""
    d = cands.merge(judged, on="term", how="inner")
    d.attrs = dict(cands.attrs)
    checks = d["source"] != "dev"
    rows = []
    for h in (0.5, 0.8, 1.0):
        for fr in (0.6, 0.8, 1.01):
            for arg in (0.0, 0.1, 0.2):
                for fv in (0.15, 0.25, 1.01):
                    for p in (6.5, 7.0, 7.5):
                        s = DEFAULT_SETTINGS.with_(min_entropy=h, max_frame_share=fr, min_argument_share=arg,
                                                   max_first_verbality=fv, min_pmi=p)
                        m = d["term"].isin(set(select_terms(d, s)["term"]))
                        rows.append((p, h, fr, arg, fv, int((m & checks).sum()),
                                     float(d.loc[m & checks, "genuine"].mean()) if (m & checks).any() else float("nan"),
                                     int((m & ~checks).sum())))
    out = pd.DataFrame(rows, columns=["min_pmi", "min_entropy", "max_frame_share", "min_argument_share",
                                      "max_first_verbality", "kept", "precision", "dev_kept"])
    return out.sort_values(["precision", "kept"], ascending=False, kind="stable").reset_index(drop=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", type=Path, default=DEFAULT_REPORTS)
    ap.add_argument("--congress", type=Path, default=DEFAULT_CONGRESS,
                    help="the congress reports (a path; 'none' to leave them out)")
    ap.add_argument("--hold-out", default=None, metavar="YEARS",
                    help="leave the reports of these years out (e.g. 2019-2025)")
    ap.add_argument("--out", type=Path, default=None, help=f"output file (default {DEFAULT_OUT.relative_to(ROOT)})")
    ap.add_argument("--candidates", type=Path, default=None, help="also write every candidate with its scores")
    ap.add_argument("--min-count", type=int, default=DEFAULT_SETTINGS.min_count)
    ap.add_argument("--min-docs", type=int, default=DEFAULT_SETTINGS.min_docs)
    ap.add_argument("--min-pmi", type=float, default=DEFAULT_SETTINGS.min_pmi)
    ap.add_argument("--min-entropy", type=float, default=DEFAULT_SETTINGS.min_entropy)
    ap.add_argument("--review", type=Path, default=DEFAULT_REVIEW,
                    help=f"hand review: units judged 0 are left out (default {DEFAULT_REVIEW.relative_to(ROOT)})")
    ap.add_argument("--no-review", dest="review", action="store_const", const=None,
                    help="keep every selected unit (the miner's own list)")
    ap.add_argument("--grid", action="store_true", help="print the threshold grid scored on the judged sample")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    if str(args.congress).lower() == "none":
        args.congress = None
    try:
        settings = DEFAULT_SETTINGS.with_(min_count=args.min_count, min_docs=args.min_docs, min_pmi=args.min_pmi,
                                          min_entropy=args.min_entropy)
        corpus = mining_corpus(args.reports, args.congress, parse_years(args.hold_out))
        runs = corpus_runs(corpus, jobs=args.jobs)
        cands = term_candidates(runs, max_tokens=settings.max_tokens, max_chars=settings.max_chars)
        if args.candidates:
            write_tsv(args.candidates, [f"# every candidate of {len(corpus)} documents"], cands.round(3))
        if args.grid:
            judged = judged_units()
            with pd.option_context("display.width", 200, "display.max_rows", 40):
                print(grid(cands, judged).head(30).to_string())
        terms = select_terms(cands, settings)
        rows = drop_cutting_units(dictionary_rows(terms), runs, settings.max_cut_share)
        review = None
        if args.review is not None:
            if not args.review.is_file():
                raise ZhDiscourseError(f"{args.review}: no such review file")
            rows, review = apply_review(rows, pd.read_csv(args.review, comment="#"))
        out = args.out or DEFAULT_OUT
        write_tsv(out, header(args, settings, corpus, cands, len(rows), review), rows)
        print(f"{len(rows)} units from {len(cands)} candidates ({cands.attrs['n_tokens']} tokens) -> {out}",
              file=sys.stderr)
    except ZhDiscourseError as exc:
        print(f"mine_terms: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
