"""Stage 2, the tokens: jieba segmentation with the domain dictionary, the token table (one row per
token with offsets and its place in the structure), grouping tokens into units, corpus token tables,
and reports of what the segmentation choices change.

Modules: :mod:`.segment`, :mod:`.dictionary`, :mod:`.table`, :mod:`.units`, :mod:`.corpus`,
:mod:`.diagnostics`.
"""

from .corpus import corpus_tokens, token_tables
from .diagnostics import dictionary_changes, hmm_changes, key_unit_coverage
from .dictionary import key_units, read_userdict, stopwords
from .segment import cut, get_segmenter, jieba_dictionary_size, posseg
from .table import as_tokens, build_token_table, content_mask, content_tokens, tokens
from .units import UNITS, coverage, documents, segment_labels

__all__ = [
    "posseg", "cut", "get_segmenter", "jieba_dictionary_size", "read_userdict", "stopwords", "key_units",
    "tokens", "build_token_table", "as_tokens", "content_mask", "content_tokens", "documents", "UNITS", "coverage", "segment_labels",
    "token_tables", "corpus_tokens", "dictionary_changes", "hmm_changes", "key_unit_coverage",
]
