"""The readable tables measure East-Asian text widths faster (``cli.common.fast_widths``) and print exactly
what pandas prints without it."""

from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd
import pytest
from pandas.io.formats import format as pd_format, printing

from zhdiscourse.cli.common import PANDAS_VERSION, _string_cells, fast_widths, print_table

#: One character of every East-Asian width class and the cases around them: wide and fullwidth, halfwidth
#: katakana, ambiguous (○ · α ①), narrow, neutral (combining marks, control characters, é), emoji, a
#: character outside the BMP.
CHARS = "要中，（Ａ１ｶ○·α①ab1 é\u0301\x07\t😀𠀀—…“”"


def _strings():
    rng = np.random.default_rng(0)
    out = ["", "abc", "要求", "ﾃｽﾄ", "○○", "1.5", "NaN"]
    for _ in range(300):
        out.append("".join(rng.choice(list(CHARS), size=int(rng.integers(1, 12)))))
    return out


def test_the_pinned_pandas_is_the_one_installed():
    # another release may measure differently; fast_widths then leaves pandas alone (and this test says so)
    assert pd.__version__ == PANDAS_VERSION


@pytest.mark.parametrize("ambiguous_wide", [False, True])
def test_widths_equal_pandas_own(ambiguous_wide):
    strings = _strings()
    with pd.option_context("display.unicode.east_asian_width", True,
                           "display.unicode.ambiguous_as_wide", ambiguous_wide):
        ref = printing.get_adjustment()
        with fast_widths():
            fast = printing.get_adjustment()
            assert type(fast) is not type(ref)
            assert [fast.len(s) for s in strings] == [ref.len(s) for s in strings]
            assert [fast.len(s) for s in strings] == [ref.len(s) for s in strings]  # memoised: the same again
            assert fast.len(("要", "求")) == ref.len(("要", "求")) == 2  # not a string: its len()
            assert fast.justify(strings, 30) == ref.justify(strings, 30)
            assert fast.justify(strings, 30, mode="left") == ref.justify(strings, 30, mode="left")
    # every character of the BMP's CJK, kana, fullwidth and punctuation blocks, one by one
    chars = [chr(c) for c in [*range(0x2000, 0x3100), *range(0xFE30, 0xFFF0), *range(0x4E00, 0x4F00)]]
    with pd.option_context("display.unicode.east_asian_width", True,
                           "display.unicode.ambiguous_as_wide", ambiguous_wide):
        ref = printing.get_adjustment()
        with fast_widths():
            fast = printing.get_adjustment()
            assert [fast.len(c) for c in chars] == [ref.len(c) for c in chars]
    assert {unicodedata.east_asian_width(c) for c in CHARS} == {"W", "F", "H", "A", "Na", "N"}


def test_tables_print_the_same_text(capsys):
    strings = _strings()
    df = pd.DataFrame({"text": strings, "n": range(len(strings)), "x": np.linspace(0, 1, len(strings)),
                       "part": [None if i % 7 == 0 else f"第{i}部分" for i in range(len(strings))]})
    print_table(df, "标题")
    fast = capsys.readouterr().out
    saved = printing.get_adjustment
    with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200,
                           "display.unicode.east_asian_width", True, "display.max_colwidth", 60):
        ref = "标题\n" + df.to_string(index=False) + "\n"  # pandas' own widths
    assert fast == ref
    assert printing.get_adjustment is saved  # restored after the block



#: pandas' own formatting of a column's cells (``fast_widths`` replaces it inside its block)
ORIGINAL_FORMAT = vars(pd_format._GenericArrayFormatter)["_format_strings"]


@pytest.mark.parametrize("leading_space", [True, False, None])
@pytest.mark.parametrize("quoting", [None, 3, 1])  # csv.QUOTE_NONE, csv.QUOTE_ALL
def test_string_cells_equal_pandas_own(leading_space, quoting):
    # columns of strings are formatted by ``_string_cells`` inside the block: the same cells as pandas' own, for
    # an object column, a string column, strings with tabs and newlines, and columns that are not all strings
    strings = _strings() + ["a\tb", "c\nd\re", "'q'", " lead", "trail "]
    columns = [np.array(strings, dtype=object), pd.array(strings, dtype="string"),
               np.array(strings + [None], dtype=object), pd.array(strings + [None], dtype="string"),
               np.array(strings + [1.5], dtype=object), np.array([], dtype=object), np.array(["x", 2], dtype=object)]
    shortcut = []
    with pd.option_context("display.unicode.east_asian_width", True):
        for col in columns:
            ref = pd_format.format_array(col, None, leading_space=leading_space, quoting=quoting)
            with fast_widths():
                assert pd_format._GenericArrayFormatter._format_strings is not ORIGINAL_FORMAT
                fast = pd_format.format_array(col, None, leading_space=leading_space, quoting=quoting)
                shortcut.append(_string_cells(pd_format._GenericArrayFormatter(
                    col, leading_space=leading_space, quoting=quoting)) is not None)
            assert fast == ref
    assert pd_format._GenericArrayFormatter._format_strings is ORIGINAL_FORMAT  # restored after the block
    # the shortcut is taken for the object column of strings (unquoted), and never for a column with other values
    assert shortcut[0] == (quoting != 1) and shortcut[5] == (quoting != 1)
    assert not any(shortcut[k] for k in (2, 4, 6))
