"""From a file to a `FactBase`: bytes and TOML, the schema, cross-references, the cache, and the curator's warnings."""
