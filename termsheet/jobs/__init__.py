"""Jobs: render and diff runs, folder batches, all-or-nothing publication, signal handling."""
