"""pytest (nbmake) settings for the notebooks: figures go to a temporary folder, never to figures/.

The notebooks' parameters cells read ZHD_OUT; nbmake's kernels inherit this process's environment.
"""

import atexit
import os
import shutil
import tempfile

if not os.environ.get("ZHD_OUT"):
    _tmp = tempfile.mkdtemp(prefix="zhd-nbmake-figures-")
    os.environ["ZHD_OUT"] = _tmp
    atexit.register(shutil.rmtree, _tmp, ignore_errors=True)
