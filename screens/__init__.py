"""The Textual screens, modals and widgets of the app. Installed as `rcro_tui.screens`."""
