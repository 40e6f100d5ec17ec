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


def _folders():
    return sorted({rel.split("/", 1)[0] for _, rel in _manifest()})


def test_manifest_lists_the_speech_the_reference_corpus_and_the_pse_essays():
    rels = {rel for _, rel in _manifest()}
    assert "raw/speech_2020-02-23.txt" in rels
    assert "reference/government_work_reports.jsonl" in rels
    essays = {rel for rel in rels if rel.startswith("pse/essays/")}
    assert "pse/splits.json" in rels and "pse/README.md" in rels and len(essays) == 367


@pytest.mark.parametrize("folder", _folders())
def test_data_files_match_manifest(folder):
    rows = [(d, rel) for d, rel in _manifest() if rel.split("/", 1)[0] == folder]
    bad = [rel for digest, rel in rows if hashlib.sha256((DATA / rel).read_bytes()).hexdigest() != digest]
    assert not bad, f"differ from the manifest: {bad[:5]}"


def test_every_pse_file_is_in_the_manifest():
    listed = {rel for _, rel in _manifest() if rel.startswith("pse/")}
    present = {p.relative_to(DATA).as_posix() for p in (DATA / "pse").rglob("*") if p.is_file()}
    assert present == listed


def test_speech_matches_shared_original_when_available():
    shared = ROOT.parent / "shared" / "data" / "speech_2020-02-23.txt"
    if not shared.exists():
        pytest.skip("shared/ is not beside this checkout")
    assert (DATA / "raw" / "speech_2020-02-23.txt").read_bytes() == shared.read_bytes()


def test_pse_matches_shared_original_when_available():
    shared = ROOT.parent / "shared" / "data" / "pse"
    if not shared.is_dir():
        pytest.skip("shared/ is not beside this checkout")
    theirs = {p.relative_to(shared).as_posix(): p.read_bytes() for p in shared.rglob("*") if p.is_file()}
    ours = {p.relative_to(DATA / "pse").as_posix(): p.read_bytes() for p in (DATA / "pse").rglob("*") if p.is_file()}
    assert ours == theirs


def test_speech_file_facts_from_data_readme():
    raw = (DATA / "raw" / "speech_2020-02-23.txt").read_bytes()
    text = raw.decode("utf-8")
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw and not raw.endswith(b"\n")
    assert len(text) == 11057
    # the shared README says "221 lines": that is `wc -l` (221 line breaks, no final newline → 222 lines)
    assert text.count("\n") == 221 and len(text.split("\n")) == 222


def test_pse_facts_from_data_readme():
    """data/README.md: 367 essays, split 286 / 40 / 41 into training, validation and optimization."""
    import json

    splits = json.loads((DATA / "pse" / "splits.json").read_text(encoding="utf-8"))
    sizes = {name: len(ids) for name, ids in splits.items()}
    assert sizes == {"training": 286, "validation": 40, "optimization": 41}
    essays = {p.stem for p in (DATA / "pse" / "essays").glob("*.xml")}
    assert len(essays) == 367 and {str(i) for ids in splits.values() for i in ids} == essays
