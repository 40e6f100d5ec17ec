"""Stage 3b, rhetorical patterns of Chinese political prose, at character level with exact offsets.

One file per detector, each declared once in :mod:`.registry` (its name, function, record shape and
measures); the JSON, the CLI, the report and the corpus profiles iterate over that registry.

* :mod:`.modality`     modal 要 (lexical and full-verb 要 excluded), 不要, the directive family and its
  events, densities, narrative 我们 + verb, the speaker's 我
* :mod:`.runs`         runs of 要-initial sentences and 要-series of clauses
* :mod:`.frames`       a template language for frames with slots (``frames.txt`` of :mod:`zhdiscourse.lexicon`)
* :mod:`.parallelism`  a rule-based 排比 / 对偶 detector (anaphora, epiphora, frames, compact frames)
* :mod:`.enumeration`  一是…二是…, 第一，…第二，…, 一要…, （一）…
* :mod:`.idioms`       four-character expressions: dictionary idioms and productive 四字格
* :mod:`.subjects`     the subject of a clause (one rule) and the actor lexicon; :mod:`.agency` who
  reports, acts, is ordered; :mod:`.reporting` reported against enacted directives;
  :mod:`.addressees` the addressees of directives
* :mod:`.registry`     the detectors; :mod:`.export` the JSON and flat tables; :mod:`.profile` corpus profiles;
  :mod:`.parallel` the detectors of a long text in two processes (the same results)
"""

from .addressees import addressee_table, directive_addressees
from .agency import agency_table, clause_subjects
from .enumeration import enumerations
from .export import member_rows, pattern_results, pattern_tables, patterns_report
from .frames import compile_template, find_frames, match_template, read_templates
from .idioms import four_char_expressions
from .modality import (
    classify_yao,
    directive_candidates,
    directive_events,
    directive_profile,
    directives,
    first_person,
    modal_yao,
    we_verb,
    yao_occurrences,
)
from .parallelism import kind_table, parallelisms
from .profile import pattern_profile, text_profile
from .registry import REGISTRY, Detector, detector
from .reporting import directive_voice, reporting_frames, voice_table
from .subjects import actor_group, actor_groups, find_subject
from .runs import clause_series, yao_runs, yao_sentences

__all__ = [
    "classify_yao", "yao_occurrences", "modal_yao", "directive_candidates", "directives", "directive_events",
    "directive_profile", "we_verb", "first_person", "yao_runs", "yao_sentences", "clause_series",
    "compile_template", "read_templates", "match_template", "find_frames", "parallelisms", "kind_table",
    "enumerations", "four_char_expressions",
    "REGISTRY", "Detector", "detector", "pattern_results", "patterns_report", "member_rows", "pattern_tables",
    "pattern_profile", "text_profile",
    "reporting_frames", "directive_voice", "voice_table", "clause_subjects", "agency_table", "directive_addressees",
    "addressee_table", "find_subject", "actor_group", "actor_groups",
]
