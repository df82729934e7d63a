"""rcro-tui: the calendar of educational events, school networks and selection stages of a region."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("rcro-tui")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
