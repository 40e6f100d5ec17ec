"""``--json`` text is what ``json.dumps(jsonable(obj), ensure_ascii=False, indent=2)`` writes, whether orjson
writes it (``cli.common._orjson_text``) or, when orjson's text could differ, the standard library."""

from __future__ import annotations

import json
import math
import random

import numpy as np
import pandas as pd
import pytest

from zhdiscourse.cli.common import _orjson_text, dumps_json
from zhdiscourse.util.jsondata import jsonable


def _reference(obj) -> str:
    return json.dumps(jsonable(obj), ensure_ascii=False, indent=2)


def _floats(n: int = 20000) -> list[float]:
    rng = random.Random(0)
    out = [0.0, -0.0, 1e-4, 9.99e-5, 1e-5, 2.5e-7, 1e15, 1e16, 1e22, 5e-324, 1.7976931348623157e308, 0.1, 1 / 3]
    for _ in range(n):
        x = rng.random() * 10 ** rng.randint(-12, 20)
        out.append(-x if rng.random() < 0.5 else x)
    return out


CASES = {
    "records": {"a": [{"start": 1, "end": 2, "text": "要坚持", "score": 0.8125, "members": [{"text": "甲", "start": 0}]}],
                "b": []},
    "floats": [_floats()],
    "every character": "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF),
    "numpy numbers": [np.float64(0.5), np.int64(3), np.bool_(True), np.float32(0.25)],
    "numpy small": [np.float64(1e-7)],
    "missing": [None, float("nan"), np.float64("nan"), pd.NA, pd.NaT],
    "infinity": [float("inf"), -float("inf")],
    "tuples": {"t": (1, 2, "三")},
    "keys": {1: "a", True: "b", None: "c", 2.5: "d"},
    "big integers": [2 ** 63, 2 ** 64, -(2 ** 70)],
    "exponent in a string": ["3e5", "0.00001"],
    "nested empties": [[], {}, [[]], [{}], {"x": []}],
    "booleans": [True, False],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_same_text_as_the_standard_library(name):
    obj = CASES[name]
    try:
        ref = _reference(obj)
    except (TypeError, ValueError) as exc:  # what json cannot write, orjson must not write either
        assert _orjson_text(obj) is None, exc
        return
    assert dumps_json(obj) == ref
    got = _orjson_text(obj)
    assert got is None or got == ref


def test_orjson_writes_the_common_cases():
    """The fast path is taken where it can be (else the test above proves nothing about it)."""
    for name in ("records", "every character", "numpy numbers", "nested empties", "booleans"):
        assert _orjson_text(CASES[name]) is not None, name
    for name in ("infinity", "keys", "big integers", "exponent in a string", "tuples"):
        assert _orjson_text(CASES[name]) is None, name  # refused: the standard library writes these
    floats = [x for x in _floats() if "e" not in repr(x)]
    assert _orjson_text(floats) == _reference(floats)


def test_nan_is_null_as_before():
    assert dumps_json([float("nan"), np.float64("nan")]) == "[\n  null,\n  null\n]"
    assert math.isnan(CASES["missing"][1])


def test_json_bytes_on_standard_output(capsys):
    """``print_json`` writes orjson's bytes under a UTF-8 standard output: the text ``dumps_json`` gives."""
    import io
    import sys
    from contextlib import redirect_stdout

    from zhdiscourse.cli.common import print_json

    obj = {"a": [{"text": "要求“坚持”\n", "n": 3, "x": 0.25, "none": None}], "b": []}
    capsys.readouterr()
    print("before")
    print_json(obj)
    print("after")
    assert capsys.readouterr().out == "before\n" + dumps_json(obj) + "\nafter\n"
    text = io.StringIO()  # no byte stream beneath: the text as before
    with redirect_stdout(text):
        print_json(obj)
    assert text.getvalue() == dumps_json(obj) + "\n"
    raw = io.BytesIO()
    gbk = io.TextIOWrapper(raw, encoding="gbk")  # another encoding: the text, encoded by the stream
    with redirect_stdout(gbk):
        print_json(obj)
    gbk.flush()
    assert raw.getvalue() == (dumps_json(obj) + "\n").encode("gbk")
    assert sys.stdout is not gbk
