"""zhdiscourse: structure-aware discourse analysis of Chinese speeches and policy texts.

Pipeline, in the order the data flows: load → structure → tokens → statistics / patterns → plots.

>>> from zhdiscourse import load_speech, tokens, kwic
>>> speech = load_speech("data/raw/speech_2020-02-23.txt")   # doctest: +SKIP
>>> table = tokens(speech)                                      # doctest: +SKIP
"""

from .stats.collocation import collocations
from .stats.concordance import dispersion, kwic
from .errors import TextLoadError, ZhDiscourseError
from .stats.frequency import frequencies, ngrams
from .tokenize.dictionary import dictionary_changes
from .text.load import load_text, read_text
from .text.structure import Speech, load_speech, parse
from .tokenize.table import tokens

__all__ = [
    "TextLoadError", "ZhDiscourseError", "load_text", "read_text", "Speech", "load_speech", "parse",
    "tokens", "kwic", "dispersion", "frequencies", "ngrams", "collocations", "dictionary_changes",
]
__version__ = "0.1.0"
