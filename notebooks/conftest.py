"""Notebooks executed by a test runner (for example `pytest --nbmake notebooks/`) write their figures into a
temporary folder, never into figures/: the notebooks' parameters cells read ZHD_OUT, and the kernels
inherit this process's environment. (`make test` runs the notebooks once per session instead:
tests/study/test_notebooks_run.py.)"""

import atexit
import os
import shutil
import tempfile

if not os.environ.get("ZHD_OUT"):
    _tmp = tempfile.mkdtemp(prefix="zhd-nbmake-figures-")
    os.environ["ZHD_OUT"] = _tmp
    atexit.register(shutil.rmtree, _tmp, ignore_errors=True)
