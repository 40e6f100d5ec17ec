"""Command line: ``python -m zhdiscourse <command> PATH [options]``.

Each analysis area registers its sub-commands from its own ``cli_*`` module (see ``COMMAND_MODULES``);
this module only builds the parser and turns every :class:`ZhDiscourseError` into a one-line message
and exit status 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from .errors import ZhDiscourseError

#: Modules that define ``register(subparsers)``; each adds its commands with ``set_defaults(func=...)``.
COMMAND_MODULES = (
    "zhdiscourse.cli_structure",
    "zhdiscourse.cli_tokens",
    "zhdiscourse.cli_stats",
    "zhdiscourse.cli_patterns",
    "zhdiscourse.cli_corpus",
    "zhdiscourse.cli_report",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zhdiscourse",
        description="Structure-aware discourse analysis of Chinese speeches and policy texts.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        result = args.func(args)
    except ZhDiscourseError as exc:
        print(f"zhdiscourse: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("zhdiscourse: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    return int(result or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
