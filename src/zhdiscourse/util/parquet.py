"""Write DataFrames to one Parquet file piece by piece (pyarrow), so that a corpus-sized result never has
to be held in memory: each :meth:`ParquetStream.write` becomes a row group (small pieces are buffered up to
``rows_per_group`` rows first). The file is written under a temporary name and renamed into place on
:meth:`ParquetStream.close`, so a reader never sees half a file. The schema is the first piece's; later
pieces are converted to it (a column that is all missing in one document keeps the file's type)."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd


class ParquetStream:
    """``with ParquetStream(path) as out: out.write(df) …`` — see the module docstring."""

    def __init__(self, path: str | os.PathLike, *, rows_per_group: int = 65536):
        self.path = Path(path)
        self.tmp = self.path.with_name(f".{self.path.name}.tmp")
        self.rows_per_group = rows_per_group
        self.rows = 0
        self._writer = None
        self._schema = None
        self._buffer: list[pd.DataFrame] = []
        self._buffered = 0

    def write(self, df: pd.DataFrame) -> None:
        if df is None or not len(df):
            return
        self._buffer.append(df)
        self._buffered += len(df)
        if self._buffered >= self.rows_per_group:
            self.flush()

    def flush(self) -> None:
        if not self._buffer:
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        df = self._buffer[0] if len(self._buffer) == 1 else pd.concat(self._buffer, ignore_index=True)
        self._buffer, self._buffered = [], 0
        table = pa.Table.from_pandas(df, preserve_index=False, schema=self._schema)
        if self._writer is None:
            self._schema = table.schema  # with pandas' metadata: dtypes (Int64, str) come back on reading
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._writer = pq.ParquetWriter(self.tmp, self._schema, compression="zstd")
        self._writer.write_table(table.replace_schema_metadata(self._schema.metadata))
        self.rows += table.num_rows

    def close(self) -> Path | None:
        """Write what is buffered and put the file in place; ``None`` when nothing was written."""
        self.flush()
        if self._writer is None:
            return None
        self._writer.close()
        self._writer = None
        os.replace(self.tmp, self.path)
        return self.path

    def abort(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        try:
            os.unlink(self.tmp)
        except OSError:
            pass

    def __enter__(self) -> "ParquetStream":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()
