"""What leaves the program: text tables now; iCalendar feeds, printable tables and the published folder.

Installed as `rcro_tui.exports`. Never imports textual.
"""
