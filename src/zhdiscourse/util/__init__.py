"""Infrastructure shared by the stages: the one disk cache (:mod:`.cache`) and the process pool
(:mod:`.parallel`)."""
