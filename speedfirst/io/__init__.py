"""File formats: FIT workout files (:mod:`speedfirst.io.fit`) and intervals.icu
workout text (:mod:`speedfirst.io.intervals_icu`) for a plan's sessions."""
