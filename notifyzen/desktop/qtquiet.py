"""Qt's chatter that means nothing to a user, kept off their terminal during a headless export.

Laying the report out on the offscreen platform (`notifyzen report --out`, from cron or a
terminal) makes Qt warn "This plugin does not support propagateSizeHints()" for every widget
it shows: a plain qWarning, not one of the qt.qpa logging categories, so QT_LOGGING_RULES cannot
turn it off. A message handler drops exactly those lines; every other message is printed as Qt
prints it (QT_MESSAGE_PATTERN honoured), so real errors still show.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QMessageLogContext, QtMsgType, qFormatLogMessage, qInstallMessageHandler

NOISE = ("This plugin does not support propagateSizeHints()",)


@contextmanager
def quiet_platform_noise() -> Iterator[None]:
    """Within the block, Qt's platform-plugin warnings in NOISE are not printed."""
    previous: Callable[..., Any] | None = None

    def handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if message in NOISE:
            return
        if previous is not None:
            previous(mode, context, message)
            return
        sys.stderr.write(qFormatLogMessage(mode, context, message) + "\n")
        sys.stderr.flush()

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)
