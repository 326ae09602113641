"""National data sets, totals and summaries (the power fleet from GEM's trackers first)."""
