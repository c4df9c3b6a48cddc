"""The records of a fact base and their values (fuzzy dates, money, ranges), and the `FactBase` that indexes them."""
