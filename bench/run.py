"""`make bench`: run every benchmark under bench/ in turn; exit non-zero when any of them failed.

Speed and memory targets live here, not in the test suite. Each script prints its own table and
its target checks; see bench/README.md for the recorded figures.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = sorted(p for p in HERE.glob("bench_*.py"))


def main() -> int:
    status = 0
    for script in BENCHES:
        print(f"== {script.name}", flush=True)
        rc = subprocess.call([sys.executable, str(script)])
        if rc:
            print(f"{script.name} exited with {rc}", file=sys.stderr)
            status = rc
    return status


if __name__ == "__main__":
    sys.exit(main())
