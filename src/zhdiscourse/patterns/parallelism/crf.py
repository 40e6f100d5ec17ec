"""A small linear-chain CRF over clauses, in NumPy: Viterbi decoding, marginals, and training (L-BFGS).

Labels (:data:`LABELS`) tag each clause of a line:

``O``   outside any series;
``B``   the first clause of the first member of a series;
``I1``  a further clause of the first member;
``M``   the first clause of a later member;
``I``   a further clause of a later member.

:data:`ALLOWED` keeps the decoded sequences well formed: a series opens with ``B``, reaches ``M`` before it
can end, and may only end after a later member (so every decoded series has at least two members).
Emission scores are a linear function of binary clause features (``X @ W``); transitions are learned
among the allowed pairs only. Training minimises the negative log-likelihood plus an L2 penalty, with
all sequences of a batch padded to one length so that the forward-backward recursions are vectorised.
"""

from __future__ import annotations

import numpy as np

LABELS = ("O", "B", "I1", "M", "I")
L = len(LABELS)
_O, _B, _I1, _M, _I = range(L)
NEG = -1e4

#: Allowed transitions ``ALLOWED[prev, next]``, starts and ends.
ALLOWED = np.zeros((L, L), dtype=bool)
for _a, _bs in {_O: (_O, _B), _B: (_I1, _M), _I1: (_I1, _M), _M: (_I, _M, _O, _B), _I: (_I, _M, _O, _B)}.items():
    ALLOWED[_a, list(_bs)] = True
ALLOWED_START = np.array([True, True, False, False, False])
ALLOWED_END = np.array([True, False, False, True, True])


def _lse(a: np.ndarray, axis: int) -> np.ndarray:
    m = a.max(axis=axis, keepdims=True)
    return (m + np.log(np.exp(a - m).sum(axis=axis, keepdims=True))).squeeze(axis)


def _masked(trans: np.ndarray, start: np.ndarray, end: np.ndarray):
    return (np.where(ALLOWED, trans, NEG), np.where(ALLOWED_START, start, NEG), np.where(ALLOWED_END, end, NEG))


class Prepared:
    """The masked transition, start and end scores and their exponentials, computed once per model
    (what :func:`viterbi` and :func:`marginals` compute on every call)."""

    def __init__(self, trans: np.ndarray, start: np.ndarray, end: np.ndarray):
        self.tr, self.st, self.en = _masked(trans, start, end)
        self.A = np.exp(self.tr)  # disallowed transitions: exp(NEG) = 0
        self.a0 = np.exp(self.st - self.st.max())
        self.b0 = np.exp(self.en - self.en.max())


def viterbi(em: np.ndarray, trans: np.ndarray, start: np.ndarray, end: np.ndarray) -> list[int]:
    """Best label sequence for one emission matrix ``em`` (T × L)."""
    return viterbi_prepared(em, Prepared(trans, start, end))


def viterbi_prepared(em: np.ndarray, prep: Prepared) -> list[int]:
    """:func:`viterbi` with the model's :class:`Prepared` scores."""
    T = em.shape[0]
    if T == 0:
        return []
    tr, st, en = prep.tr, prep.st, prep.en
    score = st + em[0]
    back = np.zeros((T, L), dtype=np.int64)
    for t in range(1, T):
        cand = score[:, None] + tr
        back[t] = cand.argmax(axis=0)
        score = cand.max(axis=0) + em[t]
    score = score + en
    best = [int(score.argmax())]
    for t in range(T - 1, 0, -1):
        best.append(int(back[t, best[-1]]))
    return best[::-1]


#: how much padding a block of :func:`viterbi_lines` / :func:`marginals_lines` may cost: at most this many times
#: the block's real steps, so that the cost stays linear in the text's length whatever its lines' lengths
#: (one long line among many short ones is a block of its own)
BLOCK_WASTE = 2.0


def _in_blocks(block, ems: list[np.ndarray], prep: Prepared) -> list:
    """``block`` (one recursion over several sequences, padded to the longest) run over groups of ``ems`` of
    similar length (:func:`_buckets`); the results in the order of ``ems``. Each sequence's result does not
    depend on the others in its block."""
    out: list = [None] * len(ems)
    for group in _buckets([len(em) for em in ems], BLOCK_WASTE):
        for i, res in zip(group, block([ems[i] for i in group], prep)):
            out[i] = res
    return out


