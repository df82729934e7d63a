"""rcro-tui: the calendar of educational events, school networks and selection stages of a region."""

import os
from importlib.metadata import PackageNotFoundError, version

# Textual paints at most TEXTUAL_FPS frames a second, and after a frame its update timer
# sleeps one to two periods before it may paint again: at the default 60 the events a search
# keystroke found waited 17–33 ms behind the frame that echoed the key (measured: 36 ms from
# key to repaint at 60, 24 ms at 120). Set here, before anything imports Textual, which reads
# it once; a person may still choose their own.
os.environ.setdefault("TEXTUAL_FPS", "120")

try:
    __version__ = version("rcro-tui")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
