"""Corpus loading: JSONL and folders, licence removal, length-preserving cleaning, traditional → simplified."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zhdiscourse.text.corpus import clean_text, licence_cut, load_folder, load_jsonl, open_corpus
from zhdiscourse.text.clean import to_simplified, traditional_ratio
from zhdiscourse.errors import ZhDiscourseError

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "data" / "reference" / "government_work_reports.jsonl"

LICENCE = ("\n\n\n\n本作品是中华人民共和国的\n法律\n、\n法规\n，国家机关的决议。根据《\n中华人民共和国著作权法\n》"
           "第五条第一项，本作品不适用于该法，属于\n公有领域\n。\n\n\n\nPublic domain\nPublic domain\nfalse\nfalse")
REPORT = "各位代表：\n\n\u3000\u3000现在，我代表国务院作报告。\n\n一、１９９６年工作回顾\n\n\u3000\u3000过去一年，成绩很大。\n\n二、今年的任务\n\n\u3000\u3000要继续努力。"
TRAD = "各位代表：\n\n我們的國家正在發展。這是歷史性的工作。\n\n一、關於經濟\n\n經濟建設已經居於首要的地位。\n\n二、關於外交\n\n我們愛好和平。"


def _write_jsonl(path: Path, records) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    return path


@pytest.fixture()
def small_jsonl(tmp_path):
    return _write_jsonl(tmp_path / "c.jsonl", [
        {"title": "1996年报告", "url": "https://example.org/a", "content": REPORT + LICENCE, "year": "1996"},
        {"title": "某某会议关于政府工作报告的决议", "url": None, "content": "会议批准这个报告。" + LICENCE, "year": None},
        {"title": "1954年报告", "url": "https://example.org/b", "content": TRAD + LICENCE, "year": "1954"},
    ])


# ---------------------------------------------------------------- licence notice


def test_licence_is_cut_and_original_is_a_prefix(small_jsonl):
    c = load_jsonl(small_jsonl)
    for d in c:
        assert d.source_text.startswith(d.original)
        assert "本作品" not in d.original and "Public domain" not in d.original and "false" not in d.original
        assert d.original == d.original.rstrip()
        assert d.licence_chars == len(LICENCE)
    assert c["report-1996"].original == REPORT


def test_licence_cut_variants():
    assert licence_cut("正文。\n\n本作品来自中华人民共和国法律。依据《\n著作权法\n》，属于\n公有领域\n。\n\nPublic domain\nfalse") == 3
    assert licence_cut("正文。\nPublic domain\nfalse\n") == 3
    assert licence_cut("没有许可声明的正文。") == len("没有许可声明的正文。")
    # a sentence that merely starts with 本作品 inside a long text is not a licence notice
    body = "本作品讲述了一个故事。\n" + "正文很长。" * 400
    assert licence_cut(body) == len(body)


def test_licence_cut_can_fail():
    # the check above would catch a cut that keeps the notice
    assert licence_cut("正文。" + LICENCE) != len("正文。" + LICENCE)


# ---------------------------------------------------------------- cleaning keeps lengths and offsets


def test_cleaning_preserves_length_and_positions(small_jsonl):
    for d in load_jsonl(small_jsonl):
        assert len(d.text) == len(d.original)
        for i, (a, b) in enumerate(zip(d.original, d.text)):
            if a != b:  # every change is one of the documented one-to-one replacements
                assert (a in "\u3000\u00a0\u200b\u200d\ufeff\n" and b == " ") or (
                    "\uff10" <= a <= "\uff5a" and b.isascii()) or (
                    d.script != "simplified" and "\u4e00" <= a <= "\u9fff" and "\u4e00" <= b <= "\u9fff"), (i, a, b)


def test_ideographic_spaces_and_fullwidth_digits(small_jsonl):
    d = load_jsonl(small_jsonl)["report-1996"]
    assert "\u3000" in d.original and "\u3000" not in d.text
    i = d.original.index("１９９６")
    assert d.text[i:i + 4] == "1996"
    assert d.original.count("\n") == d.text.count("\n")  # no link breaks to join here


def test_wikisource_link_breaks_are_joined_without_moving_offsets():
    original = "会议听取了总理所作的\n政府工作报告\n。会议批准。\n\n一、标题\n\n正文。"
    text, _ = clean_text(original)
    assert len(text) == len(original)
    assert text == original.replace("的\n政", "的 政").replace("告\n。", "告 。")
    assert "\n\n一、标题\n\n" in text  # headings and paragraphs are untouched


def test_spans_found_in_the_clean_text_point_into_the_original(small_jsonl):
    d = load_jsonl(small_jsonl)["report-1954"]
    sp = d.speech()
    assert [s.title for s in sp.sections] == ["关于经济", "关于外交"]
    for s in sp.sections:
        assert d.original[s.title_start:s.title_end] in ("關於經濟", "關於外交")
    for sent in sp.sentences:
        assert len(d.original[sent.start:sent.end]) == len(sent.text)
        assert to_simplified(d.original[sent.start:sent.end]) == sent.text


# ---------------------------------------------------------------- traditional characters


def test_traditional_detection_and_conversion(small_jsonl):
    c = load_jsonl(small_jsonl)
    trad, simp = c["report-1954"], c["report-1996"]
    assert trad.script == "traditional" and trad.trad_ratio > 0.1
    assert simp.script == "simplified" and simp.trad_ratio == 0
    assert "我们的国家正在发展" in trad.text and "我們" in trad.original
    assert "关于经济" in trad.text
    assert traditional_ratio(trad.text) == 0  # fully converted


def test_to_simplified_is_length_preserving_position_by_position():
    for s in ("乾隆皇帝", "頭髮", "著作權", "後來", "鬥爭", "歷史", "千萬", "發展", "於是"):
        out = to_simplified(s)
        assert len(out) == len(s)
    assert to_simplified("我們愛國") == "我们爱国"
    assert to_simplified("已经简体的文字") == "已经简体的文字"


# ---------------------------------------------------------------- loading


def test_records_become_rows(small_jsonl):
    c = load_jsonl(small_jsonl)
    df = c.to_frame()
    assert list(df["id"]) == ["report-1996", "resolution-002", "report-1954"]
    assert list(df["kind"]) == ["report", "resolution", "report"]
    assert df["year"].tolist()[0] == 1996 and df["year"].isna().tolist() == [False, True, False]
    assert {"id", "title", "year", "kind", "url", "original", "text", "chars", "script"} <= set(df.columns)
    assert (df["chars"] == df["text"].str.len()).all()
    assert len(c.reports()) == 2


def test_folder_corpus(tmp_path):
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "b_2019.txt").write_bytes(REPORT.encode("gb18030"))
    (folder / "a_1954.txt").write_text(TRAD + LICENCE, encoding="utf-16")
    (folder / "ignored.md").write_text("不是文本", encoding="utf-8")
    c = open_corpus(folder)
    assert [d.id for d in c] == ["a_1954", "b_2019"]
    assert [d.year for d in c] == [1954, 2019]
    assert c["a_1954"].script == "traditional" and "本作品" not in c["a_1954"].original
    assert c["b_2019"].original == REPORT
    assert load_folder(folder)["b_2019"].speech().sections[0].title == "1996年工作回顾"


@pytest.mark.parametrize("content, message", [
    ("{not json", "not valid JSON"),
    ('{"title": "x"}', "has no text"),
    ('{"content": "文本", "year": "abc"}', "not a number"),
    ("[1, 2]", "JSON object"),
])
def test_bad_jsonl_raises_one_line_errors(tmp_path, content, message):
    p = tmp_path / "bad.jsonl"
    p.write_text(content + "\n", encoding="utf-8")
    with pytest.raises(ZhDiscourseError, match=message):
        load_jsonl(p)


def test_bad_paths(tmp_path):
    with pytest.raises(ZhDiscourseError, match="no such file"):
        open_corpus(tmp_path / "missing.jsonl")
    with pytest.raises(ZhDiscourseError, match="no .*txt files"):
        open_corpus(tmp_path)
    (tmp_path / "x.csv").write_text("a,b", encoding="utf-8")
    with pytest.raises(ZhDiscourseError, match="jsonl"):
        open_corpus(tmp_path / "x.csv")


# ---------------------------------------------------------------- the real reference corpus


@pytest.fixture(scope="module")
def reference():
    return open_corpus(REFERENCE)


def test_reference_corpus_loads(reference):
    df = reference.to_frame(text=False)
    assert len(df) == 72
    assert (df["kind"] == "report").sum() == 52 and (df["kind"] == "resolution").sum() == 20
    reports = df[df["kind"] == "report"]
    assert reports["year"].min() == 1954 and reports["year"].max() == 2025 and reports["year"].is_unique
    assert 2020 not in set(reports["year"])
    for d in reference:
        assert d.source_text.startswith(d.original) and len(d.text) == len(d.original)
        assert "本作品" not in d.original[-200:] and "Public domain" not in d.original
        assert "\u3000" not in d.text
    # the licence notice is gone from every record that had one, and only that
    assert sum(1 for d in reference if d.licence_chars > 0) == sum(
        1 for line in REFERENCE.read_text(encoding="utf-8").splitlines() if "Public domain" in line)
    assert df["chars"].sum() > 1_000_000


def test_reference_traditional_reports(reference):
    by_script = {d.id: d.script for d in reference}
    assert by_script["report-1954"] == "traditional"
    assert by_script["report-1957"] == "mixed"
    assert sum(1 for s in by_script.values() if s == "traditional") == 1
    d = reference["report-1954"]
    assert "我们" in d.text and "我們" in d.original and traditional_ratio(d.text) < 0.001
    i = d.original.index("中華人民共和國憲法")
    assert d.text[i:i + 9] == "中华人民共和国宪法"


def test_cli_corpus_lists_documents(tmp_path, small_jsonl):
    from cli_run import command  # in this process, as `python -m zhdiscourse` would run it

    listed = command("corpus", str(small_jsonl), "--json")
    assert listed.returncode == 0, listed.stderr
    out = listed.stdout
    docs = json.loads(out)["documents"]
    assert [d["id"] for d in docs] == ["report-1996", "resolution-002", "report-1954"]
    assert [d["script"] for d in docs] == ["simplified", "simplified", "traditional"]
    assert docs[0]["parts"] == 2 and docs[2]["parts"] == 2
    bad = command("corpus", str(tmp_path / "nope"))
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr


def test_a_text_taken_from_the_corpus_is_left_out_of_it(tmp_path):
    """The last congress report studied as a text is not compared with itself (issue 12 audit)."""
    from zhdiscourse import load_speech, paths

    src = paths.data_path("reference", "cpc_congress_reports_1-18.jsonl")
    corpus = load_jsonl(src)
    rec = json.loads(Path(src).read_text(encoding="utf-8").splitlines()[-1])
    path = tmp_path / "report.txt"
    path.write_text(rec["content"], encoding="utf-8")  # as a user would save it: licence notice and all
    sp = load_speech(path)
    rest, same = corpus.without(sp.text[sp.body_start:sp.body_end])
    assert same == [corpus[len(corpus) - 1].id] and len(rest) == len(corpus) - 1
    assert same[0] not in {d.id for d in rest}
    other = load_speech(paths.default_text())
    rest, same = corpus.without(other.text[other.body_start:other.body_end])
    assert same == [] and len(rest) == len(corpus)
    assert corpus.without("要坚持学习。")[1] == []  # too short to identify a document
