"""The project's raw data are byte-identical copies of the shared originals, checked by SHA-256."""

import hashlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


def _manifest():
    rows = []
    for line in (DATA / "MANIFEST.sha256").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            digest, rel = line.split(maxsplit=1)
            rows.append((digest, rel.strip()))
    return rows


def test_manifest_lists_the_speech_and_the_reference_corpus():
    rels = {rel for _, rel in _manifest()}
    assert "raw/speech_2020-02-23.txt" in rels
    assert "reference/government_work_reports.jsonl" in rels


@pytest.mark.parametrize("digest,rel", _manifest())
def test_data_file_matches_manifest(digest, rel):
    data = (DATA / rel).read_bytes()
    assert hashlib.sha256(data).hexdigest() == digest, f"{rel} differs from the manifest"


def test_speech_matches_shared_original_when_available():
    shared = ROOT.parent / "shared" / "data" / "speech_2020-02-23.txt"
    if not shared.exists():
        pytest.skip("shared/ is not beside this checkout")
    assert (DATA / "raw" / "speech_2020-02-23.txt").read_bytes() == shared.read_bytes()


def test_speech_file_facts_from_data_readme():
    raw = (DATA / "raw" / "speech_2020-02-23.txt").read_bytes()
    text = raw.decode("utf-8")
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw and not raw.endswith(b"\n")
    assert len(text) == 11057
    # the shared README says "221 lines": that is `wc -l` (221 line breaks, no final newline → 222 lines)
    assert text.count("\n") == 221 and len(text.split("\n")) == 222
