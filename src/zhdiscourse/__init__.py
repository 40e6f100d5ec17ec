"""zhdiscourse: structure-aware discourse analysis of Chinese speeches and policy texts.

The package follows the data, one subpackage per stage:

``text``      load a file, parse it into a :class:`Speech` (parts, sub-points, sentences …), corpora
``tokenize``  segmentation and the token table (one row per token with offsets), units, corpus tables
``stats``     frequencies, KWIC, collocations, TF-IDF, keyness, similarity, topics, contrasts, reference
``patterns``  rhetorical patterns (directive 要, 要-runs, frames, 排比, enumerations), one file per detector
``plots``     figures (one CJK font, byte-identical saving); ``report`` one text's full report;
``cli``       ``python -m zhdiscourse COMMAND PATH``; ``study`` reproduce the notebooks, the HTML site
``lexicon``   the bundled, teacher-editable word lists; ``util`` the disk cache and process pool

The names below are the stable public API (each is always a function or class, never a module).

>>> from zhdiscourse import load_speech, tokens, kwic
>>> speech = load_speech("data/raw/speech_2020-02-23.txt")   # doctest: +SKIP
>>> table = tokens(speech)                                      # doctest: +SKIP
"""

from .errors import TextLoadError, ZhDiscourseError
from .stats.collocation import collocations
from .stats.concordance import dispersion, kwic
from .stats.frequency import frequencies, ngrams
from .text.corpus import open_corpus
from .text.load import load_text, read_text
from .text.model import Speech
from .text.structure import load_speech, parse
from .tokenize.diagnostics import dictionary_changes
from .tokenize.table import tokens

__all__ = [
    "TextLoadError", "ZhDiscourseError", "load_text", "read_text", "Speech", "load_speech", "parse",
    "open_corpus", "tokens", "kwic", "dispersion", "frequencies", "ngrams", "collocations",
    "dictionary_changes",
]
__version__ = "0.1.0"
