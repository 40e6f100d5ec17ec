"""A corpus of Chinese documents: a JSONL file (one JSON object a line) or a folder of ``.txt`` files.

Each document keeps two strings of **the same length**:

``original``
    The source text as given (the JSONL ``content`` field, or the decoded file), with a trailing
    Wikisource licence notice cut off. Because only a tail is cut, ``original`` is a prefix of the
    source text: ``source_text[:len(original)] == original``. **Every offset in the project that
    comes from a corpus document points into ``original``** (and equally into ``text``).

``text``
    The analysis text, made from ``original`` by one-character-for-one-character replacements
    only, so ``len(text) == len(original)`` and an offset is valid in both:

    * ideographic spaces (U+3000, used for paragraph indentation), no-break and zero-width spaces
      (U+00A0, U+200B–U+200D, U+2060, U+FEFF) become an ordinary space;
    * full-width digits and Latin letters (１９９６) become ASCII (1996);
    * a Wikisource link split over lines (``…所作的\\n政府工作报告\\n。``: a short line with no
      sentence punctuation between two line breaks inside a paragraph) is joined by turning both
      line breaks into spaces, so that sentences are not cut at links;
    * texts in traditional characters (wholly, like the 1954 report, or partly) are converted to
      simplified characters with OpenCC ``t2s``. The phrase-level conversion is used when it maps
      every character to exactly one character (checked position by position); otherwise the
      character-level conversion is used. Either way the mapping is one-to-one by position.

Detection of traditional characters: ``trad_ratio`` is the share of Han characters that the
character-level ``t2s`` conversion changes. A simplified text scores 0 (or nearly: a handful of
characters); ``script`` is ``"traditional"`` at ≥ 10 %, ``"mixed"`` at ≥ 0.1 %, else ``"simplified"``.

The licence notice: Wikisource pages end with a notice split over many short lines (``本作品是…``
or ``本作品来自…``, then 著作权法, 公有领域, ``Public domain``, ``false``). It is found as the
earliest line starting with 本作品 from which the rest of the text is short (at most
``LICENCE_MAX_CHARS``) and mentions 公有领域, 著作权 or ``Public domain``; trailing ``Public domain``
/ ``false`` lines without such a notice are cut as well. Whitespace before the cut is cut too.

Cache: a JSONL corpus, cleaned, is stored in the ``corpora`` disk cache (:mod:`zhdiscourse.util.cache`)
and each document's parsed structure (:meth:`Document.speech`) in the ``corpus-speech`` cache, under
keys that hash the file's bytes (or the document's text) with the source of every module of
:mod:`zhdiscourse.text` (the cleaning and the parser) and of the OpenCC package in use, so that editing
either gives new keys and nothing stale is read. ``ZHDISCOURSE_CACHE_DIR`` moves the caches;
``cache=False`` skips them.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd

from ..errors import ZhDiscourseError
from .clean import changed_positions, clean_text, is_han, licence_cut, script_of
from ..util.cache import DiskCache
from .model import Cleaning, Speech
from .load import read_text
from .structure import parse

#: Bump when a cached corpus or parsed document would be read back differently.
CORPUS_CACHE_VERSION = "corpus-1"

#: The ``doc`` id of the studied speech when it stands beside the documents of a corpus in one table.
SPEECH_ID = "speech"
_YEAR_IN_NAME = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


# --------------------------------------------------------------------------------------------------
# documents and corpora
# --------------------------------------------------------------------------------------------------


@dataclass
class Document:
    """One document of a corpus. ``original`` and ``text`` have the same length (see module doc)."""

    id: str
    title: str
    year: int | None
    kind: str
    url: str | None
    source_text: str
    original: str
    text: str
    trad_ratio: float
    source: str | None = None
    line: int | None = None
    _speech: object = field(default=None, repr=False, compare=False)

    @property
    def chars(self) -> int:
        return len(self.text)

    @property
    def script(self) -> str:
        return script_of(self.trad_ratio)

    @property
    def converted(self) -> int:
        """How many positions the cleaning changed (spaces, widths, links, characters)."""
        return len(changed_positions(self.original, self.text))

    @property
    def licence_chars(self) -> int:
        """Characters cut from the end of the source text."""
        return len(self.source_text) - len(self.original)

    @property
    def cleaning(self) -> Cleaning:
        """What the cleaning changed (the ``cleaning`` of :meth:`speech`, without parsing the text)."""
        changed = changed_positions(self.original, self.text)
        han = sum(1 for i in changed if is_han(self.original[i]) and is_han(self.text[i]))
        return Cleaning(trad_ratio=self.trad_ratio, simplified=han, replaced=len(changed) - han)

    def speech(self):
        """The parsed structure of the analysis text (cached in memory and on disk, see the module
        docstring); offsets point into ``text``/``original``."""
        if self._speech is None:
            store = _speech_store()
            key = _key("speech", str(self.source), self.text)
            sp = store.get(key)
            if sp is None:
                sp = parse(self.text, path=self.source)
                store.put(key, sp)
            sp.original = self.original
            sp.cleaning = self.cleaning
            self._speech = sp
        return self._speech


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """A hash of the cleaning and parsing code: every module of :mod:`zhdiscourse.text`, and OpenCC's version."""
    from importlib import metadata

    h = hashlib.sha256(CORPUS_CACHE_VERSION.encode())
    for f in sorted(Path(__file__).parent.glob("*.py")):
        h.update(f.read_bytes() + b"\0")
    try:
        h.update(metadata.version("opencc-python-reimplemented").encode())
    except metadata.PackageNotFoundError:
        h.update(b"no-opencc")
    return h.hexdigest()


