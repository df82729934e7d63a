"""Storage: the schema and its migrations, checked connections, audited writes and read queries.

Installed as `rcro_tui.db`. Never imports textual: every screen action is a call in here.
"""
