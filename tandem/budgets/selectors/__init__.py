"""Budgets' reads, scoped to what the page's user may see: one module per area, like the views."""
