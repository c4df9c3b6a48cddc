"""What we hand to other tools: CSV, Markdown and JSON tables, the pandoc brief, schema.org ClaimReview."""
