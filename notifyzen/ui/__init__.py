"""The Qt side: tray, pop-ups, the check-in digest.

Everything here depends on notifyzen.core, never the reverse. Importing this package applies
`refcount.guard()`, so no window can abort the process through the binding's None leak.
"""

from notifyzen.ui.refcount import guard

guard()
