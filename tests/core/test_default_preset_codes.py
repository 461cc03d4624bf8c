"""The default preset shows one-time login codes at once: at the check-in they have expired."""

from __future__ import annotations

import pytest

from notifyzen.core.engine import Context, Engine
from notifyzen.core.model import Source, Verdict
from notifyzen.core.ruleload import load_active
from notifyzen.desktop.paths import presets_dir
from tests.core.rulekit import at, config, make_notification

MONDAY_IN_DEEP_WORK = "2026-11-16 09:30"


def engine(tmp_path: object) -> Engine:
    loaded = load_active(presets_dir() / "none", presets_dir())
    assert loaded.ok and loaded.rules is not None
    return Engine(loaded.rules, config())


@pytest.mark.parametrize(
    ("app", "body", "verdict"),
    [
        ("Messages", "Your verification code is 839201. Don't share it.", Verdict.DELIVER),
        ("Messages", "G-482913 is your Google verification code.", Verdict.DELIVER),
        ("ING", "Je verificatiecode: 4821", Verdict.DELIVER),
        ("Messages", "123456 is je inlogcode", Verdict.DELIVER),
        ("GitHub", "Code review requested on PR 4821", Verdict.HOLD),
        ("Shop", "Your order code 12345678 shipped", Verdict.HOLD),
    ],
)
def test_login_codes_break_through_other_numbers_wait(
    tmp_path: object, app: str, body: str, verdict: Verdict
) -> None:
    n = make_notification(app, "Bank", MONDAY_IN_DEEP_WORK, body=body, source=Source.PHONE)
    decision = engine(tmp_path).decide(n, Context(), at(MONDAY_IN_DEEP_WORK))
    assert decision.verdict is verdict, decision
    assert (decision.rule == "login code") == (verdict is Verdict.DELIVER)
