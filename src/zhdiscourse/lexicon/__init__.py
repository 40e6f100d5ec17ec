"""The teacher-editable lexicon, shipped inside the package (so an installed library has it too).

Files in this folder (package data of the wheel; each explains its format in comment lines):

``userdict.txt``          the domain user dictionary for jieba (:mod:`zhdiscourse.tokenize.dictionary`)
``mined_terms.tsv``       the second dictionary layer: multi-word units mined from the reference corpora
                          by ``scripts/mine_terms.py``, with their scores (under the user dictionary)
``stopwords_domain.txt``  domain stopwords added to the ``stopwordsiso`` Chinese list
``key_units.txt``         the lexical units that must come out as single tokens (tested)
``frames.txt``            frame templates with slots (:mod:`zhdiscourse.patterns.frames`)
``glossary.csv``          English glosses of key terms, for figures (:mod:`zhdiscourse.plots.base`)
``actors.txt``            actor groups for the subjects of clauses (:mod:`zhdiscourse.patterns.subjects`)
``metaphor_war.txt``      war and struggle vocabulary by category (:mod:`zhdiscourse.stats.lexica`)
``stance.txt``            evaluative and stance words by category (:mod:`zhdiscourse.stats.lexica`)

The last three are *grouped lists*, read by :func:`read_groups`: one group per line, ``name: term term …``.

Another folder overrides them: the environment variable ``ZHDISCOURSE_LEXICON_DIR``, or the
``lexicon_dir=`` argument of :func:`lexicon_file`. A file missing from that folder falls back to the
bundled one, so a teacher's folder may hold only the files that differ. A relative
``ZHDISCOURSE_LEXICON_DIR`` is taken from the current folder, else from the project root (notebook
kernels start in ``notebooks/``).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..errors import ZhDiscourseError
from ..paths import find_project_root

#: Environment variable naming a folder whose files override the bundled lexicon.
LEXICON_ENV = "ZHDISCOURSE_LEXICON_DIR"
USERDICT = "userdict.txt"
MINED_TERMS = "mined_terms.tsv"
STOPWORDS_DOMAIN = "stopwords_domain.txt"
KEY_UNITS = "key_units.txt"
FRAMES = "frames.txt"
GLOSSARY = "glossary.csv"
ACTORS = "actors.txt"
METAPHOR_WAR = "metaphor_war.txt"
STANCE = "stance.txt"
FILES = (USERDICT, MINED_TERMS, STOPWORDS_DOMAIN, KEY_UNITS, FRAMES, GLOSSARY, ACTORS, METAPHOR_WAR, STANCE)


def bundled_dir() -> Path:
    """The folder of the lexicon files shipped with the package."""
    return Path(__file__).resolve().parent


def override_dir(lexicon_dir: str | os.PathLike | None = None) -> Path | None:
    """The folder that overrides the bundled files: ``lexicon_dir``, else ``$ZHDISCOURSE_LEXICON_DIR``,
    else ``None``. A named folder that does not exist is an error, never silently ignored."""
    given = lexicon_dir if lexicon_dir is not None else os.environ.get(LEXICON_ENV) or None
    if given is None:
        return None
    p = Path(given).expanduser()
    if not p.is_absolute() and not p.is_dir():
        root = find_project_root()
        if root is not None and (root / p).is_dir():
            p = root / p
    if not p.is_dir():
        what = f"{LEXICON_ENV}={given}" if lexicon_dir is None else f"lexicon folder {given}"
        raise ZhDiscourseError(f"{what} is not a directory")
    return p


def lexicon_dir(lexicon_dir: str | os.PathLike | None = None) -> Path:
    """The folder in effect: the override (see :func:`override_dir`) or the bundled folder."""
    return override_dir(lexicon_dir) or bundled_dir()


def lexicon_file(name: str, lexicon_dir: str | os.PathLike | None = None) -> Path:
    """Path of a lexicon file: from the override folder when it has the file, else the bundled one."""
    d = override_dir(lexicon_dir)
    if d is not None and (d / name).is_file():
        return d / name
    return bundled_dir() / name


def _strip_comment(line: str) -> str:
    line = line.strip().lstrip("\ufeff")
    if line.startswith("#"):
        return ""
    return re.split(r"\s+#", line, maxsplit=1)[0].strip()


def read_lines(path: str | os.PathLike) -> list[str]:
    """The lines of a UTF-8 lexicon file (every failure is a one-line :class:`ZhDiscourseError`)."""
    try:
        return Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ZhDiscourseError(f"cannot read {path}: {exc}") from None


def read_list(path: str | os.PathLike) -> list[str]:
    """Non-empty, non-comment lines of a UTF-8 word list (``#`` comments), in file order."""
    return [w for w in (_strip_comment(x) for x in read_lines(path)) if w]


def strip_comment(line: str) -> str:
    """One lexicon line without its ``#`` comment (a whole line, or the rest after whitespace)."""
    return _strip_comment(line)


def read_groups(path: str | os.PathLike) -> list[tuple[str, tuple[str, ...]]]:
    """A grouped word list: one group per non-comment line, ``name: term term …`` (``：`` works too),
    as ``[(name, (term, …)), …]`` in file order. A line without a colon, a group without a name or
    terms, or a file without groups is a one-line :class:`ZhDiscourseError` naming the line."""
    groups = []
    for no, line in enumerate(read_lines(path), 1):
        line = _strip_comment(line)
        if not line:
            continue
        name, sep, terms = line.replace("：", ":").partition(":")
        words = tuple(dict.fromkeys(w for w in terms.split() if w))
        if not sep or not name.strip() or not words:
            raise ZhDiscourseError(f"{path}:{no}: expected 'group: term term …'")
        groups.append((name.strip(), words))
    if not groups:
        raise ZhDiscourseError(f"{path}: no group found (expected lines 'group: term term …')")
    return groups
