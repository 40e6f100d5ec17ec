"""``member_rows_shape`` says the shape of ``member_rows`` without making the table (the command line uses it
to decide which readable tables are formatted aside): the two stay in step for every detector."""

from __future__ import annotations

from zhdiscourse.patterns.export import member_rows, member_rows_shape, patterns_report
from zhdiscourse.patterns.registry import detectors


def test_shape_is_the_shape_of_the_table(speech):
    report = patterns_report(speech)
    for d in detectors():
        records = report[d.name]
        assert member_rows_shape(records, d.fields) == member_rows(records, d.fields).shape, d.name
        assert member_rows_shape([], d.fields) == member_rows([], d.fields).shape, d.name
