"""Every calendar test runs without the machine's own mail identities (Thunderbird, Evolution):
`me:` defaults to them, and a test must not depend on who runs it."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def no_mail_identities(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("nobody")
    monkeypatch.setenv("NOTIFYZEN_THUNDERBIRD_HOME", str(home / ".thunderbird"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    return home
