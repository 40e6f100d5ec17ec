"""Loading: every encoding a Chinese text arrives in gives the same text; bad input gives one error type."""

from __future__ import annotations


import pytest

from zhdiscourse import TextLoadError, ZhDiscourseError, load_text, parse, read_text
from zhdiscourse.text.load import decode_bytes

SAMPLE = "一、总体要求\n我们要坚持稳中求进。\n（一）指导思想。要全面贯彻落实。"


def _variants(text: str) -> dict[str, bytes]:
    return {
        "utf-8": text.encode("utf-8"),
        "utf-8-bom": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "utf-16-le-bom": text.encode("utf-16"),  # Python writes a BOM (LE on this machine)
        "utf-16-be-bom": b"\xfe\xff" + text.encode("utf-16-be"),
        "gb18030": text.encode("gb18030"),
        "gbk": text.encode("gbk"),
        "utf-8-crlf": text.replace("\n", "\r\n").encode("utf-8"),
        "gbk-crlf": text.replace("\n", "\r\n").encode("gbk"),
        "utf-16-crlf": text.replace("\n", "\r\n").encode("utf-16"),
    }


@pytest.mark.parametrize("name", list(_variants(SAMPLE)))
def test_every_encoding_decodes_to_the_same_text(tmp_path, name):
    p = tmp_path / f"{name}.txt"
    p.write_bytes(_variants(SAMPLE)[name])
    assert load_text(p) == SAMPLE


def test_bom_is_reported_and_removed():
    loaded = decode_bytes(b"\xef\xbb\xbf" + SAMPLE.encode())
    assert loaded.had_bom and loaded.text[0] == "一"


def test_utf16_without_bom_is_detected():
    text = "Policy 2020: 稳就业 and 保民生.\n" * 3
    assert decode_bytes(text.encode("utf-16-le")).text == text


def test_crlf_is_reported():
    assert decode_bytes("中文\r\n文本".encode()).had_crlf


def test_gbk_is_not_mistaken_for_utf8():
    assert decode_bytes("疫情防控".encode("gbk")).encoding == "gb18030"


@pytest.mark.parametrize(
    "content,message",
    [
        (b"", "empty"),
        (b"   \n\t  \r\n", "empty"),
        ("\u3000\u3000\n".encode("utf-8"), "whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (bytes(range(256)) * 4, ""),
        (b"\xff\xfe\x00\xd8", "UTF-16"),
        (b"\x81\x30\x81", "decode"),
        (b"just some English text, no hanzi.", "no Chinese"),
    ],
)
def test_bad_input_raises_one_error_type(tmp_path, content, message):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(TextLoadError) as info:
        load_text(p)
    assert message in str(info.value)
    assert "\n" not in str(info.value)
    assert isinstance(info.value, ZhDiscourseError)


def test_missing_path_and_directory(tmp_path):
    with pytest.raises(TextLoadError, match="no such file"):
        load_text(tmp_path / "nope.txt")
    with pytest.raises(TextLoadError, match="directory"):
        load_text(tmp_path)


def test_raw_file_is_not_modified(speech_path):
    before = speech_path.read_bytes()
    read_text(speech_path)
    assert speech_path.read_bytes() == before


@pytest.mark.parametrize("name", ["utf-8-bom", "utf-16-le-bom", "gb18030", "utf-8-crlf", "utf-16-crlf"])
def test_speech_in_every_encoding_gives_the_same_outline(tmp_path, speech_text, name):
    p = tmp_path / "speech.txt"
    p.write_bytes(_variants(speech_text)[name])
    a, b = parse(speech_text).to_dict(), parse(load_text(p)).to_dict()
    assert a == b


def _run_cli(*args):
    from cli_run import command  # in this process, as `python -m zhdiscourse` would run it

    return command(*args)


@pytest.mark.parametrize("content", [None, b"", b"\x00\x01\x02\x03binary\x00", b"\xff\xfe\x00\xd8", b"hello"])
def test_cli_bad_input_is_one_line_and_exit_2(tmp_path, content):
    p = tmp_path / "input.txt"
    if content is not None:
        p.write_bytes(content)
    r = _run_cli("structure", str(p))
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert r.stderr.startswith("zhdiscourse: error: ")


def test_random_bytes_behind_a_bom_are_binary(tmp_path):
    import random

    rng = random.Random(0)
    noise = bytes(rng.randrange(256) for _ in range(4000))
    for bom in (b"\xff\xfe", b"\xfe\xff", b""):
        p = tmp_path / "noise.txt"
        # avoid unpaired surrogates so that the UTF-16 decode itself succeeds
        data = bytearray(noise)
        for i in range(1 if bom == b"\xff\xfe" else 0, len(data), 2):
            if 0xD8 <= data[i] <= 0xDF:
                data[i] = 0x4E
        p.write_bytes(bom + bytes(data))
        with pytest.raises(TextLoadError):
            load_text(p)
