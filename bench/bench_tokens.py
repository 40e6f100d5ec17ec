"""Benchmark: the token table vs bare ``jieba.posseg`` on the same ~1 MB text, in one run.

The speech is concatenated with itself (copies joined by a line break) until the text reaches
``--mb`` megabytes of UTF-8 (default 1) and parsed once as one text. Then, alternately and
``--repeat`` times each, with the same jieba tokenizer (domain user dictionary, HMM setting of
``zhdiscourse.tokenize.segment``) warmed up beforehand:

* **bare**: ``list(POSTokenizer.cut(text, HMM=HMM))`` over the whole text, the token and tag pairs
  only;
* **table**: ``zhdiscourse.tokenize.table.tokens(speech, cache=False)``: segmentation sentence by
  sentence plus offsets, sentence / clause / part / sub-point columns and the stopword, punctuation
  and numeral flags, as a DataFrame. The cache is disabled, so this is the full build.

For information it also times the table's own segmentation calls (``posseg`` sentence by sentence,
no DataFrame), which isolates the cost of offsets, look-ups and flags.

The ratio of the best (minimum) times is printed; the target is at most 1.3 (exit status 1 above it). Parsing the structure
is the input of both and is timed separately, outside the ratio.

Run: ``.venv/bin/python bench/bench_tokens.py [--text PATH] [--mb 1] [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from zhdiscourse.text.load import load_text  # noqa: E402
from zhdiscourse.tokenize.segment import HMM, get_segmenter, jieba_version, segment_spans  # noqa: E402
from zhdiscourse.text.structure import parse  # noqa: E402
from zhdiscourse.tokenize.table import tokens  # noqa: E402

TARGET = 1.3


def build_text(base: str, mb: float) -> str:
    target = int(mb * 1_000_000)
    per = len(base.encode("utf-8")) + 1
    copies = max(1, -(-target // per))
    return "\n".join([base] * copies)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--text", default=str(ROOT / "data" / "raw" / "speech_2020-02-23.txt"))
    ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)

    text = build_text(load_text(args.text), args.mb)
    t0 = time.perf_counter()
    speech = parse(text)
    t_parse = time.perf_counter() - t0

    seg = get_segmenter(True)
    pt = seg.pos_tokenizer
    list(pt.cut(text[:2000], HMM=HMM))  # warm up (dictionary loaded, user tags merged)
    tokens(speech.text[:2000], cache=False)

    spans = [(x.start, x.end) for x in speech.sentences]
    bare, table, per_sent = [], [], []
    n_bare = n_table = 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        pairs = list(pt.cut(text, HMM=HMM))
        bare.append(time.perf_counter() - t0)
        n_bare = len(pairs)
        del pairs
        t0 = time.perf_counter()
        words, _tags, _counts = segment_spans(text, spans)
        per_sent.append(time.perf_counter() - t0)
        del words, _tags, _counts
        t0 = time.perf_counter()
        df = tokens(speech, cache=False)
        table.append(time.perf_counter() - t0)
        n_table = len(df)
        del df

    ratio = min(table) / min(bare)
    print(f"text: {len(text.encode('utf-8')) / 1e6:.2f} MB UTF-8, {len(text):,} characters, "
          f"{len(speech.sentences):,} sentences (parsed in {t_parse:.2f} s, not in the ratio)")
    print(f"jieba {jieba_version()}, HMM={HMM}, repeat={args.repeat} (best of each)")
    print(f"bare jieba.posseg : {min(bare):7.3f} s  ({n_bare:,} tokens)  runs: "
          + ", ".join(f"{x:.3f}" for x in bare))
    print(f"posseg by sentence: {min(per_sent):7.3f} s  (the table's segmentation calls alone)  runs: "
          + ", ".join(f"{x:.3f}" for x in per_sent))
    print(f"token table       : {min(table):7.3f} s  ({n_table:,} tokens)  runs: "
          + ", ".join(f"{x:.3f}" for x in table))
    print(f"table overhead over its own posseg calls: {min(table) / min(per_sent):.3f}x")
    print(f"ratio table/bare  : {ratio:.3f}  (target <= {TARGET}) {'OK' if ratio <= TARGET else 'OVER TARGET'}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
