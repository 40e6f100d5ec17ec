"""The pattern detectors tag fragments with the hand dictionary alone (patterns.spans.DETECTOR_MINED), the
segmentation the parallelism series tagger was trained on, whatever the token table uses."""

from __future__ import annotations

from zhdiscourse.patterns import spans
from zhdiscourse.patterns.parallelism import tagging
from zhdiscourse.tokenize import dictionary
from zhdiscourse.tokenize.segment import cut

FRAGMENT = "要加大转移支付力度"  # 转移支付 is a unit of the mined layer, not of the hand dictionary


def test_the_mined_unit_exists_only_in_the_mined_layer():
    assert "转移支付" in cut(FRAGMENT, mined=True) and "转移支付" not in cut(FRAGMENT)


def test_detectors_tag_without_the_mined_layer(monkeypatch):
    assert spans.DETECTOR_MINED is False
    monkeypatch.setattr(dictionary, "MINED_DEFAULT", True)  # even where the token table's default takes the layer
    spans.pos_tags.cache_clear()
    assert "转移支付" in cut(FRAGMENT)
    words = [w for w, _t in spans.pos_tags(FRAGMENT)]
    assert "转移支付" not in words and ["转移", "支付"] == words[words.index("转移"):words.index("转移") + 2]
    assert "转移支付" not in [w for w, _t in spans.head_tags(FRAGMENT, 5)]
    with tagging.session():
        got = [w for w, _t in tagging.pos_tags(FRAGMENT)]
    assert got == words
    spans.pos_tags.cache_clear()