def _key(*parts: str) -> str:
    h = hashlib.sha256(_code_fingerprint().encode())
    for part in parts:
        h.update(b"\0" + part.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _corpus_store():
    return DiskCache.named("corpora", prefix="corpus-", ext="pkl", key_chars=32,
                           check=lambda v: isinstance(v, list) and all(isinstance(d, Document) for d in v))


def _speech_store():
    return DiskCache.named("corpus-speech", prefix="speech-", ext="pkl", key_chars=32,
                           check=lambda v: isinstance(v, Speech))


def _make_document(*, id: str, title: str, year, kind: str, url, content: str, source, line,
                   simplify: bool | None) -> Document:
    end = licence_cut(content)
    original = content[:end]
    if not original.strip():
        raise ZhDiscourseError(f"{source}: document {id!r} is empty after removing the licence notice")
    text, ratio = clean_text(original, simplify=simplify)
    return Document(id=id, title=title, year=year, kind=kind, url=url, source_text=content,
                    original=original, text=text, trad_ratio=ratio, source=source, line=line)


_SPACES = re.compile(r"\s+")


class Corpus:
    """An ordered collection of :class:`Document` (iterable, indexable by position or id)."""

    def __init__(self, documents: list[Document], path: str | None = None):
        ids = [d.id for d in documents]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ZhDiscourseError(f"duplicate document ids in the corpus: {', '.join(dupes[:5])}")
        self.documents = list(documents)
        self.path = path
        self._by_id = {d.id: d for d in self.documents}

    def __len__(self) -> int:
        return len(self.documents)

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)

    def __getitem__(self, key) -> Document:
        if isinstance(key, str):
            try:
                return self._by_id[key]
            except KeyError:
                raise ZhDiscourseError(f"no document {key!r} in the corpus") from None
        return self.documents[key]

    def filter(self, kind: str | None = None) -> "Corpus":
        """A sub-corpus of one ``kind`` (``"report"``, ``"resolution"``, ``"text"``)."""
        return Corpus([d for d in self.documents if kind is None or d.kind == kind], self.path)

    def select(self, kind: str | None) -> "Corpus":
        """The documents of one ``kind`` (``None``: all) as a reference corpus; none is an error."""
        sub = self.filter(kind) if kind else self
        if len(sub) == 0:
            raise ZhDiscourseError(f"the corpus has no documents of kind {kind!r}")
        return sub

    def reports(self) -> "Corpus":
        return self.filter("report")

    def without(self, text: str, probe: int = 300) -> tuple["Corpus", list[str]]:
        """The corpus without the documents that contain ``text`` (a study text taken from this very
        corpus must not be compared with itself), and the ids left out.

        A document contains the text when the first ``probe`` non-space characters of ``text`` occur in
        the document's (cleaned) text, spaces and line breaks ignored; a text of fewer than 50 non-space
        characters matches nothing. Pass the text's body, cleaned as the corpus is (``Speech.text``).
        """
        key = _SPACES.sub("", text)[:probe]
        if len(key) < 50:
            return self, []
        same = [d.id for d in self.documents if key in _SPACES.sub("", d.text)]
        return Corpus([d for d in self.documents if d.id not in same], self.path), same

    def to_frame(self, text: bool = True) -> pd.DataFrame:
        """One row per document: id, title, year, kind, url, chars, script, trad_ratio, original, text."""
        rows = []
        for d in self.documents:
            row = {"id": d.id, "title": d.title, "year": d.year, "kind": d.kind, "url": d.url,
                   "chars": d.chars, "script": d.script, "trad_ratio": round(d.trad_ratio, 4),
                   "licence_chars": d.licence_chars}
            if text:
                row["original"] = d.original
                row["text"] = d.text
            rows.append(row)
        df = pd.DataFrame(rows)
        if not df.empty:
            df["year"] = df["year"].astype("Int64")
        return df