def viterbi_lines(ems: list[np.ndarray], prep: Prepared) -> list[list[int]]:
    """:func:`viterbi_prepared` of each emission matrix of ``ems`` (of any lengths, each at least one step), in
    blocks of similar length (:func:`_in_blocks`)."""
    return _in_blocks(_viterbi_block, ems, prep)


def marginals_lines(ems: list[np.ndarray], prep: Prepared) -> list[np.ndarray]:
    """:func:`marginals_prepared` of each emission matrix of ``ems`` (of any lengths), bit for bit, in blocks of
    similar length (:func:`_in_blocks`)."""
    return _in_blocks(_marginals_block, ems, prep)


def _viterbi_block(ems: list[np.ndarray], prep: Prepared) -> list[list[int]]:
    """:func:`viterbi_prepared` of each emission matrix of ``ems`` (of any lengths, each at least one step), with
    one recursion for all of them (aligned at their starts): every score is the same sum as in the one-sequence
    recursion (additions and maxima element by element), a sequence's last scores are taken at its own last
    step, and its labels are traced back from there; ties go to the first label as there."""
    if not ems:
        return []
    lengths = np.fromiter((len(em) for em in ems), dtype=np.int64, count=len(ems))
    B, T = len(ems), int(lengths.max())
    em_all = np.zeros((B, T, L))
    for b, em in enumerate(ems):
        em_all[b, :len(em)] = em
    tr = prep.tr[None, :, :]
    score = prep.st + em_all[:, 0]
    last = np.empty((B, L))
    done = lengths == 1
    last[done] = score[done] + prep.en
    back = np.zeros((B, T, L), dtype=np.int64)
    for t in range(1, T):
        cand = score[:, :, None] + tr
        back[:, t] = cand.argmax(axis=1)
        score = cand.max(axis=1) + em_all[:, t]
        done = lengths == t + 1
        last[done] = score[done] + prep.en
    out = np.zeros((B, T), dtype=np.int64)
    cur = last.argmax(axis=1)
    out[np.arange(B), lengths - 1] = cur
    for t in range(T - 1, 0, -1):
        on = np.flatnonzero(lengths > t)  # the sequences that reach step t
        cur[on] = back[on, t, cur[on]]
        out[on, t - 1] = cur[on]
    rows = out.tolist()
    return [row[:n] for row, n in zip(rows, lengths.tolist())]


