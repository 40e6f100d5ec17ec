"""Word clouds use the project font and keep one-character tokens such as 要."""

import numpy as np
from wordcloud import WordCloud

from zhdiscourse.plots import base

FREQS = {"要": 120, "疫情防控": 80, "发展": 60, "工作": 55, "企业": 30, "武汉": 25, "湖北": 20, "党": 18}


def make(seed=7):
    return WordCloud(font_path=str(base.font_path()), width=400, height=260, background_color="white",
                     random_state=seed, prefer_horizontal=1.0).generate_from_frequencies(FREQS)


def test_wordcloud_keeps_single_character_token():
    wc = make()
    placed = [w for (w, _), *_ in wc.layout_]
    assert "要" in placed and "党" in placed
    assert placed[0] == "要"  # the most frequent word is placed first and largest
    assert wc.words_["要"] == 1.0


def test_wordcloud_draws_the_glyphs_and_is_deterministic():
    a, b = make().to_array(), make().to_array()
    assert np.array_equal(a, b)
    # the region of 要 is not blank: the font has the glyph (a missing glyph would draw a box or nothing)
    (_, _), size, (y, x), orient, _ = next(item for item in make().layout_ if item[0][0] == "要")
    patch = a[y:y + size, x:x + size]
    assert (patch < 200).any()


def test_only_our_tokens_are_drawn():
    """generate_from_frequencies draws exactly our tokens: no re-tokenising, no stopword filter."""
    assert set(make().words_) == set(FREQS)


def test_fonts_opened_once_give_the_same_cloud():
    """``plots.words.word_cloud`` opens each font size once while wordcloud lays out and draws: the
    layout and the pixels are those of wordcloud opening the font for every word."""
    from zhdiscourse.plots.words import _fonts_opened_once
    from zhdiscourse.tokenize.table import tokens
    from zhdiscourse import load_speech, paths

    table = tokens(load_speech(paths.default_text()))
    freqs = table[~table["is_punct"]]["token"].value_counts().to_dict()
    for f, kw in ((FREQS, {}), (freqs, {"max_words": 150, "width": 800, "height": 500})):
        def cloud():
            return WordCloud(font_path=str(base.font_path()), random_state=0, background_color="white",
                             prefer_horizontal=1.0, collocations=False, **kw).generate_from_frequencies(f)
        plain = cloud()
        with _fonts_opened_once():
            once = cloud()
            once_image = once.to_array()
        assert once.layout_ == plain.layout_
        assert np.array_equal(once_image, plain.to_array())
    import wordcloud.wordcloud as wc_module
    from PIL import ImageFont
    assert wc_module.ImageFont is ImageFont  # put back


def test_fonts_opened_once_keeps_only_the_recent_faces():
    """Inside ``_fonts_opened_once`` a (font, size) asked for again soon is the same face; one not asked
    for since ``_FACES_KEPT`` others were opened is opened anew (so a cloud holds a few faces, not ~400)."""
    import wordcloud.wordcloud as wc_module
    from zhdiscourse.plots.words import _FACES_KEPT, _fonts_opened_once

    path = str(base.font_path())
    with _fonts_opened_once():
        first = wc_module.ImageFont.truetype(path, 40)
        assert wc_module.ImageFont.truetype(path, 40) is first
        for size in range(10, 10 + _FACES_KEPT):
            wc_module.ImageFont.truetype(path, size)
        assert wc_module.ImageFont.truetype(path, 40) is not first
