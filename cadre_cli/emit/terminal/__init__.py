"""Emitter: each report on the terminal (rich), one module per command. The console is
given (the command line's, which makes user text visible and breaks Chinese lines)."""