def _int_year(value, where: str) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        raise ZhDiscourseError(f"{where}: year {value!r} is not a number") from None


def _kind(title: str, year: int | None) -> str:
    return "resolution" if title.endswith("决议") or year is None else "report"


def _jsonl_records(p: Path, lines: Iterable[str], simplify: bool | None) -> Iterator[dict]:
    """The :func:`make_document` arguments of each record of a JSONL corpus (checked, not yet cleaned)."""
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{p}:{n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ZhDiscourseError(f"{where}: not valid JSON ({exc.msg})") from None
        if not isinstance(rec, dict):
            raise ZhDiscourseError(f"{where}: each line must be a JSON object")
        content = rec.get("content", rec.get("text"))
        if not isinstance(content, str) or not content.strip():
            raise ZhDiscourseError(f"{where}: the record has no text (field 'content' or 'text')")
        content = content.replace("\r\n", "\n").replace("\r", "\n")
        year = _int_year(rec.get("year"), where)
        title = str(rec.get("title") or "").strip()
        kind = str(rec.get("kind") or _kind(title, year))
        doc_id = str(rec.get("id") or (f"{kind}-{year}" if kind == "report" else f"{kind}-{n:03d}"))
        yield dict(id=doc_id, title=title, year=year, kind=kind, url=rec.get("url"), content=content,
                   source=str(p), line=n, simplify=simplify)


def iter_records(path, *, simplify: bool | None = None) -> Iterator[dict]:
    """The documents of a corpus one at a time, as :func:`make_document` arguments (uncleaned), read
    lazily — a JSONL file line by line, a folder file by file — so that a corpus of any size streams
    through constant memory (see :func:`zhdiscourse.patterns.profile.stream_corpus`). Document ids
    must be unique; that is checked by :class:`Corpus`, not here."""
    p = Path(os.fspath(path))
    if p.is_dir():
        files = sorted(f for f in p.glob("*.txt") if f.is_file())
        if not files:
            raise ZhDiscourseError(f"{p}: no *.txt files in the folder")
        for f in files:
            m = _YEAR_IN_NAME.search(f.stem)
            yield dict(id=f.stem, title=f.stem, year=int(m.group(1)) if m else None, kind="text", url=None,
                       content=read_text(f).text, source=str(f), line=None, simplify=simplify)
        return
    if not p.is_file():
        raise ZhDiscourseError(f"{p}: no such file or folder")
    if p.suffix.lower() not in (".jsonl", ".ndjson", ".json"):
        raise ZhDiscourseError(f"{p}: a corpus is a .jsonl file or a folder of .txt files")
    with open(p, encoding="utf-8-sig") as fh:
        try:
            yield from _jsonl_records(p, (line.rstrip("\n") for line in fh), simplify)
        except UnicodeDecodeError:
            raise ZhDiscourseError(f"{p}: a JSONL corpus must be UTF-8") from None


def make_document(*, id: str, title: str, year, kind: str, url, content: str, source, line,
                  simplify: bool | None) -> Document:
    """A :class:`Document` from a record (licence notice cut, text cleaned; see the module docstring)."""
    return _make_document(id=id, title=title, year=year, kind=kind, url=url, content=content, source=source,
                          line=line, simplify=simplify)


def load_jsonl(path, *, simplify: bool | None = None, cache: bool = True) -> Corpus:
    """Read a JSONL corpus: fields ``content`` (or ``text``), optional ``title``, ``year``, ``url``, ``id``.

    A record is a ``"report"`` when it has a year and its title does not end in 决议 (resolution),
    else a ``"resolution"``. Ids: ``report-YEAR`` / ``resolution-LINE`` unless the record has ``id``.
    The cleaned documents are cached on disk (see the module docstring).
    """
    p = Path(path)
    if not p.is_file():
        raise ZhDiscourseError(f"{p}: no such file")
    data = p.read_bytes()
    store = _corpus_store() if cache else None
    key = _key("jsonl", str(p), repr(simplify), hashlib.sha256(data).hexdigest()) if cache else ""
    docs = store.get(key) if store is not None else None
    if docs is not None:
        return Corpus(docs, str(p))
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ZhDiscourseError(f"{p}: a JSONL corpus must be UTF-8") from None
    docs = [make_document(**rec) for rec in _jsonl_records(p, raw.splitlines(), simplify)]
    if not docs:
        raise ZhDiscourseError(f"{p}: the corpus file has no records")
    if store is not None:
        store.put(key, docs)
    return Corpus(docs, str(p))


def load_folder(path, *, pattern: str = "*.txt", simplify: bool | None = None) -> Corpus:
    """Read every ``*.txt`` file of a folder (sorted by name) with :func:`zhdiscourse.text.load.read_text`.

    Id = file stem; year = a 4-digit year (1800–2099) in the file name, if any; kind ``"text"``;
    title = the metadata title the structure parser finds, else the stem.
    """
    p = Path(path)
    if not p.is_dir():
        raise ZhDiscourseError(f"{p}: not a folder")
    files = sorted(f for f in p.glob(pattern) if f.is_file())
    if not files:
        raise ZhDiscourseError(f"{p}: no {pattern} files in the folder")
    docs = []
    for f in files:
        loaded = read_text(f)
        m = _YEAR_IN_NAME.search(f.stem)
        doc = _make_document(id=f.stem, title=f.stem, year=int(m.group(1)) if m else None, kind="text",
                             url=None, content=loaded.text, source=str(f), line=None, simplify=simplify)
        title = doc.speech().metadata.title
        if title:
            doc.title = title
        docs.append(doc)
    return Corpus(docs, str(p))


def open_corpus(path, *, simplify: bool | None = None) -> Corpus:
    """Open a corpus from a ``.jsonl`` file or a folder of ``.txt`` files."""
    p = Path(os.fspath(path))
    if p.is_dir():
        return load_folder(p, simplify=simplify)
    if p.is_file():
        if p.suffix.lower() in (".jsonl", ".ndjson", ".json"):
            return load_jsonl(p, simplify=simplify)
        raise ZhDiscourseError(f"{p}: a corpus is a .jsonl file or a folder of .txt files")
    raise ZhDiscourseError(f"{p}: no such file or folder")


def is_corpus_path(path) -> bool:
    """Whether ``path`` names a corpus (a folder or a ``.jsonl`` file) rather than a single text."""
    p = Path(os.fspath(path))
    return p.is_dir() or p.suffix.lower() in (".jsonl", ".ndjson")


