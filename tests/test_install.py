"""The library works outside the checkout: built as a wheel and run from another folder, it keeps the
domain dictionary's units whole and finds the frames of the bundled templates, exactly as in the checkout.

The wheel is built with pip (``pip wheel --no-deps``) and unpacked into a temporary folder that is put
first on ``PYTHONPATH`` (a pure-Python wheel unpacked is what ``pip install`` puts in site-packages); the
script runs in another temporary folder, with no project root to be found and its own cache folder.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = r"""
import json, sys
import zhdiscourse
from zhdiscourse import load_speech, tokens
from zhdiscourse.lexicon import bundled_dir
from zhdiscourse.paths import find_project_root
from zhdiscourse.patterns import find_frames
from zhdiscourse.tokenize import key_units

speech = load_speech(sys.argv[1])
toks = set(tokens(speech)["token"])
frames = [len(f["members"]) for f in find_frames(speech) if f["name"] == "strengthen-heart"]
units = [u for u in key_units() if u in speech.body]
print(json.dumps({"module": zhdiscourse.__file__, "lexicon": str(bundled_dir()), "root": str(find_project_root()),
                  "frames": frames, "units": units, "whole": [u for u in units if u in toks]}, ensure_ascii=False))
"""


@pytest.fixture(scope="module")
def wheel_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                       capture_output=True, text=True)
    if r.returncode:
        pytest.fail(f"building the wheel failed: {r.stderr[-2000:]}")
    (whl,) = out.glob("zhdiscourse-*.whl")
    site = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(whl) as z:
        z.extractall(site)
    return site, whl


def test_the_wheel_ships_the_lexicon(wheel_site):
    _site, whl = wheel_site
    names = set(zipfile.ZipFile(whl).namelist())
    for f in ("userdict.txt", "stopwords_domain.txt", "key_units.txt", "frames.txt", "glossary.csv"):
        assert f"zhdiscourse/lexicon/{f}" in names, f


def test_tokens_and_frames_work_outside_the_checkout(wheel_site, tmp_path, speech_path):
    site, _whl = wheel_site
    work = tmp_path / "elsewhere"
    work.mkdir()
    shutil.copy(speech_path, work / "speech.txt")
    env = {k: v for k, v in os.environ.items() if k not in ("ZHD_ROOT", "ZHDISCOURSE_LEXICON_DIR")}
    env.update({"PYTHONPATH": str(site), "ZHDISCOURSE_CACHE_DIR": str(tmp_path / "cache")})
    r = subprocess.run([sys.executable, "-c", SCRIPT, "speech.txt"], cwd=work, env=env, capture_output=True,
                       text=True)
    assert r.returncode == 0, r.stderr[-2000:]
    got = json.loads(r.stdout)
    assert Path(got["module"]).is_relative_to(site)  # the unpacked wheel, not the checkout
    assert Path(got["lexicon"]).is_relative_to(site)
    assert got["root"] == "None"  # no project root: nothing depends on the checkout
    assert got["frames"] == [4]  # 必须增强…之心: 必胜, 责任, 仁爱, 谨慎
    assert len(got["units"]) >= 20 and got["whole"] == got["units"]  # the domain dictionary is in effect
    assert sorted(p.name for p in work.iterdir()) == ["speech.txt"]  # nothing written beside the input
