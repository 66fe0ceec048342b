"""Plan pages. Each view: one access call, one form or service call, render or redirect."""
