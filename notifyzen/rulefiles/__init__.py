"""The user's rule files on disk: writing the rules a button makes (write) and noticing when a
file changes so the new rules are in force at once (watch). The rules themselves, and how a file
is read, are the core's (notifyzen.core.ruleload); this package is the part that touches disk
and Qt's file watcher.

May import: notifyzen.core, notifyzen.desktop, notifyzen.history
"""
