"""asyncspec harness: record, verify and check asyncio scenario traces.

Import as `harness` with the repository's `spec/` directory on sys.path.
"""

SUITE_VERSION = "0.1.0"
