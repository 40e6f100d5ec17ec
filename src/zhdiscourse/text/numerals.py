"""Chinese numerals and ordinal sequences: the one numeral rule of the project.

Used by the structure parser (heading numbers 一、二、…, sub-point markers 一是, 第一，), by the
enumeration detector and, through :data:`NUMERAL_TOKEN`, by the token table's ``is_num`` flag.
"""

from __future__ import annotations

import re

#: The numeral characters of heading and marker numbers (一 … 十, 百).
NUMERALS = "零一二三四五六七八九十百"

#: A token that is a number: Arabic or full-width digits with decimal and percent signs, or a run of
#: Chinese numeral characters (一 … 亿), optionally an ordinal with 第. The token table's ``is_num``.
NUMERAL_TOKEN = re.compile(
    r"^(?:[\d０-９]+(?:[.．,，][\d０-９]+)*[%％‰]?|第?[零〇一二两三四五六七八九十百千万亿]+)$"
)


def is_numeral_token(token: str) -> bool:
    """Whether a token is a number (:data:`NUMERAL_TOKEN`)."""
    return NUMERAL_TOKEN.match(token) is not None


def chinese_numeral_value(s: str) -> int | None:
    """Value of a Chinese numeral string (一 … 九十九, 一百零一, 一千二百六十, 二〇一七 digit by digit);
    ``None`` if ``s`` is not one."""
    digits = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}
    units = {"十": 10, "百": 100, "千": 1000}
    if not s or any(c not in digits and c not in units and c != "万" for c in s):
        return None
    if "万" in s:
        high, _, low = s.partition("万")
        hv = chinese_numeral_value(high) if high else 1
        lv = chinese_numeral_value(low) if low else 0
        return None if hv is None or lv is None or "万" in low else hv * 10000 + lv
    if s in digits:
        return digits[s]
    if not any(c in units for c in s):  # 二〇一七: one digit a character (years)
        return int("".join(str(digits[c]) for c in s))
    total, current = 0, 0
    for c in s:
        if c in units:
            total += (current or 1) * units[c]
            current = 0
        else:
            current = digits[c]
    return total + current


def ordinal_value(num: str) -> int | None:
    if num.isdigit():
        return int(num)
    return chinese_numeral_value(num)



def ordinal_sequences(cands: list[tuple[int, object]]) -> list[list[object]]:
    """Greedy in-order sequences 1, 2, 3 … (length ≥ 2) from ``(ordinal, candidate)`` pairs."""
    seqs: list[list[object]] = []
    current: list[object] = []
    expected = 1
    for ordv, cand in cands:
        if ordv == expected:
            current.append(cand)
            expected += 1
        elif ordv == 1:
            if len(current) >= 2:
                seqs.append(current)
            current, expected = [cand], 2
    if len(current) >= 2:
        seqs.append(current)
    return seqs



def numeral(n: int) -> str:
    """The Chinese numeral for ``n`` ≥ 1 (一, 十, 十一, 二十三, 一百, 一百零五, 一百一十, 一千二百六十 …), the
    form that counts headings and articles; the inverse of :func:`chinese_numeral_value`."""
    if n < 1:
        raise ValueError(f"numeral() takes a whole number of at least 1, not {n}")
    d = "零一二三四五六七八九"
    if n < 10:
        return d[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else d[tens]) + "十" + (d[ones] if ones else "")
    out = ""
    rest = n
    zero = False
    if n >= 10 ** 4:
        high, low = divmod(n, 10 ** 4)
        return numeral(high) + "万" + (("零" if low < 1000 else "") + numeral(low) if low else "")
    for unit, name in ((1000, "千"), (100, "百"), (10, "十")):
        q, rest = divmod(rest, unit)
        if q:
            if zero:
                out += "零"
            out += (numeral(q) if q >= 10 else d[q]) + name
            zero = False
        elif out:
            zero = True
    if rest:
        out += ("零" if zero or (out and not out.endswith("十")) else "") + d[rest]
    return out
