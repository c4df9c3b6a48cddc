"""The data layer: schema, loading, comparison and citations. It never imports Textual."""
