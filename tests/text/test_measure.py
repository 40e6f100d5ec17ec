"""``nonspace_chars`` counts the characters ``str.isspace`` does not call whitespace, for every code point."""

import sys

from zhdiscourse.text.measure import nonspace_chars, nonspace_prefix


def test_every_code_point_counts_as_isspace_says():
    chars = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000]
    text = "".join(chars)
    assert nonspace_chars(text) == sum(1 for c in chars if not c.isspace())
    ws = [c for c in chars if c.isspace()]
    assert len(ws) > 20 and all(nonspace_chars(c) == 0 for c in ws)


def test_ranges_and_prefix_agree():
    text = "坚持　统筹\n推进 疫情防控\u3000和\t经济社会发展\u2028工作。\r\n"
    prefix = nonspace_prefix(text)
    for a in range(len(text) + 1):
        for b in range(a, len(text) + 1):
            expected = sum(1 for c in text[a:b] if not c.isspace())
            assert nonspace_chars(text, a, b) == expected == prefix[b] - prefix[a]
    assert nonspace_chars(text, 3) == nonspace_chars(text[3:])
