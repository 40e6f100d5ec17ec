"""Plotting: the shared base (font, saving, glossary) and one module per area of the study.

``base`` is imported here; the area modules (``structure``, ``words``, ``stats``, ``patterns``) are
imported by name where needed, e.g. ``from zhdiscourse.plots import structure``.
"""

from .base import (
    empty_panel,
    font_name,
    font_path,
    glossary,
    label_with_gloss,
    project_style,
    read_manifest,
    save_figure,
    setup_fonts,
    write_figures_readme,
)

__all__ = [
    "empty_panel",
    "font_name",
    "font_path",
    "glossary",
    "label_with_gloss",
    "project_style",
    "read_manifest",
    "save_figure",
    "setup_fonts",
    "write_figures_readme",
]
