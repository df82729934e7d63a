"""The sections beside the calendar, one module each; `rcro_tui.app` finds them here.

«Сеть» (screens/network.py), «Отборы» (screens/stages.py), «Публикация» (screens/publish.py),
«Таблицы» (screens/tables.py), «Журнал» (screens/audit.py).
"""

from __future__ import annotations

from rcro_tui.screens.audit import AuditScreen
from rcro_tui.screens.network import NetworkScreen
from rcro_tui.screens.publish import PublishScreen
from rcro_tui.screens.stages import StagesScreen
from rcro_tui.screens.tables import TablesScreen

__all__ = ["AuditScreen", "NetworkScreen", "PublishScreen", "StagesScreen", "TablesScreen"]
