"""``zhdiscourse corpus PATH [--kind K] [--json|--csv]``: the documents of a corpus (a JSONL file or
a folder of ``.txt`` files), one row each, with year, kind, characters, script (traditional?) and the
parts and sub-points the structure parser finds."""

from __future__ import annotations

from .cli_common import add_format, emit


def cmd_corpus(args) -> int:
    from .corpus import open_corpus, structure_table

    corpus = open_corpus(args.path)
    if args.kind:
        corpus = corpus.filter(args.kind)
    table = structure_table(corpus)
    meta = corpus.to_frame(text=False).set_index("id")
    table.insert(2, "title", table["id"].map(meta["title"]))
    cols = ["id", "year", "kind", "title", "chars", "script", "parts", "part_style", "subpoints",
            "sub_styles", "sentences", "unused"]
    if args.fmt == "table":
        table = table[cols].assign(title=table["title"].str.slice(0, 24))
    emit(table if args.fmt != "table" else table, args.fmt, json_key="documents",
         title=f"{len(corpus)} documents, {int(table['chars'].sum()) if len(table) else 0} characters")
    return 0


def register(sub) -> None:
    p = sub.add_parser("corpus", help="list the documents of a corpus (JSONL file or folder of .txt)")
    p.add_argument("path", metavar="PATH", help="a .jsonl corpus or a folder of .txt files")
    p.add_argument("--kind", choices=("report", "resolution", "text"), help="only documents of this kind")
    add_format(p)
    p.set_defaults(func=cmd_corpus)
