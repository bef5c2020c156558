"""The loader's limits (documented in ``docs/cli.md``)."""

#: Largest accepted file, in bytes (checked before the file is parsed).
MAX_FILE_BYTES = 2 * 1024 * 1024
#: Deepest accepted nesting of mappings and sequences.
MAX_DEPTH = 64
#: Largest accepted integer magnitude (exact in JSON and JavaScript).
MAX_INT = 2**53 - 1
#: Loading stops after this many problems in one file.
MAX_PROBLEMS = 50
