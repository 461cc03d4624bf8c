"""The Qt side: tray, pop-ups, the check-in digest.

Everything here depends on notifyzen.core, never the reverse.
"""
