"""zhdiscourse: structure-aware discourse analysis of Chinese speeches and policy texts.

Pipeline, in the order the data flows: load → structure → tokens → statistics / patterns → plots.
"""

from .errors import TextLoadError, ZhDiscourseError
from .load import load_text, read_text
from .structure import Speech, load_speech, parse

__all__ = ["TextLoadError", "ZhDiscourseError", "load_text", "read_text", "Speech", "load_speech", "parse"]
__version__ = "0.1.0"
