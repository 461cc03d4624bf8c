"""The Qt side: tray, pop-ups, the check-in digest, the report.

Everything here depends on notifyzen.core, never the reverse. (PySide6 6.12.0 is excluded in
pyproject.toml on CPython < 3.12: it leaks a reference to None on every void call and aborts a
long-running process; 6.11.3 was measured clean.)

May import: notifyzen, notifyzen.context, notifyzen.core, notifyzen.desktop, notifyzen.history, notifyzen.report
"""  # noqa: E501
