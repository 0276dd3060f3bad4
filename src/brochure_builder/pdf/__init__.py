"""What is done to PDF bytes after layout: output files, imposition, preflight, sizes,
previews."""
