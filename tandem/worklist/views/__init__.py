"""The worklist's pages. Each module lists its own URLs: the worker's worklist (worklist), the
team manager's dashboard and the escalation setting (dashboard), and the private calendar feed
(calendar)."""
