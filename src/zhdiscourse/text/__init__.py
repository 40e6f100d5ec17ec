"""Stage 1, the text: loading a file in any encoding, the parsed :class:`Speech` (metadata, parts,
sub-points, sentences, clauses, items, all with offsets), corpora of many documents and their cleaning.

Modules: :mod:`.load` (decoding), :mod:`.model` (the Speech and its spans), :mod:`.structure` (the
parser), :mod:`.numerals`, :mod:`.outline`, :mod:`.search` (terms in the raw text), :mod:`.measure`
(characters for densities), :mod:`.corpus`, :mod:`.clean`, :mod:`.survey`.
"""

from .clean import clean_text, licence_cut, to_simplified, traditional_ratio
from .corpus import SPEECH_ID, Corpus, Document, is_corpus_path, load_folder, load_jsonl, open_corpus
from .load import LoadedText, decode_bytes, load_text, read_text
from .measure import nonspace_chars
from .model import (
    UNIT_NAMES,
    Clause,
    Item,
    Metadata,
    Section,
    Sentence,
    Speech,
    Subsection,
    choose_unit,
    count_units,
)
from .outline import outline_table
from .search import find_matches
from .structure import as_speech, load_speech, parse, split_sentences
from .survey import structure_table

__all__ = [
    "LoadedText", "decode_bytes", "read_text", "load_text",
    "Speech", "Metadata", "Section", "Subsection", "Sentence", "Clause", "Item", "UNIT_NAMES",
    "choose_unit", "count_units", "parse", "load_speech", "as_speech", "split_sentences",
    "outline_table", "find_matches", "nonspace_chars",
    "Corpus", "Document", "SPEECH_ID", "open_corpus", "load_jsonl", "load_folder", "is_corpus_path",
    "clean_text", "licence_cut", "to_simplified", "traditional_ratio", "structure_table",
]
