"""Infrastructure shared by the stages: the one disk cache (:mod:`.cache`), running a function over many
documents with Dask (:mod:`.parallel`) and writing results to Parquet piece by piece (:mod:`.parquet`)."""
