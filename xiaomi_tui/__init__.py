"""xiaomi-tui: what the press says about Xiaomi's first electric car, claim by claim."""

__version__ = "0.1.0"