def marginals(em: np.ndarray, trans: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Posterior label probabilities (T × L) of one sequence (forward-backward, in probability space with
    each step rescaled to sum 1: the same posteriors as in log space, to rounding, at half the cost)."""
    return marginals_prepared(em, Prepared(trans, start, end))


def marginals_prepared(em: np.ndarray, prep: Prepared) -> np.ndarray:
    """:func:`marginals` with the model's :class:`Prepared` scores."""
    T = em.shape[0]
    if T == 0:
        return np.zeros((0, L))
    E = np.exp(em - em.max(axis=1, keepdims=True))
    A = prep.A
    alpha = np.empty((T, L))
    beta = np.empty((T, L))
    a = prep.a0 * E[0]
    a /= a.sum()
    alpha[0] = a
    for t in range(1, T):
        a = (a @ A) * E[t]
        a /= a.sum()
        alpha[t] = a
    b = prep.b0
    beta[T - 1] = b
    for t in range(T - 2, -1, -1):
        b = A @ (E[t + 1] * b)
        b /= b.sum()
        beta[t] = b
    p = alpha * beta
    return p / p.sum(axis=1, keepdims=True)


def _marginals_block(ems: list[np.ndarray], prep: Prepared) -> list[np.ndarray]:
    """:func:`marginals_prepared` of each emission matrix of ``ems`` (of any lengths), bit for bit, with one
    recursion for all of them: each step computes every sequence's row with the same operations as the
    one-sequence recursion (element-wise steps; a row's sum of its L values; each product with the transition
    matrix a ``matmul`` of one row, 1 × L times L × L or L × L times L × 1, stacked), the sequences aligned at
    their starts for the forward pass and at their ends for the backward pass; the steps beyond a sequence's
    length compute values that are not used."""
    lengths = np.fromiter((len(em) for em in ems), dtype=np.int64, count=len(ems))
    n = int(lengths.sum())
    if n == 0:
        return [np.zeros((0, L)) for _ in ems]
    B, T = len(ems), int(lengths.max())
    every = np.concatenate(ems)
    E_all = np.exp(every - every.max(axis=1, keepdims=True))
    row = np.repeat(np.arange(B), lengths)
    first = np.repeat(np.cumsum(lengths) - lengths, lengths)
    t = np.arange(n) - first  # each emission's step in its own sequence
    late = t + np.repeat(T - lengths, lengths)  # … and in the sequences aligned at their ends
    A = prep.A
    E = np.ones((B, T, L))
    E[row, t] = E_all
    alpha = np.empty((B, T, L))
    a = prep.a0 * E[:, 0]
    a /= a.sum(axis=1, keepdims=True)
    alpha[:, 0] = a
    for k in range(1, T):
        a = np.matmul(a[:, None, :], A)[:, 0] * E[:, k]
        a /= a.sum(axis=1, keepdims=True)
        alpha[:, k] = a
    E = np.ones((B, T, L))
    E[row, late] = E_all
    beta = np.empty((B, T, L))
    b = np.broadcast_to(prep.b0, (B, L))
    beta[:, T - 1] = b
    for k in range(T - 2, -1, -1):
        b = np.matmul(A, (E[:, k + 1] * b)[:, :, None])[:, :, 0]
        b /= b.sum(axis=1, keepdims=True)
        beta[:, k] = b
    p = alpha[row, t] * beta[row, late]
    p = p / p.sum(axis=1, keepdims=True)
    return np.split(p, np.cumsum(lengths)[:-1])


# --------------------------------------------------------------------------------------------------
# training
# --------------------------------------------------------------------------------------------------

def _pad(seqs: list[tuple[np.ndarray, list[int]]], n_feat: int):
    """Stack sequences: one CSR matrix of all clause rows, per-sequence offsets, padded labels."""
    from scipy.sparse import csr_matrix  # training only: scipy is not imported to tag

    offsets = [0]
    for feats, _y in seqs:
        offsets.append(offsets[-1] + len(feats))
    n = offsets[-1]
    data_r, data_c = [], []
    k = 0
    for feats, _y in seqs:
        for ids in feats:
            data_r.extend([k] * len(ids))
            data_c.extend(ids)
            k += 1
    X = csr_matrix((np.ones(len(data_r)), (data_r, data_c)), shape=(n, n_feat))
    S, T = len(seqs), max(len(y) for _f, y in seqs)
    Y = np.zeros((S, T), dtype=np.int64)
    mask = np.zeros((S, T), dtype=bool)
    idx = np.zeros((S, T), dtype=np.int64)
    for s, (_f, y) in enumerate(seqs):
        Y[s, :len(y)] = y
        mask[s, :len(y)] = True
        idx[s, :len(y)] = np.arange(offsets[s], offsets[s] + len(y))
    return X, X.T.tocsr(), Y, mask, idx


def _buckets(lengths: list[int], max_waste: float = 1.25) -> list[list[int]]:
    """Sequence indices grouped by length (shortest first) so that padding a group to its longest
    sequence costs at most ``max_waste`` times its real size (one group per similar length)."""
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i], i))
    out: list[list[int]] = []
    total = 0
    for i in order:
        if out and lengths[i] * (len(out[-1]) + 1) <= max_waste * (total + lengths[i]):
            out[-1].append(i)
            total += lengths[i]
        else:
            out.append([i])
            total = lengths[i]
    return out


