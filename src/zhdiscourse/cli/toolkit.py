"""Commands of the discourse analyst's toolkit: ``collocates``, ``agency``, ``voice`` (reported against
enacted directives), ``addressees``, ``lexicon`` (war metaphors, stance words) and ``diversity``.

Each prints a readable table by default, ``--json`` or ``--csv`` for export. Per-part tables fall back
to sub-points, then to the whole text, when the text has fewer than two parts (the study's one rule,
:func:`zhdiscourse.text.model.choose_unit`), and say so on stderr.
"""

from __future__ import annotations

from ..errors import ZhDiscourseError
from ..patterns.addressees import addressee_table, directive_addressees
from ..patterns.agency import agency_table, clause_subjects
from ..patterns.reporting import directive_voice, reporting_frames, voice_table
from ..stats.lexdiv import diversity
from ..stats.lexica import LEXICONS, lexicon_keyness, lexicon_matches, lexicon_rates
from ..stats.window_collocates import MEASURES, collocates
from ..text.corpus import open_corpus
from ..text.model import UNIT_NAMES, choose_unit
from ..tokenize.corpus import token_tables
from ..tokenize.table import tokens
from .common import Output, add_by, add_format, add_path, command, non_negative, positive, unit_word

UNIT_CHOICES = ("section", "subsection", "segment", "text")
#: Units of the per-clause tables (agency, addressees): the columns their records carry.
CLAUSE_UNITS = ("section", "subsection", "text")


def _unit(speech, by: str, what: str) -> tuple[str, list[str]]:
    """``by`` when the text has two such units, else sub-points, else the whole text (with a note)."""
    if by == "text":
        return "text", []
    try:
        unit, why = choose_unit(speech, by, ("subsection",) if by == "section" else ())
    except ZhDiscourseError:
        return "text", [f"{what}: the text has fewer than two {UNIT_NAMES[by]}; counted over the whole text"]
    return unit, [f"{what}: {why}"] if why else []


def compute_collocates(args, speech) -> Output:
    table = collocates(tokens(speech), args.node, window=args.window, left=args.left, right=args.right,
                       within="text" if args.across_sentences else "sentence", min_freq=args.min_freq,
                       min_collocate_freq=args.min_collocate_freq, content_only=not args.all_tokens,
                       measure=args.measure, top=args.top)
    a = table.attrs
    title = (f"Collocates of {a['node']!r} ({a['node_freq']} occurrences as a token, {a['string_matches']} as a "
             f"string): window {a['left']}L {a['right']}R within each "
             f"{'text' if a['within'] == 'text' else 'sentence'}, {a['window_tokens']:,} window slots in "
             f"{a['corpus_size']:,} word tokens; {'content words' if a['content_only'] else 'all tokens'}, "
             f"observed ≥ {a['min_freq']}; sorted by {a['measure']}")
    view = table[["collocate", "observed", "left", "right", "expected", "collocate_freq", "mi", "t_score",
                  "log_likelihood", "log_dice"]].round(3)
    payload = {"node": a["node"], "node_freq": a["node_freq"], "string_matches": a["string_matches"],
               "left": a["left"], "right": a["right"], "within": a["within"], "window_tokens": a["window_tokens"],
               "corpus_size": a["corpus_size"], "content_only": a["content_only"], "measure": a["measure"],
               "collocates": table}
    return Output(table=table, json=payload, view=view, title=title)


def compute_agency(args, speech) -> Output:
    by, notes = _unit(speech, args.by, "agency")
    subj = clause_subjects(speech)
    table = agency_table(subj, None if by == "text" else by)
    view = table.assign(share=table["share"].round(3))
    who = subj[subj["stated"] & (subj["role"] != "acts")].groupby(["role", "text"]).size() \
        .rename("clauses").reset_index().sort_values(["role", "clauses"], ascending=[True, False], kind="stable")
    return Output(table=table, json={"by": by, "table": table, "subjects": subj}, view=view, notes=notes,
                  title=f"Clauses per {unit_word(by)}, role and subject group (reports: 要求/强调…; ordered: 要/必须… after "
                        "the subject)", extra=[("Stated subjects that report or are ordered", who.head(args.top))])


