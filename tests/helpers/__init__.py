"""Set-up the tests share (tests/conftest.py puts tests/ on sys.path: ``from helpers.x import y``).

Only set-up lives here: what a test asserts stays in the test.
"""
