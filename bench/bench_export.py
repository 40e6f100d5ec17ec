"""Export of a 1 MB token table: ``zhdiscourse tokens FILE --json`` and ``--csv`` (warm token cache).

The text is 1 MB of distinct prose (the Government Work Reports, newest first, as in bench_report.py).
The token table is built once beforehand (cold, reported separately), so the timings below are the
export itself: the CLI loading the text, reading the cached table and writing JSON or CSV to a file.
Target: each export ≤ 5 s on this machine ("seconds, not half a minute").
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "src"))

from bench_report import build_text  # noqa: E402


def _run(args: list[str], out: Path, env: dict) -> float:
    t0 = time.perf_counter()
    with open(out, "wb") as fh:
        subprocess.run([sys.executable, "-m", "zhdiscourse", *args], stdout=fh, check=True, env=env)
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--target", type=float, default=5.0, help="seconds per export")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="zhd-bench-export-") as tmp:
        tmp = Path(tmp)
        src = tmp / "text.txt"
        src.write_text(build_text(args.mb), encoding="utf-8")
        env = dict(os.environ, ZHDISCOURSE_CACHE_DIR=str(tmp / "cache"))
        cold = _run(["tokens", str(src), "--csv"], tmp / "warmup.csv", env)
        rows = sum(1 for _ in open(tmp / "warmup.csv", encoding="utf-8")) - 1
        print(f"text: {src.stat().st_size / 1e6:.2f} MB, {rows:,} tokens; first run (segmentation + CSV): {cold:.1f} s")
        ok = True
        for fmt in ("--json", "--csv"):
            secs = min(_run(["tokens", str(src), fmt], tmp / f"out{fmt}", env) for _ in range(2))
            size = (tmp / f"out{fmt}").stat().st_size / 1e6
            verdict = "ok" if secs <= args.target else "SLOW"
            ok &= secs <= args.target
            print(f"tokens {fmt:<7} {secs:5.1f} s  ({size:.0f} MB written)   target ≤ {args.target:.0f} s: {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
