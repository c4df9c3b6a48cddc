"""The command line: `main` parses and dispatches; `check` prints its report; `output` writes whole or fails in one line."""
