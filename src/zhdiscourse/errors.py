"""The one error type users see.

Every problem with user input (a missing path, an empty, binary or undecodable file, a text with no
Chinese in it, an analysis that cannot run on a text) raises :class:`ZhDiscourseError`. The CLI prints
its message on one line and exits with status 2, never with a traceback.
"""


class ZhDiscourseError(Exception):
    """A problem with the user's input, reported as a one-line message."""


class TextLoadError(ZhDiscourseError):
    """A text file could not be read as Chinese text."""
