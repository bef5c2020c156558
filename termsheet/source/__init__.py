"""Source stage: read term files (YAML with positions), validate them against the input model, lint them."""
