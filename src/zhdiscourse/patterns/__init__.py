"""Rhetorical patterns of Chinese political prose, at character level with exact offsets.

* :mod:`.modality`      modal 要 (lexical and full-verb 要 excluded), 不要, the directive family, densities,
  narrative 我们 + verb
* :mod:`.runs`          runs of 要-initial sentences and 要-series of clauses
* :mod:`.frames`        a template language for frames with slots (``src/zhdiscourse/lexicon/frames.txt``)
* :mod:`.parallelism`   a rule-based 排比 / 对偶 detector (anaphora, epiphora, frames, compact frames)
* :mod:`.enumerations`  一是…二是…, 第一，…第二，…, 一要…, （一）…
* :mod:`.idioms`        four-character expressions: dictionary idioms and productive 四字格
"""

from .enumeration import enumerations
from .frames import compile_template, find_frames, match_template, read_templates
from .idioms import four_char_expressions
from .modality import (
    classify_yao,
    directive_candidates,
    directive_profile,
    directives,
    modal_yao,
    we_verb,
    yao_occurrences,
)
from .parallelism import parallelisms
from .runs import clause_series, yao_runs, yao_sentences
from .export import patterns_report

__all__ = [
    "classify_yao", "yao_occurrences", "modal_yao", "directive_candidates", "directives", "directive_profile",
    "we_verb", "yao_runs", "yao_sentences", "clause_series", "compile_template", "read_templates",
    "match_template", "find_frames", "parallelisms", "enumerations", "four_char_expressions", "patterns_report",
]
