"""Results turned into reports: rows, totals, notes and every user-visible word."""
