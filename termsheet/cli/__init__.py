"""The ``termsheet`` command line: one module per command, shared options and output helpers."""
