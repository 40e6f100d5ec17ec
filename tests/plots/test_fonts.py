"""Chinese text renders with the project font, and the check really catches missing glyphs."""

import re
import warnings
from collections import Counter

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from zhdiscourse import load_text, paths  # noqa: E402
from zhdiscourse.plots import base  # noqa: E402

LABELS = ["疫情防控", "统筹推进", "经济社会发展", "复工复产", "脱贫攻坚", "要", "必须", "坚决", "排比",
          "“沧海横流，方显英雄本色。”", "（一）", "一、", "第一，", "《人民日报》", "——", "…", "－", "·", "％"]


def top_chars(n=100):
    text = load_text(paths.default_text())
    counts = Counter(c for c in text if re.match(r"[\u3400-\u9fff]", c))
    return [c for c, _ in counts.most_common(n)]


def render_warnings(family: str) -> list[str]:
    """Draw every label and the top characters in ``family``; return glyph-missing warning texts."""
    chars = top_chars()
    assert len(chars) == 100
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with matplotlib.rc_context({"font.family": [family], "font.sans-serif": [family]}):
            fig, ax = plt.subplots(figsize=(8, 6))
            for i in range(10):
                ax.text(0.02, 0.95 - i * 0.09, "".join(chars[i * 10:(i + 1) * 10]), fontsize=9)
            ax.set_title(" ".join(LABELS[:9]))
            ax.set_xlabel(" ".join(LABELS[9:]))
            ax.bar(LABELS[:5], [1, 2, 3, 4, 5])
            fig.canvas.draw()
            plt.close(fig)
    return [str(w.message) for w in caught if "missing from font" in str(w.message)]


def test_font_comes_from_the_package_not_the_system():
    p = base.font_path()
    assert p.is_file() and p.name == "NotoSansSC-Regular.otf"
    assert "pylopdf_fonts_zh_cn" in p.parts
    assert base.setup_fonts() == "Noto Sans SC"
    assert base.setup_fonts() == "Noto Sans SC"  # idempotent
    assert matplotlib.rcParams["font.family"] == ["Noto Sans SC"]
    assert matplotlib.rcParams["svg.hashsalt"] == base.SVG_HASHSALT
    assert matplotlib.rcParams["svg.fonttype"] == "path"


def test_chinese_renders_without_missing_glyphs():
    base.setup_fonts()
    assert render_warnings(base.font_name()) == []


def test_the_check_fails_with_a_latin_only_font():
    """The same check with DejaVu Sans (no CJK) must report missing glyphs: the test above can fail."""
    missing = render_warnings("DejaVu Sans")
    assert missing and "DejaVu Sans" in missing[0]


def test_glyph_warning_escalates_under_pytest_warns():
    with pytest.warns(UserWarning, match="missing from font"):
        with matplotlib.rc_context({"font.family": ["DejaVu Sans"]}):
            fig, ax = plt.subplots()
            ax.set_title("疫情防控")
            fig.canvas.draw()
            plt.close(fig)
