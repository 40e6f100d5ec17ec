"""Figures of the token area (rendered with the project font; glyph warnings are errors)."""

from __future__ import annotations

import io

import numpy as np
import pytest
from matplotlib.figure import Figure

from zhdiscourse import ZhDiscourseError
from zhdiscourse.stats.concordance import dispersion
from zhdiscourse.stats.frequency import frequencies
from zhdiscourse.plots.base import font_path
from zhdiscourse.plots.words import dispersion_plot, frequency_bar, word_cloud


@pytest.fixture(scope="module")
def freqs(speech):
    return frequencies(speech, drop_stopwords=True)


def _png(fig):
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def test_frequency_bar(freqs):
    fig = frequency_bar(freqs, top=10, font_path=font_path(), title="词频")
    assert isinstance(fig, Figure)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels[-1] == freqs.iloc[0]["token"] and len(labels) == 10
    assert _png(fig)


def test_word_cloud_is_deterministic_and_keeps_one_character_words(freqs):
    f = {"要": 100, "疫情防控": 80, "我们": 50}
    a = word_cloud(f, font_path(), width=300, height=200)
    b = word_cloud(f, font_path(), width=300, height=200)
    ia, ib = a.axes[0].images[0].get_array(), b.axes[0].images[0].get_array()
    assert np.array_equal(np.asarray(ia), np.asarray(ib))
    from wordcloud import WordCloud

    wc = WordCloud(font_path=str(font_path()), width=300, height=200, random_state=0).generate_from_frequencies(f)
    assert "要" in {w for (w, _), *_ in wc.layout_}
    with pytest.raises(ZhDiscourseError):
        word_cloud({}, font_path())


def test_dispersion_plot(speech):
    d = dispersion(speech, ["复工复产", "脱贫攻坚"])
    fig = dispersion_plot(d, font_path=font_path())
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[-1].startswith("复工复产 (")  # first term on top
    assert sum(1 for ln in ax.get_lines() if ln.get_linestyle() == "--") == len(speech.sections)
    assert _png(fig)


def test_missing_font_is_a_user_error(freqs):
    with pytest.raises(ZhDiscourseError):
        frequency_bar(freqs, font_path="/nonexistent/font.otf")
