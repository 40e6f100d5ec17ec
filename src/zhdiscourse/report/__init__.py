"""Stage 5, the report: every analysis of one text, written as tables, figures and one offline HTML page.

:func:`build_report` (in :mod:`.builder`) runs the steps; :mod:`.html` renders the page.
"""

from .builder import STEP_NAMES, ReportResult, Step, build_report, step_names

__all__ = ["build_report", "ReportResult", "Step", "STEP_NAMES", "step_names"]
