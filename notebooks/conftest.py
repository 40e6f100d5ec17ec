"""pytest (nbmake) settings for the notebooks: figures go to a temporary folder, never to figures/.

The notebooks' parameters cells read ZHD_OUT; nbmake's kernels inherit this process's environment.

The key numbers the notebooks record (``zhdiscourse.study.findings``) land in that folder's
``findings.json``. When the run ends, every number recorded there is compared with the committed
``figures/findings.json``, which the README and ``docs/`` cite (``tests/study/test_findings_doc.py``):
a number that the notebooks now compute differently, or a record missing from the committed file,
fails the run — re-run ``make reproduce`` and update the prose.
"""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

if not os.environ.get("ZHD_OUT"):
    _tmp = tempfile.mkdtemp(prefix="zhd-nbmake-figures-")
    os.environ["ZHD_OUT"] = _tmp
    atexit.register(shutil.rmtree, _tmp, ignore_errors=True)

ROOT = Path(__file__).resolve().parents[1]


def stale_findings(new: dict, committed: dict) -> list[str]:
    """Records computed now that the committed file lacks or states differently."""
    problems = []
    for name, rec in sorted(new.items()):
        old = committed.get(name)
        if old is None:
            problems.append(f"{name}: computed {rec['text']!r}, not in figures/findings.json")
        elif old["text"] != rec["text"]:
            problems.append(f"{name}: computed {rec['text']!r}, figures/findings.json says {old['text']!r}")
    return problems


def pytest_sessionfinish(session, exitstatus):
    if os.environ.get("PYTEST_XDIST_WORKER"):  # only the controlling process compares
        return
    text = os.environ.get("ZHD_TEXT")
    if text and Path(text).resolve() != (ROOT / "data" / "raw" / "speech_2020-02-23.txt").resolve():
        return  # notebooks run on another text: nothing to compare with the study's numbers
    from zhdiscourse.study import findings

    new = findings.read(os.environ["ZHD_OUT"])
    if not new:
        return  # no notebook ran
    problems = stale_findings(new, findings.read(ROOT / "figures"))
    if problems:
        rep = session.config.pluginmanager.get_plugin("terminalreporter")
        lines = ["figures/findings.json is stale (run `make reproduce`, then check the README and docs/):",
                 *problems]
        if rep is not None:
            rep.write_sep("=", "stale findings", red=True)
            for ln in lines:
                rep.write_line(ln)
        else:  # pragma: no cover
            print("\n".join(lines))
        session.exitstatus = 1
