"""Topics: non-negative matrix factorisation (NMF) of the TF-IDF matrix of segments, sub-points or windows.

Model
    ``X ≈ W H`` with ``X`` the documents × terms TF-IDF matrix (:func:`zhdiscourse.stats.weighting.tfidf`,
    content words, terms in at least ``min_df`` documents), ``W`` documents × k topic weights and
    ``H`` k × terms topic-word weights, fitted by scikit-learn's :class:`~sklearn.decomposition.NMF`
    (coordinate descent, Frobenius loss) with ``init="nndsvda"`` (NNDSVD with zeros filled by the
    mean of X; Boutsidis & Gallopoulos 2008) and a fixed ``random_state``. NNDSVD starts from an SVD,
    so the fit is deterministic.

Documents
    ``by="segment"`` (default: the sub-points *and* each part's preamble, the text of a part before its
    first sub-point, so that the documents tile the whole text; :func:`zhdiscourse.tokenize.units.documents`),
    ``by="subsection"`` (the sub-points alone: every preamble is left out) or ``by="window"`` (runs of
    ``window`` sentences, for texts without sub-points); any unit of
    :func:`zhdiscourse.stats.weighting.documents` works.

Topic share per part
    ``share(part, t) = Σ_{d ∈ part} W[d, t] / Σ_{d ∈ part} Σ_t' W[d, t']``: the fraction of the part's
    total topic weight that falls on topic t (each part's shares sum to 1).

Stability across seeds
    The deterministic NNDSVD model is the reference. The same k is refitted with ``init="random"``
    for each seed; each refit's topics are matched one-to-one to the reference topics by the
    Hungarian algorithm (:func:`scipy.optimize.linear_sum_assignment`) maximising the cosine of
    their topic-word vectors (rows of ``H``). Stability = mean matched cosine (1 = every topic is
    found again; an idea of Greene, O'Callaghan & Cunningham 2014 and Belford et al. 2018, with
    random restarts instead of data subsamples).

Stability when a document is left out (:func:`loo_stability`)
    Restarts refit the *same* documents, so they say nothing about how much a topic depends on one
    sub-point. Leave-one-out refits the whole pipeline without document d, for every d: TF-IDF on the
    remaining documents (same ``min_df`` rule), then NMF with the same k and the deterministic
    ``nndsvda`` start. Each refit's topics are matched one-to-one to the reference topics (Hungarian
    algorithm on the cosine of their topic-word vectors, over the reference vocabulary; a term absent
    from the refit weighs 0). A reference topic is **lost** without d when its matched cosine is below
    ``min_cosine`` (default :data:`LOO_MIN_COSINE` = 0.5: the refit's closest topic shares less than
    half the direction of its word weights). :func:`loo_summary` gives per left-out document the mean
    and minimum matched cosine and the number of topics lost; ``loo_score`` is the mean matched
    cosine over all refits and topics.

Coherence
    Computed from *document co-occurrence* of each topic's top ``n`` words in reference documents
    (by default the text's sentences, which are finer than the modelling units):

    * UMass (Mimno et al. 2011): mean over ordered pairs (w_i ranked above w_j) of
      ``ln((D(w_i, w_j) + 1) / D(w_i))``;
    * NPMI (Bouma 2009; Aletras & Stevenson 2013): mean over pairs of
      ``ln(P(w_i, w_j) / (P(w_i) P(w_j))) / −ln P(w_i, w_j)``, −1 when the pair never co-occurs.

Choosing k
    :func:`choose_k` fits every k of a small range and reports the reconstruction error
    (``‖X − WH‖_F``), the mean NPMI and UMass coherence and the stability. :func:`select_k` applies a
    fixed rule to that table (see there); :data:`DEFAULT_K` is the value the rule gives on the
    study's speech (a test re-measures it). The notebooks choose k for each text with the same rule.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from itertools import combinations

import numpy as np
import pandas as pd

from ..errors import ZhDiscourseError
from ..util.cache import DiskCache
from .weighting import TfidfResult, documents, tfidf

#: The k chosen by :func:`select_k` on the study's speech over :data:`K_RANGE` (re-measured by
#: tests/stats/test_stats_topics.py); a parameter everywhere. Measured on the 30 segments (sub-points,
#: part preambles and the opening; 20 restarts; the last two columns: :func:`loo_stability`):
#:
#:   k   rel. error   NPMI     stability   LOO cosine   documents whose omission loses a topic
#:   2   0.901       −0.069    1.000       0.988         0   ← best NPMI among k with stability ≥ 0.9
#:   3   0.875       −0.108    1.000       0.942         0
#:   4   0.850       −0.063    0.833       0.901         5
#:   5   0.825       −0.049    0.899       0.934         6
#:   6   0.801       −0.085    0.893       0.916         7
#:   7   0.777       −0.092    0.930       0.884        20
#:   8   0.753       −0.074    0.902       0.911        15
#:
#: Caveats: NPMI is negative for every k (many pairs of a topic's top words never share a sentence),
#: from k = 4 on at least five documents' omission alone loses a topic, and the choice is fragile: k = 5
#: has the best NPMI of all and misses the stability threshold by 0.001. Before three units entered the
#: user dictionary (notebook 02 §2b) it passed (0.911), and the rule picked k = 5.
DEFAULT_K = 2
#: The range of k that :func:`choose_k` examines by default.
K_RANGE = tuple(range(2, 9))
#: Seeds of the random restarts used for stability.
STABILITY_SEEDS = tuple(range(20))
#: Minimum stability for a k to be eligible in :func:`select_k`.
MIN_STABILITY = 0.9
#: Below this matched cosine a topic counts as lost when a document is left out (:func:`loo_stability`).
LOO_MIN_COSINE = 0.5


@dataclass
class TopicModel:
    """A fitted NMF: ``W`` (documents × k), ``H`` (k × terms), ``terms``, the ``docs`` table."""

    k: int
    docs: pd.DataFrame
    terms: np.ndarray
    W: np.ndarray
    H: np.ndarray
    reconstruction_err: float
    n_iter: int
    tfidf: TfidfResult


#: The releases :func:`_coordinate_descent` reproduces bit for bit (scikit-learn's loop, scipy's kernels);
#: with any other, scikit-learn's own loop runs.
FAST_NMF_FOR = {"sklearn": "1.9.1", "scipy": "1.17.1"}


def _fast_nmf_available() -> bool:
    import scipy
    import sklearn

    return sklearn.__version__ == FAST_NMF_FOR["sklearn"] and scipy.__version__ == FAST_NMF_FOR["scipy"]


def _coordinate_descent(X, W, H, tol=1e-4, max_iter=200, l1_reg_W=0, l1_reg_H=0, l2_reg_W=0, l2_reg_H=0,
                        update_H=True, verbose=0, shuffle=False, random_state=None, *, _original=None):
    """scikit-learn's ``_fit_coordinate_descent`` (release :data:`FAST_NMF_FOR`) without its per-iteration
    overhead, for the case the topic models use (CSR matrix, no regularisation, no shuffling); anything
    else goes to ``_original``.

    Each iteration is the same arithmetic on the same arrays: ``HHt = Ht.T @ Ht``, ``XHt = X @ Ht`` by
    scipy's ``csr_matvecs`` kernel (what ``X @ Ht`` calls for a CSR ``X``), the update of W by
    scikit-learn's own Cython ``_update_cdnmf_fast``; then the same for H with ``X.T`` as CSC
    (``csc_matvecs``, the kernel ``X.T @ W`` calls). What goes is the Python around it: scipy builds
    the transposed matrix, checks its format and dispatches the product anew twice per iteration, which
    was most of the time of the 441 fits of :func:`choose_k` (tens of thousands of iterations on a
    matrix of a few dozen documents). W, H and the number of iterations are bit for bit scikit-learn's
    (``tests/stats/test_topics_fast_nmf.py``)."""
    import scipy.sparse as sp

    simple = (sp.issparse(X) and X.format == "csr" and X.dtype == np.float64 and not shuffle and update_H
              and not verbose and not any((l1_reg_W, l1_reg_H, l2_reg_W, l2_reg_H)))
    if not simple:
        return _original(X, W, H, tol, max_iter, l1_reg_W, l1_reg_H, l2_reg_W, l2_reg_H, update_H=update_H,
                         verbose=verbose, shuffle=shuffle, random_state=random_state)
    from scipy.sparse import _sparsetools
    from sklearn.decomposition._cdnmf_fast import _update_cdnmf_fast

    W = np.ascontiguousarray(W)
    Ht = np.ascontiguousarray(H.T)
    if W.dtype != np.float64 or Ht.dtype != np.float64:
        return _original(X, W, H, tol, max_iter, l1_reg_W, l1_reg_H, l2_reg_W, l2_reg_H, update_H=update_H,
                         verbose=verbose, shuffle=shuffle, random_state=random_state)
    n_docs, n_terms = X.shape
    k = W.shape[1]
    indptr, indices, data = X.indptr, X.indices, X.data  # X as CSR; the same arrays are X.T as CSC
    permutation = np.asarray(np.arange(k), dtype=np.intp)
    XHt = np.empty((n_docs, k))
    XtW = np.empty((n_terms, k))
    violation_init = None
    n_iter = 0
    for n_iter in range(1, max_iter + 1):
        HHt = np.dot(Ht.T, Ht)
        XHt.fill(0.0)
        _sparsetools.csr_matvecs(n_docs, n_terms, k, indptr, indices, data, Ht.ravel(), XHt.ravel())
        violation = 0.0 + _update_cdnmf_fast(W, HHt, XHt, permutation)
        WtW = np.dot(W.T, W)
        XtW.fill(0.0)
        _sparsetools.csc_matvecs(n_terms, n_docs, k, indptr, indices, data, W.ravel(), XtW.ravel())
        violation += _update_cdnmf_fast(Ht, WtW, XtW, permutation)
        if n_iter == 1:
            violation_init = violation
        if violation_init == 0:
            break
        if violation / violation_init <= tol:
            break
    return W, Ht.T, n_iter


def _nmf(X, k: int, *, init: str, random_state: int, max_iter: int):
    import warnings

    from sklearn.decomposition import NMF
    from sklearn.decomposition import _nmf as sk_nmf
    from sklearn.exceptions import ConvergenceWarning

    model = NMF(n_components=k, init=init, random_state=random_state, max_iter=max_iter, tol=1e-5,
                solver="cd", beta_loss="frobenius")
    original = sk_nmf._fit_coordinate_descent
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        # scikit-learn's error of an exact fit (k = the documents): ‖X‖² + ‖WH‖² − 2⟨X, WH⟩ rounded below zero,
        # then its square root; the error is taken as 0 below (fit_topics)
        warnings.filterwarnings("ignore", "invalid value encountered in sqrt", RuntimeWarning,
                                module=r"sklearn\.decomposition\._nmf")
        if not _fast_nmf_available():
            W = model.fit_transform(X)
        else:  # scikit-learn's validation, start and error, with the loop of _coordinate_descent
            sk_nmf._fit_coordinate_descent = partial(_coordinate_descent, _original=original)
            try:
                W = model.fit_transform(X)
            finally:
                sk_nmf._fit_coordinate_descent = original
    return model, W


def _matrix(tokens, by, speech, window, min_df, result):
    if result is None:
        docs = documents(tokens, by, speech=speech, window=window)
        if len(docs) < 2:
            raise ZhDiscourseError(f"topic models need at least two documents; the text has {len(docs)} {by}")
        md = min_df if len(docs) >= 2 * min_df else 1
        result = tfidf(tokens, by, docs=docs, min_df=md)
    return result


def fit_topics(tokens: pd.DataFrame | None = None, k: int = DEFAULT_K, by: str = "segment", *, speech=None,
               window: int = 5, random_state: int = 0, init: str = "nndsvda", min_df: int = 2,
               max_iter: int = 2000, result: TfidfResult | None = None) -> TopicModel:
    """Fit NMF with ``k`` topics (see the module docstring). ``result`` reuses a TF-IDF fit."""
    result = _matrix(tokens, by, speech, window, min_df, result)
    n_docs, n_terms = result.matrix.shape
    if k < 1:
        raise ZhDiscourseError("k must be at least 1")
    if k > min(n_docs, n_terms):
        raise ZhDiscourseError(f"k={k} topics is more than the {n_docs} documents / {n_terms} terms allow")
    model, W = _nmf(result.matrix, k, init=init, random_state=random_state, max_iter=max_iter)
    err = float(model.reconstruction_err_)
    if np.isnan(err):  # an exact fit whose squared error rounded below zero (_nmf)
        err = 0.0
    return TopicModel(k=k, docs=result.docs, terms=result.terms, W=W, H=model.components_,
                      reconstruction_err=err, n_iter=int(model.n_iter_), tfidf=result)


def topic_terms(model: TopicModel, n: int = 10) -> pd.DataFrame:
    """Top ``n`` words per topic: ``topic, rank, term, weight`` (ties broken by term)."""
    rows = []
    for t in range(model.k):
        h = model.H[t]
        order = sorted(np.flatnonzero(h > 0), key=lambda j: (-h[j], model.terms[j]))[:n]
        for r, j in enumerate(order, 1):
            rows.append({"topic": t, "rank": r, "term": str(model.terms[j]), "weight": float(h[j])})
    return pd.DataFrame(rows, columns=["topic", "rank", "term", "weight"])


def topic_labels(model: TopicModel, n: int = 3) -> dict[int, str]:
    """A short label per topic: its ``n`` top words joined by ``/``."""
    tt = topic_terms(model, n)
    return {t: "/".join(g["term"]) for t, g in tt.groupby("topic")}


def doc_topics(model: TopicModel) -> pd.DataFrame:
    """Tidy document–topic weights: ``doc, section, topic, weight, share`` (share = weight over the
    document's total weight; 0 for a document with no weight)."""
    tot = model.W.sum(axis=1, keepdims=True)
    share = np.divide(model.W, tot, out=np.zeros_like(model.W), where=tot > 0)
    rows = []
    for i, (doc, sec) in enumerate(zip(model.docs["doc"], model.docs["section"])):
        for t in range(model.k):
            rows.append({"doc": doc, "section": sec, "topic": t, "weight": float(model.W[i, t]),
                         "share": float(share[i, t])})
    return pd.DataFrame(rows)


def topic_shares(model: TopicModel) -> pd.DataFrame:
    """Each topic's share in each part: ``section, topic, label, weight, share`` (shares sum to 1
    per part; documents outside every part are grouped under ``section=None``… and dropped)."""
    dt = doc_topics(model).dropna(subset=["section"])
    if dt.empty:
        raise ZhDiscourseError("the documents belong to no part, so topic shares per part cannot be given")
    order = list(dict.fromkeys(dt["section"]))
    g = dt.groupby(["section", "topic"], sort=False)["weight"].sum().reset_index()
    tot = g.groupby("section")["weight"].transform("sum")
    g["share"] = np.where(tot > 0, g["weight"] / tot.where(tot > 0, 1), 0.0)
    labels = topic_labels(model)
    g["label"] = g["topic"].map(labels)
    g["_o"] = g["section"].map({s: i for i, s in enumerate(order)})
    return g.sort_values(["_o", "topic"]).drop(columns="_o")[["section", "topic", "label", "weight", "share"]] \
        .reset_index(drop=True)


def _row_cosine(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    na = np.linalg.norm(A, axis=1, keepdims=True)
    nb = np.linalg.norm(B, axis=1, keepdims=True)
    A = np.divide(A, na, out=np.zeros_like(A), where=na > 0)
    B = np.divide(B, nb, out=np.zeros_like(B), where=nb > 0)
    return A @ B.T


def match_topics(H_ref: np.ndarray, H_other: np.ndarray) -> pd.DataFrame:
    """Hungarian one-to-one matching of topics by cosine of topic-word vectors:
    ``topic, matched, cosine`` (``topic`` in the reference, ``matched`` in the other model)."""
    from scipy.optimize import linear_sum_assignment

    sim = _row_cosine(np.asarray(H_ref, float), np.asarray(H_other, float))
    rows, cols = linear_sum_assignment(sim, maximize=True)
    return pd.DataFrame({"topic": rows, "matched": cols, "cosine": sim[rows, cols]})


def stability(tokens: pd.DataFrame | None = None, k: int = DEFAULT_K, by: str = "segment", *, speech=None,
              window: int = 5, seeds=STABILITY_SEEDS, min_df: int = 2, result: TfidfResult | None = None,
              reference: TopicModel | None = None) -> pd.DataFrame:
    """Stability of the k-topic model across random restarts (see the module docstring).

    Returns one row per seed and reference topic: ``seed, topic, matched, cosine``; the overall
    stability is ``.cosine.mean()`` (see :func:`stability_score`).
    """
    result = _matrix(tokens, by, speech, window, min_df, result)
    ref = reference if reference is not None else fit_topics(k=k, result=result)
    frames = []
    for seed in seeds:
        other = fit_topics(k=k, result=result, init="random", random_state=int(seed))
        m = match_topics(ref.H, other.H)
        m.insert(0, "seed", int(seed))
        frames.append(m)
    return pd.concat(frames, ignore_index=True)


def stability_score(table: pd.DataFrame) -> float:
    """Mean matched cosine of a :func:`stability` (or :func:`loo_stability`) table."""
    return float(table["cosine"].mean())


def _on_terms(H: np.ndarray, terms, target_terms) -> np.ndarray:
    """Rows of ``H`` (over ``terms``) re-indexed onto ``target_terms`` (absent terms weigh 0)."""
    pos = {str(t): j for j, t in enumerate(terms)}
    out = np.zeros((H.shape[0], len(target_terms)))
    for i, t in enumerate(target_terms):
        j = pos.get(str(t))
        if j is not None:
            out[:, i] = H[:, j]
    return out


def loo_stability(tokens: pd.DataFrame | None = None, k: int = DEFAULT_K, by: str = "segment", *, speech=None,
                  window: int = 5, min_df: int = 2, result: TfidfResult | None = None,
                  reference: TopicModel | None = None) -> pd.DataFrame:
    """Topic stability when each document in turn is left out (module docstring).

    Returns one row per left-out document and reference topic: ``left_out`` (document label),
    ``topic``, ``matched`` (topic of the refit), ``cosine``. ``result`` reuses the TF-IDF fit of all
    documents (its ``docs`` are the documents left out one by one); ``reference`` the model to
    compare with (default: :func:`fit_topics` on ``result``).
    """
    result = _matrix(tokens, by, speech, window, min_df, result)
    ref = reference if reference is not None else fit_topics(k=k, result=result)
    docs = result.docs.reset_index(drop=True)
    if len(docs) < 3:
        raise ZhDiscourseError("leave-one-out needs at least three documents")
    frames = []
    for i, label in enumerate(docs["doc"]):
        rest = docs.drop(index=i).reset_index(drop=True)
        md = min_df if len(rest) >= 2 * min_df else 1
        sub = tfidf(None, by, docs=rest, min_df=md)
        if k > min(sub.matrix.shape):
            raise ZhDiscourseError(f"k={k} topics cannot be fitted once {label!r} is left out")
        other = fit_topics(k=k, result=sub)
        m = match_topics(ref.H, _on_terms(other.H, other.terms, ref.terms))
        m.insert(0, "left_out", str(label))
        frames.append(m)
    return pd.concat(frames, ignore_index=True)


def loo_summary(table: pd.DataFrame, *, min_cosine: float = LOO_MIN_COSINE) -> pd.DataFrame:
    """Per left-out document of a :func:`loo_stability` table: ``left_out, mean_cosine, min_cosine,
    topics_lost`` (matched cosine below ``min_cosine``), in the table's order."""
    g = table.groupby("left_out", sort=False)["cosine"]
    out = pd.DataFrame({"mean_cosine": g.mean(), "min_cosine": g.min(),
                        "topics_lost": g.apply(lambda c: int((c < min_cosine).sum()))}).reset_index()
    return out


def _doc_sets(docs: pd.DataFrame) -> list[set[str]]:
    return [set(t) for t in docs["tokens"]]


def coherence(model: TopicModel, reference_docs: pd.DataFrame | list[set[str]] | None = None, n: int = 10
              ) -> pd.DataFrame:
    """UMass and NPMI coherence of each topic's top ``n`` words (see the module docstring):
    ``topic, umass, npmi``. ``reference_docs`` defaults to the model's own documents; pass the
    sentence documents (``documents(tokens, "sentence")``) for finer co-occurrence."""
    if reference_docs is None:
        sets = _doc_sets(model.docs)
    elif isinstance(reference_docs, pd.DataFrame):
        sets = _doc_sets(reference_docs)
    else:
        sets = [set(s) for s in reference_docs]
    n_docs = len(sets)
    tt = topic_terms(model, n)
    rows = []
    for t, g in tt.groupby("topic"):
        words = g.sort_values("rank")["term"].tolist()
        df = {w: sum(1 for s in sets if w in s) for w in words}
        umass, npmi = [], []
        for i, j in combinations(range(len(words)), 2):
            wi, wj = words[i], words[j]
            co = sum(1 for s in sets if wi in s and wj in s)
            if df[wi] > 0:
                umass.append(np.log((co + 1) / df[wi]))
            if co == 0 or df[wi] == 0 or df[wj] == 0:
                npmi.append(-1.0)
            else:
                p_ij = co / n_docs
                pmi = np.log(p_ij / ((df[wi] / n_docs) * (df[wj] / n_docs)))
                npmi.append(1.0 if p_ij == 1 else pmi / -np.log(p_ij))
        rows.append({"topic": int(t), "umass": float(np.mean(umass)) if umass else np.nan,
                     "npmi": float(np.mean(npmi)) if npmi else np.nan})
    return pd.DataFrame(rows)


def choose_k(tokens: pd.DataFrame, ks=K_RANGE, by: str = "segment", *, speech=None, window: int = 5,
             seeds=STABILITY_SEEDS, min_df: int = 2, n_top: int = 10,
             coherence_by: str = "sentence", loo: bool = False, cache: bool = True,
             cache_dir=None) -> pd.DataFrame:
    """Measure every k in ``ks``: ``k, reconstruction_err, relative_err, umass, npmi, stability``
    (with ``loo=True`` also ``loo_stability``, the mean matched cosine of :func:`loo_stability`, and
    ``docs_losing_topic``, the number of documents whose omission loses at least one topic; NaN for a
    k that cannot be fitted once a document is left out).

    ``relative_err`` = ``‖X − WH‖_F / ‖X‖_F``; ``umass``/``npmi`` are means over topics with
    co-occurrence counted in ``coherence_by`` documents (sentences by default); ``stability`` is
    the mean matched cosine across ``seeds`` (module docstring). Values of k that the data cannot
    support (more topics than documents or terms) are skipped.

    The table is cached on disk (the ``topics`` cache of :mod:`zhdiscourse.util.cache`, or ``cache_dir``;
    ``cache=False`` measures without reading or writing it), keyed by the TF-IDF matrix, the documents'
    words, the parameters, this module's code and the numerical libraries' releases
    (:func:`_choose_k_key`): a table read back is the one a new measurement gives, bit for bit
    (``tests/stats/test_topics_fast_nmf.py``). The same measurement with and without the leave-one-out
    columns shares every other column, so either table, once cached, serves the other: without ``loo`` its
    columns are taken from a cached ``loo`` table; with ``loo`` only the leave-one-out columns are measured
    on top of a cached table without them.
    """
    result = _matrix(tokens, by, speech, window, min_df, None)
    ref_docs = documents(tokens, coherence_by, speech=speech, window=window)
    def measure(measured: pd.DataFrame | None = None) -> pd.DataFrame:
        return _measure_k(result, ref_docs, ks=ks, by=by, seeds=seeds, min_df=min_df, n_top=n_top, loo=loo,
                          measured=measured)

    if not cache:
        return measure()
    store = _choose_k_store(cache_dir)
    keys = {flag: _choose_k_key(result, ref_docs, ks=ks, seeds=seeds, min_df=min_df, n_top=n_top, loo=flag, by=by)
            for flag in (loo, not loo)}
    table = store.get(keys[loo])
    if table is None:
        other = store.get(keys[not loo])
        if other is None:
            table = measure()
        elif loo:
            table = measure(other)
        else:
            table = other.drop(columns=[c for c in LOO_COLUMNS if c in other.columns])
        store.put(keys[loo], table)
    return table


#: The columns that ``choose_k(..., loo=True)`` adds, in their order.
LOO_COLUMNS = ("loo_stability", "docs_losing_topic")


def _measure_k(result: TfidfResult, ref_docs: pd.DataFrame, *, ks, by, seeds, min_df, n_top, loo,
               measured: pd.DataFrame | None = None) -> pd.DataFrame:
    """The measurement of :func:`choose_k` on its TF-IDF fit and coherence documents. ``measured``: the
    table of the same measurement without the leave-one-out columns; its rows are taken as they are (the
    model of each k is fitted again for the leave-one-out refits to compare with: the same fit)."""
    x_norm = float(np.sqrt(result.matrix.multiply(result.matrix).sum()))
    known = {} if measured is None else {int(r["k"]): r for r in measured.to_dict("records")}
    rows = []
    for k in ks:
        if k < 1 or k > min(result.matrix.shape):
            continue
        model = fit_topics(k=k, result=result)
        if int(k) in known:
            row = {c: v for c, v in known[int(k)].items() if c not in LOO_COLUMNS}
        else:
            coh = coherence(model, ref_docs, n=n_top)
            stab = stability(k=k, result=result, seeds=seeds, reference=model)
            row = {"k": int(k), "reconstruction_err": model.reconstruction_err,
                   "relative_err": model.reconstruction_err / x_norm if x_norm else np.nan,
                   "umass": float(coh["umass"].mean()), "npmi": float(coh["npmi"].mean()),
                   "stability": stability_score(stab)}
        if loo:
            try:
                lo = loo_stability(k=k, by=by, result=result, reference=model, min_df=min_df)
            except ZhDiscourseError:  # k too large once a document is left out: not measurable
                row["loo_stability"], row["docs_losing_topic"] = np.nan, np.nan
            else:
                row["loo_stability"] = stability_score(lo)
                row["docs_losing_topic"] = int((loo_summary(lo)["topics_lost"] > 0).sum())
        rows.append(row)
    if not rows:
        raise ZhDiscourseError("no k in the range can be fitted on this text")
    return pd.DataFrame(rows)


#: Bump when what :func:`choose_k` measures changes in a way the code fingerprint cannot see.
CHOOSE_K_CACHE_VERSION = "choose-k-1"


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """A hash of what :func:`choose_k`'s table depends on besides its inputs: the source of this module
    and of :mod:`.weighting` (TF-IDF refits), and the releases of numpy, scipy, scikit-learn and pandas."""
    from importlib import metadata

    h = hashlib.sha256(CHOOSE_K_CACHE_VERSION.encode())
    for f in (Path(__file__), Path(__file__).with_name("weighting.py")):
        h.update(f.read_bytes() + b"\0")
    for dist in ("numpy", "scipy", "scikit-learn", "pandas"):
        try:
            h.update(f"{dist}={metadata.version(dist)}\0".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{dist}=?\0".encode())
    return h.hexdigest()


def _choose_k_key(result: TfidfResult, ref_docs: pd.DataFrame, *, ks, seeds, min_df, n_top, loo, by) -> str:
    """The hash that names a cached :func:`choose_k` table: the code (:func:`_code_fingerprint`), the
    parameters, the TF-IDF matrix and its terms, and the words of every modelling and coherence
    document (the leave-one-out refits start again from the documents' words)."""
    h = hashlib.sha256(_code_fingerprint().encode())

    def put(b: bytes) -> None:
        h.update(len(b).to_bytes(8, "little"))
        h.update(b)

    put(repr(([int(k) for k in ks], [int(x) for x in seeds], min_df, int(n_top), bool(loo), str(by))).encode())
    m = result.matrix
    put(repr(m.shape).encode())
    put(np.ascontiguousarray(m.data, dtype=np.float64).tobytes())
    put(np.ascontiguousarray(m.indices, dtype=np.int64).tobytes())
    put(np.ascontiguousarray(m.indptr, dtype=np.int64).tobytes())
    put("\x1f".join(map(str, result.terms)).encode("utf-8", "surrogatepass"))
    for frame in (result.docs, ref_docs):
        put(str(len(frame)).encode())
        for doc, section, toks in zip(frame["doc"], frame["section"], frame["tokens"]):
            put(f"{doc}\x1e{section}\x1e{chr(31).join(map(str, toks))}".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _choose_k_store(cache_dir=None) -> DiskCache:
    return DiskCache.named("topics", cache_dir, prefix="choose-k-", ext="pkl", key_chars=32,
                           check=lambda v: isinstance(v, pd.DataFrame) and "k" in v.columns)


def select_k(table: pd.DataFrame, *, min_stability: float = MIN_STABILITY) -> int:
    """The rule that picks k from a :func:`choose_k` table.

    Among the k whose stability is at least ``min_stability`` (topics that random restarts find
    again), take the one with the highest mean NPMI coherence; ties go to the smaller k. If no k is
    that stable, take the most stable k. (Reconstruction error always falls as k grows, so it is
    reported but cannot pick k on its own.)
    """
    if table.empty:
        raise ZhDiscourseError("empty choose_k table")
    ok = table[table["stability"] >= min_stability]
    if ok.empty:
        best = table.sort_values(["stability", "k"], ascending=[False, True]).iloc[0]
    else:
        best = ok.sort_values(["npmi", "k"], ascending=[False, True]).iloc[0]
    return int(best["k"])
