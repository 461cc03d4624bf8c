"""A private session bus for tests: nothing here ever touches the user's real session bus.

The bus itself lives in notifyzen.devbus (the demo runs on one too); this module keeps the names
the tests import.
"""

from notifyzen.devbus import BUS_CONFIG, bus_env, private_bus

__all__ = ["BUS_CONFIG", "bus_env", "private_bus"]
