"""The discourse toolkit (issue 15) runs on every development text: the laws and regulations, the State
Council documents, and two CPC congress reports (the 3rd, converted from traditional characters, and the
18th, with parts and sub-points). Each analysis must give a well-formed result, its figure must draw,
and every span must point into the text."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

from zhdiscourse import load_speech, tokens  # noqa: E402
from zhdiscourse.errors import ZhDiscourseError  # noqa: E402
from zhdiscourse.patterns import (  # noqa: E402
    addressee_table,
    agency_table,
    clause_subjects,
    directive_addressees,
    directive_voice,
    reporting_frames,
    voice_table,
)
from zhdiscourse.plots import discourse as dplot  # noqa: E402
from zhdiscourse.plots.base import project_style  # noqa: E402
from zhdiscourse.plots.network import collocation_network  # noqa: E402
from zhdiscourse.stats import (  # noqa: E402
    collocates,
    collocation_edges,
    context_words,
    diversity,
    frequencies,
    kwic,
    lexicon_keyness,
    lexicon_matches,
    lexicon_rates,
    sort_kwic,
)
from zhdiscourse.text.corpus import load_jsonl  # noqa: E402
from zhdiscourse.text.model import choose_unit  # noqa: E402

DEV = Path(__file__).resolve().parent / "text" / "data" / "dev-texts"
FILES = sorted(p.name for p in DEV.glob("*.txt"))
CPC_DOCS = ("resolution-003", "resolution-013")


def _speech(name: str):
    if name.endswith(".txt"):
        return load_speech(DEV / name)
    corpus = load_jsonl(DEV / "cpc_congress_reports_1-18.jsonl")
    return next(d for d in corpus if d.id == name).speech()


def _unit(speech) -> str:
    try:
        return choose_unit(speech, "section", ("subsection",))[0]
    except ZhDiscourseError:
        return "text"


def _close(fig):
    import matplotlib.pyplot as plt

    fig.canvas.draw()
    plt.close(fig)


def test_the_texts_are_there():
    assert len(FILES) == 6


@pytest.mark.parametrize("name", FILES + list(CPC_DOCS))
def test_toolkit_on_a_development_text(name):
    sp = _speech(name)
    text = sp.text
    tok = tokens(sp)
    unit = _unit(sp)
    col = None if unit == "text" else unit
    # collocates, the sorted concordance and the network of the most frequent content word
    fr = frequencies(tok, drop_stopwords=True, drop_num=True)
    node = next(t for t in fr["token"] if len(t) >= 2)
    co = collocates(tok, node, window=5)
    assert len(co) and (co["observed"] == co["left"] + co["right"]).all() and (co["expected"] > 0).all()
    kw = sort_kwic(context_words(kwic(sp, node, window=5, table=tok), tok, 2), "1R,2R")
    assert len(kw) >= co.attrs["node_freq"] and kw["1R"].tolist() == sorted(kw["1R"])
    assert all(text[a:b] == k for a, b, k in zip(kw["start"], kw["end"], kw["keyword"]))
    edges = collocation_edges(tok, node, depth=2, per_node=5)
    # reported and enacted directives, addressees, agency
    frames = reporting_frames(sp, table=tok)
    voice = directive_voice(sp, table=tok, frames=frames)
    vt = voice_table(sp, unit, voice=voice, frames=frames)
    spans = [(sp.body_start, sp.body_end)] if unit == "text" else [(a, b) for _u, a, b in sp.units(unit)]
    inside = sum(any(a <= x < b for a, b in spans) for x in voice["start"])
    assert vt["events"].sum() == inside  # events before the first part belong to no part
    addr = directive_addressees(sp, table=tok)
    assert len(addr) == len(voice)
    assert all(text[a:b] == w for a, b, w in zip(addr["addressee_start"], addr["addressee_end"], addr["addressee"]))
    subj = clause_subjects(sp, table=tok)
    assert all(text[a:b] == w for a, b, w in zip(subj["start"], subj["end"], subj["text"]))
    assert set(subj["role"]) <= {"reports", "acts", "ordered"}
    ag = agency_table(subj, col)
    at = addressee_table(addr, col)
    # lexicons, keyness against the other texts, diversity
    m = lexicon_matches(tok, "war")
    assert all(text[a:b] == t for a, b, t in zip(m["start"], m["end"], m["term"]))
    rates = lexicon_rates(tok, "war", unit, matches=m)
    assert rates[rates["term"] == "[all]"]["count"].sum() == len(m) or unit != "text"
    lexicon_rates(tok, "stance", unit)
    other = tokens(_speech(FILES[0] if name != FILES[0] else FILES[1]))
    kt = lexicon_keyness(tok, [other], "stance", min_freq=1)
    assert kt.iloc[0]["term"] == "[all]"
    div = diversity(tok, unit, speech=sp)
    assert len(div) >= 1 and (div["n_tokens"] >= div["sample"]).all()
    with project_style():
        _close(collocation_network(edges))
        _close(dplot.plot_voice(vt))
        _close(dplot.plot_addressees(at))
        _close(dplot.plot_agency(ag))
        _close(dplot.plot_lexicon_profile(rates))
        _close(dplot.plot_diversity(div))