def train(seqs: list[tuple[list[list[int]], list[int]]], n_feat: int, l2: float = 1.0, maxiter: int = 200,
          seed: int = 0) -> dict[str, np.ndarray]:
    """Fit W (n_feat × L), trans (L × L), start, end on ``seqs`` (per sequence: the feature ids of each
    clause and its gold labels) by L-BFGS on the L2-penalised negative log-likelihood. Deterministic
    (the start point is zero; ``seed`` only orders nothing random and is kept for the record).
    Sequences are padded in groups of similar length (:func:`_buckets`), so the forward-backward
    recursions are vectorised without padding every line to the longest one."""
    from scipy.optimize import minimize  # training only: scipy is not imported to tag

    seqs = [(f, y) for f, y in seqs if len(y)]
    batches = [_pad([seqs[i] for i in grp], n_feat) for grp in _buckets([len(y) for _f, y in seqs])]
    n_w = n_feat * L

    def unpack(theta):
        W = theta[:n_w].reshape(n_feat, L)
        trans = theta[n_w:n_w + L * L].reshape(L, L)
        start = theta[n_w + L * L:n_w + L * L + L]
        end = theta[n_w + L * L + L:]
        return W, trans, start, end

    def batch(W, tr, st, en, X, Xt, Y, mask, idx):
        S, T = Y.shape
        lens = mask.sum(1)
        last = lens - 1
        E_all = X @ W  # N × L
        E = E_all[idx]  # S × T × L (padding rows read row 0; masked below)
        alpha = np.zeros((S, T, L))
        alpha[:, 0] = st + E[:, 0]
        for t in range(1, T):
            nxt = _lse(alpha[:, t - 1][:, :, None] + tr[None], 1) + E[:, t]
            alpha[:, t] = np.where(mask[:, t, None], nxt, alpha[:, t - 1])
        beta = np.zeros((S, T, L))
        ends = np.zeros((S, T), dtype=bool)
        ends[np.arange(S), last] = True
        beta[:, T - 1] = np.where(ends[:, T - 1, None], en, 0.0)
        for t in range(T - 2, -1, -1):
            nxt = _lse(tr[None] + (E[:, t + 1] + beta[:, t + 1])[:, None, :], 2)
            beta[:, t] = np.where(ends[:, t, None], en, np.where(mask[:, t + 1, None], nxt, 0.0))
        a_last = alpha[np.arange(S), last]
        logz = _lse(a_last + en, 1)
        # gold score
        ar = np.arange(S)
        gold = st[Y[:, 0]] + E[ar, 0, Y[:, 0]]
        for t in range(1, T):
            m = mask[:, t]
            gold = gold + np.where(m, tr[Y[:, t - 1], Y[:, t]] + E[ar, t, Y[:, t]], 0.0)
        gold = gold + en[Y[ar, last]]
        nll = float((logz - gold).sum())
        # marginals
        P = np.exp(alpha + beta - logz[:, None, None]) * mask[:, :, None]
        Yoh = np.zeros((S, T, L))
        Yoh[ar[:, None], np.arange(T)[None, :], Y] = 1.0
        Yoh *= mask[:, :, None]
        diff = P - Yoh  # expected - observed
        D = np.zeros((X.shape[0], L))
        D[idx[mask]] = diff[mask]
        gW = Xt @ D
        # transitions
        g_tr = np.zeros((L, L))
        for t in range(1, T):
            m = mask[:, t]
            if not m.any():
                continue
            xi = np.exp(alpha[m, t - 1][:, :, None] + tr[None] + (E[m, t] + beta[m, t])[:, None, :]
                        - logz[m][:, None, None])
            g_tr += xi.sum(0)
            np.add.at(g_tr, (Y[m, t - 1], Y[m, t]), -1.0)
        g_st = P[:, 0].sum(0) - np.bincount(Y[:, 0], minlength=L)
        p_last = P[ar, last]
        g_en = p_last.sum(0) - np.bincount(Y[ar, last], minlength=L)
        return nll, gW, g_tr, g_st, g_en

    def f_and_g(theta):
        W, trans, start, end = unpack(theta)
        tr, st, en = _masked(trans, start, end)
        nll = 0.0
        gW = np.zeros((n_feat, L))
        g_tr, g_st, g_en = np.zeros((L, L)), np.zeros(L), np.zeros(L)
        for X, Xt, Y, mask, idx in batches:
            a, b, c, d, e = batch(W, tr, st, en, X, Xt, Y, mask, idx)
            nll += a
            gW += b
            g_tr += c
            g_st += d
            g_en += e
        g_tr = np.where(ALLOWED, g_tr, 0.0)
        g_st = np.where(ALLOWED_START, g_st, 0.0)
        g_en = np.where(ALLOWED_END, g_en, 0.0)
        grad = np.concatenate([gW.ravel(), g_tr.ravel(), g_st, g_en])
        nll += 0.5 * l2 * float(theta @ theta)
        grad = grad + l2 * theta
        return nll, grad

    theta0 = np.zeros(n_w + L * L + 2 * L)
    res = minimize(f_and_g, theta0, jac=True, method="L-BFGS-B", options={"maxiter": maxiter})
    W, trans, start, end = unpack(res.x)
    return {"W": W, "trans": trans, "start": start, "end": end, "nll": float(res.fun), "iterations": int(res.nit)}
