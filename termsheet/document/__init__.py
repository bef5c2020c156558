"""Document stage: the format-neutral document model and its transforms."""
