"""Stage 1, the text: loading a file in any encoding, the parsed :class:`Speech` (metadata, parts,
sub-points, articles and items, sentences, clauses, items, all with offsets), corpora of many documents
and their cleaning.

Modules: :mod:`.load` (decoding), :mod:`.clean` (the analysis text, one character for one),
:mod:`.model` (the Speech and its spans), :mod:`.structure` (the parser; its docstring is the grammar),
with :mod:`.metadata` (title block, end matter), :mod:`.headings` (markers, sequences, levels) and
:mod:`.documents` (several documents in one text), :mod:`.numerals`, :mod:`.outline`, :mod:`.search`
(terms in the raw text), :mod:`.measure` (characters for densities), :mod:`.corpus`, :mod:`.survey`.
"""

from .clean import clean_document, clean_text, licence_cut, to_simplified, traditional_ratio
from .corpus import SPEECH_ID, Corpus, Document, is_corpus_path, load_folder, load_jsonl, open_corpus
from .load import LoadedText, decode_bytes, load_text, read_text
from .measure import nonspace_chars
from .model import (
    UNIT_NAMES,
    Cleaning,
    Clause,
    DocumentSpan,
    Item,
    Metadata,
    MetaLine,
    Point,
    Section,
    Sentence,
    Speech,
    Subsection,
    choose_unit,
    count_units,
)
from .outline import outline_table
from .search import find_matches
from .structure import as_speech, load_documents, load_speech, parse, parse_documents, split_sentences
from .survey import structure_table

__all__ = [
    "LoadedText", "decode_bytes", "read_text", "load_text",
    "Speech", "Metadata", "MetaLine", "Section", "Subsection", "Point", "Sentence", "Clause", "Item", "Cleaning",
    "DocumentSpan", "UNIT_NAMES", "choose_unit", "count_units", "parse", "parse_documents", "load_speech",
    "load_documents", "as_speech", "split_sentences",
    "outline_table", "find_matches", "nonspace_chars",
    "Corpus", "Document", "SPEECH_ID", "open_corpus", "load_jsonl", "load_folder", "is_corpus_path",
    "clean_text", "clean_document", "licence_cut", "to_simplified", "traditional_ratio", "structure_table",
]
