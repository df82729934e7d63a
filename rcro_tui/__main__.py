"""`python -m rcro_tui` is the same as the `rcro-tui` command."""

from rcro_tui.cli import main

main()
