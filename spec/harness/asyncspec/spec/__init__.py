"""The spec: clauses, scenarios and their headers, expected traces, coverage, record/verify, the bundle."""
