"""Status replies in a replayed week: which messages would have got a promise, and was it kept.

Kept apart from statusreply.py because the replay needs the Timeline, which needs the config,
which needs statusreply's settings.
"""

from __future__ import annotations

from notifyzen.core.replay import Outcome, Run
from notifyzen.core.statusreply import Plan, StatusReplies, StatusReplySettings, preset_for


def replay_promises(
    run: Run, settings: StatusReplySettings, *, ui_language: str = "en"
) -> list[tuple[Outcome, Plan]]:
    """The replies a replayed week would have sent, in arrival order, with the message each one
    answered (every channel assumed answerable: the most promises notifyzen could have made).

    A focus window occurrence is the replay's FocusSpan, so "once per conversation per window"
    means the same as in the running app. The tests check the promises against
    `Outcome.shown_at` with this.
    """
    book = StatusReplies(settings)
    told = []
    for o in sorted(run.outcomes, key=lambda o: o.notification.at.timestamp()):
        span = run.in_focus(o.notification.at)
        if span is None:
            continue
        window = (span.name, span.start.timestamp())
        preset = preset_for([span.name], settings)
        n, at = o.notification, o.notification.at
        plan = book.consider(n, o.decision, at, window=window, preset=preset, ui_language=ui_language)
        if plan is not None:
            told.append((o, plan))
    return told


def kept(outcome: Outcome, plan: Plan) -> bool:
    """Shown at or before the moment the reply promised."""
    return outcome.shown_at is not None and outcome.shown_at.timestamp() <= plan.until.timestamp()
