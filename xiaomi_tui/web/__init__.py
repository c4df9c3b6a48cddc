"""Browser mode: `xiaomi-tui serve` and what keeps its app processes from outliving it."""
