"""Checking an implementation: the checker, expectation files, reports (JSON, JUnit, matrix)."""
