"""The input: brochure and brand YAML read with line marks, validated into typed models, and
the checks on the files they name. Knows nothing of ReportLab or pages."""
