"""Stage 3a, statistics over the token table: frequencies and n-grams, KWIC and dispersion,
collocations, TF-IDF, keyness, similarity, topics, contrasts, spread over units (Gries' DP), densities,
agreement of judges, and comparisons with a reference corpus.

Every function takes its stage's object first (a token table, or a Speech for text-level measures)
and returns a DataFrame or a dataclass. Modules: :mod:`.frequency`, :mod:`.concordance`,
:mod:`.collocation`, :mod:`.weighting` (TF-IDF), :mod:`.keywords` (keyness), :mod:`.cosine`
(similarity), :mod:`.topics`, :mod:`.comparison` (contrast), :mod:`.spread`, :mod:`.density`,
:mod:`.agreement`, :mod:`.reference`, :mod:`.intervals` (bootstrap intervals of densities),
:mod:`.sections` (parts against the comparable parts of a reference corpus), :mod:`.permutation`
(permutation baselines: runs of sentences, within- versus between-part similarity), :mod:`.window_collocates`
(the collocates of one word: MI, T-score, log-likelihood, log-Dice; network edges), :mod:`.contexts`
(sortable KWIC: 1L/2L/1R/2R), :mod:`.lexica` (word-list profiles: war metaphors, stance; keyness against
a reference), :mod:`.lexdiv` (sampled TTR, MATTR, sentence and clause length).
"""

from .agreement import cohen_kappa
from .window_collocates import collocates, collocation_edges
from .collocation import collocations
from .contexts import context_words, sort_kwic
from .lexdiv import diversity, mattr
from .comparison import contrast, scaled_f_scores
from .concordance import dispersion, kwic, part_boundaries
from .cosine import similarity, similarity_matrix, within_between
from .density import rolling_density
from .frequency import frequencies, ngrams
from .intervals import bootstrap_density, bootstrap_table, count_events, proportion_interval, sentence_pieces
from .lexica import lexicon_documents, lexicon_keyness, lexicon_matches, lexicon_rates, read_lexicon
from .keywords import adjust_pvalues, fisher_2x2, keyness, keyness_table, log_ratio, top_keywords
from .permutation import PermutationResult, RunPermutation, run_permutation, within_between_test
from .reference import (
    CONGRESS_YEARS,
    compare_tfidf,
    corpus_freq,
    load_congress_reports,
    position,
    positions,
    reference_counts,
    reference_keyness,
    reference_tfidf,
    term_trend,
    trend_wide,
    within_tfidf,
)
from .sections import (
    compare_parts,
    document_densities,
    era_of,
    era_summary,
    part_densities,
    section_densities,
    section_roles,
)
from .spread import dp, token_dispersion, unit_rates
from .topics import (
    choose_k,
    doc_topics,
    fit_topics,
    loo_stability,
    loo_summary,
    select_k,
    stability,
    topic_shares,
    topic_terms,
)
from .weighting import TfidfResult, compare_with_jieba, frequency_agreement, tfidf, top_terms

__all__ = [
    "frequencies", "ngrams", "kwic", "dispersion", "part_boundaries", "collocations",
    "tfidf", "top_terms", "TfidfResult", "compare_with_jieba", "keyness", "keyness_table", "top_keywords",
    "log_ratio", "adjust_pvalues", "similarity", "similarity_matrix", "within_between", "fit_topics",
    "topic_terms", "doc_topics", "topic_shares", "stability", "choose_k", "select_k", "contrast",
    "scaled_f_scores", "unit_rates", "dp", "token_dispersion", "rolling_density", "cohen_kappa",
    "reference_counts", "reference_keyness", "reference_tfidf", "within_tfidf", "compare_tfidf",
    "term_trend", "trend_wide", "corpus_freq", "position", "positions",
    "fisher_2x2", "bootstrap_density", "bootstrap_table", "count_events", "proportion_interval", "sentence_pieces",
    "CONGRESS_YEARS", "load_congress_reports", "section_roles", "part_densities", "section_densities",
    "document_densities", "compare_parts", "era_of", "era_summary", "run_permutation", "within_between_test",
    "RunPermutation", "PermutationResult", "loo_stability", "loo_summary", "frequency_agreement",
    "collocates", "collocation_edges", "context_words", "sort_kwic", "diversity", "mattr", "read_lexicon",
    "lexicon_matches", "lexicon_rates", "lexicon_keyness", "lexicon_documents",
]
