"""The differential fuzzer: a program model (grammar.py, program.py), a seeded
generator (generate.py), a renderer to scenario source (render.py), a
shrinker (shrink.py) and the run that compares a runner with CPython 3.13
(run.py: `asyncspec fuzz`)."""