def compute_voice(args, speech) -> Output:
    by, notes = _unit(speech, args.by, "voice")
    frames = reporting_frames(speech)
    voice = directive_voice(speech, frames=frames)
    table = voice_table(speech, by, voice=voice, frames=frames)
    rep = frames[frames["status"] == "reported"]
    examples = rep.assign(content=[speech.text[a:b][:60] for a, b in zip(rep["content_start"], rep["content_end"])])
    return Output(table=table, json={"by": by, "table": table, "frames": frames, "events": voice},
                  view=table.round(3), notes=notes,
                  title=f"Directive markers per {unit_word(by)}: reported (inside 要求/强调/指出/提出/部署 frames) and enacted",
                  extra=[("Reported frames", examples[["marker", "section", "content"]].head(args.top))])


def compute_addressees(args, speech) -> Output:
    by, notes = _unit(speech, args.by, "addressees")
    addr = directive_addressees(speech)
    table = addressee_table(addr, None if by == "text" else by, voice=None if args.all else "enacted")
    stated = addr[addr["stated"] & ~addr["chained"]].groupby(["addressee", "group"]).size().rename("directives") \
        .reset_index().sort_values("directives", ascending=False, kind="stable")
    return Output(table=table, json={"by": by, "table": table, "addressees": addr}, view=table.round(3),
                  notes=notes, title=(f"Directives per {unit_word(by)} by addressee group ("
                                      f"{'all' if args.all else 'enacted'} directives, chained markers left out)"),
                  extra=[("Addressees named before the marker", stated.head(args.top))])


def compute_lexicon(args, speech) -> Output:
    by, notes = _unit(speech, args.by, "lexicon")
    tok = tokens(speech)
    matches = lexicon_matches(tok, args.lexicon)
    rates = lexicon_rates(tok, args.lexicon, by, matches=matches)
    cats = rates[rates["term"].str.startswith("[")].pivot_table(index="term", columns="doc", values="per_1k",
                                                                 sort=False).round(2).reset_index()
    counts = matches["term"].value_counts().rename("count").reset_index()
    extra = [("Per 1,000 word tokens", cats), ("Terms found", counts.head(args.top))]
    payload = {"by": by, "rates": rates, "matches": matches}
    if args.reference:
        corpus = open_corpus(args.reference).select(None if args.kind == "all" else args.kind)
        tables = token_tables(corpus)
        kt = lexicon_keyness(tok, tables.values(), args.lexicon)
        payload["keyness"] = kt
        extra.append((f"Keyness against {args.reference} ({kt.attrs['n_docs']} documents; Fisher, BH per level)",
                      kt[["term", "level", "freq", "freq_ref", "per_1k", "per_1k_ref", "log_ratio", "p_adj",
                          "significant"]].round(4)))
    return Output(table=rates, json=payload, notes=notes, view=extra[0][1], extra=extra[1:],
                  title=f"Lexicon {args.lexicon!r}: {len(matches)} matches; per 1,000 word tokens per {unit_word(by)}")


def compute_diversity(args, speech) -> Output:
    by, notes = _unit(speech, args.by, "diversity")
    table = diversity(tokens(speech), by, speech=speech, sample=args.sample, draws=args.draws, seed=args.seed,
                      window=args.window)
    a = table.attrs
    return Output(table=table, json={"by": by, "sample": a["sample"], "draws": a["draws"], "seed": a["seed"],
                                     "window": a["window"], "table": table}, view=table.round(3), notes=notes,
                  title=(f"Lexical diversity per {unit_word(by)}: TTR on {a['draws']} samples of {a['sample']} tokens (seed "
                         f"{a['seed']}), MATTR window {a['window']}; sentence and clause length in characters"))


