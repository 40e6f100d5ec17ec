"""zhdiscourse.text.clean: the shortcuts of the cleaning give what the plain computation gives."""

from collections import Counter

from zhdiscourse.text import clean
from zhdiscourse.text.clean import _HAN_RANGES, _char_t2s, _t2s, _widths, traditional_ratio


def test_characters_outside_the_t2s_tables_are_not_converted():
    # every Han character: OpenCC's own answer (asked directly) equals the one that skips OpenCC for a
    # character that is no key of its tables
    assert clean._t2s_keys(), "the t2s tables are not readable: every character would go to OpenCC"
    for lo, hi in _HAN_RANGES:
        for i in range(lo, hi + 1):
            c = chr(i)
            out = _t2s().convert(c)
            assert _char_t2s(c) == (out if len(out) == 1 else c), c


def test_traditional_ratio_counts_as_the_han_characters_do():
    for text in ("", "abc", "我们的工作", "關於國務院機構改革的說明，我们", "关于\U00020000國", "國" * 3 + "国"):
        han = clean._HAN.findall(text)
        want = sum(n for c, n in Counter(han).items() if _char_t2s(c) != c) / len(han) if han else 0.0
        assert traditional_ratio(text) == want, text


def test_widths_replace_as_the_two_tables():
    text = "".join(map(chr, range(0x2FF0, 0x3010))) + "".join(map(chr, range(0xFF00, 0xFF70))) + "\u00a0\u200b\ufeff中文"
    assert _widths(text) == text.translate(clean._SPACES).translate(clean._FULLWIDTH)
    assert _widths("中文。") == "中文。"
