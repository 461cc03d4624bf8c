"""The decision core: plain data in, decisions out.

Nothing in this package imports Qt, D-Bus or a database, and nothing reads the wall clock: time
comes in as an argument. The same code then runs live, in tests and in `rules simulate`.
tests/core/test_boundary.py keeps it that way.

May import: nothing
"""
