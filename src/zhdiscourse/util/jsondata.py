"""Plain JSON data from what the project computes: DataFrames, dicts, lists, NumPy and pandas scalars."""

from __future__ import annotations

import json
import math
from typing import Any

import pandas as pd


def jsonable(obj: Any) -> Any:
    """``obj`` as plain JSON data: DataFrames become lists of records (pandas' fast writer), NaN and
    missing values ``None``, NumPy scalars Python numbers; dict keys become strings."""
    if isinstance(obj, pd.DataFrame):
        return json.loads(obj.to_json(orient="records", force_ascii=False))
    if isinstance(obj, dict):
        return {str(k): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [jsonable(v) for v in obj]
    if obj is None or isinstance(obj, (str, bool, int)):
        return obj
    if isinstance(obj, float):
        return None if math.isnan(obj) else obj
    if hasattr(obj, "item"):  # NumPy scalar
        return jsonable(obj.item())
    try:
        if pd.isna(obj):
            return None
    except (TypeError, ValueError):
        pass
    return obj