def _per_unit_parser(sub, name: str, help_text: str, units, listed: str, compute):
    """A command on one text with ``--by`` (units, parts by default), ``--top`` and the output format."""
    p = sub.add_parser(name, help=help_text)
    add_path(p)
    add_by(p, units, "section", "units")
    p.add_argument("--top", type=non_negative, default=20, metavar="N", help=f"{listed} listed (20)")
    add_format(p)
    p.set_defaults(func=command(compute))
    return p


def register(sub) -> None:
    p = sub.add_parser("collocates", help="collocates of one word: MI, T-score, log-likelihood, log-Dice")
    add_path(p)
    p.add_argument("node", metavar="WORD", help="the node word (a whole token of the text)")
    p.add_argument("--window", type=non_negative, default=5, metavar="N", help="tokens on each side (5)")
    p.add_argument("--left", type=non_negative, default=None, metavar="N", help="tokens on the left (default --window)")
    p.add_argument("--right", type=non_negative, default=None, metavar="N",
                   help="tokens on the right (default --window)")
    p.add_argument("--across-sentences", action="store_true", help="let windows cross sentence ends")
    p.add_argument("--min-freq", type=positive, default=2, metavar="N", help="minimum co-occurrences (2)")
    p.add_argument("--min-collocate-freq", type=positive, default=1, metavar="N",
                   help="minimum frequency of the collocate in the text (1)")
    p.add_argument("--all-tokens", action="store_true", help="stopwords and numerals as collocates too")
    p.add_argument("--measure", choices=MEASURES, default="log_likelihood", help="sort by (log_likelihood)")
    p.add_argument("--top", type=non_negative, default=30, metavar="N", help="rows to show (30)")
    add_format(p)
    p.set_defaults(func=command(compute_collocates))

    _per_unit_parser(sub, "agency", "who reports, who acts, who is ordered: subjects of clauses per part",
                     CLAUSE_UNITS, "subjects", compute_agency)
    _per_unit_parser(sub, "voice", "reported directives (要求, 强调 … frames) against enacted ones, per part",
                     UNIT_CHOICES, "frames", compute_voice)
    p = _per_unit_parser(sub, "addressees", "the subject before each directive marker (各级…要), per part",
                         CLAUSE_UNITS, "addressees", compute_addressees)
    p.add_argument("--all", action="store_true", help="reported directives too (default: the speaker's own)")

    p = sub.add_parser("lexicon", help="a word list per part (war metaphors, stance words), keyness vs a corpus")
    add_path(p)
    p.add_argument("--lexicon", default="war", metavar="NAME",
                   help=f"{' or '.join(LEXICONS)} (bundled, editable) or a file 'category: term …' (war)")
    add_by(p, UNIT_CHOICES, "section", "units")
    p.add_argument("--reference", metavar="CORPUS", default=None,
                   help="keyness against this corpus (.jsonl or folder of .txt)")
    p.add_argument("--kind", choices=("report", "resolution", "text", "all"), default="report",
                   help="with --reference: documents of this kind (report)")
    p.add_argument("--top", type=non_negative, default=30, metavar="N", help="terms listed (30)")
    add_format(p)
    p.set_defaults(func=command(compute_lexicon))

    p = sub.add_parser("diversity", help="type-token ratio on equal samples, MATTR, sentence and clause length")
    add_path(p)
    add_by(p, UNIT_CHOICES, "section", "units")
    p.add_argument("--sample", type=positive, default=None, metavar="N",
                   help="tokens per sample (default: the smallest unit)")
    p.add_argument("--draws", type=positive, default=200, metavar="N", help="samples per unit (200)")
    p.add_argument("--seed", type=non_negative, default=0, metavar="N", help="random seed (0)")
    p.add_argument("--window", type=positive, default=50, metavar="N", help="MATTR window in tokens (50)")
    add_format(p)
    p.set_defaults(func=command(compute_diversity))
