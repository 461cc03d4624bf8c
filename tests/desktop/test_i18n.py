"""Dutch or English from the system locale, from a catalogue that matches its source."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from notifyzen.desktop import i18n


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "en"),
        ({"LANG": "nl_NL.UTF-8"}, "nl"),
        ({"LANG": "nl_BE.UTF-8@euro"}, "nl"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LC_ALL": "C", "LANG": "nl_NL.UTF-8"}, "en"),
        ({"LC_ALL": "nl_NL.UTF-8", "LANG": "en_US.UTF-8"}, "nl"),
        ({"LC_MESSAGES": "nl_NL.UTF-8", "LANG": "en_US.UTF-8"}, "nl"),
        ({"LANGUAGE": "fr:nl:en", "LANG": "en_US.UTF-8"}, "nl"),
        ({"LANGUAGE": "en:nl", "LANG": "nl_NL.UTF-8"}, "en"),
        ({"LANGUAGE": "nl", "LANG": "C.UTF-8"}, "en"),
        ({"LANGUAGE": "nl", "LANG": "POSIX"}, "en"),
    ],
)
def test_language_follows_gettext_precedence(env: dict[str, str], expected: str) -> None:
    assert i18n.system_language(env) == expected


def test_committed_qm_is_built_from_the_committed_ts(tmp_path: Path) -> None:
    (built,) = i18n.build(tmp_path)
    assert built.read_bytes() == i18n.qm_file("nl").read_bytes(), (
        "run: python -m notifyzen.desktop.i18n build"
    )


def test_dutch_translations_keep_their_placeholders() -> None:
    for message in ET.parse(i18n.ts_file("nl")).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        for placeholder in ("%n", "%1", "%2", "{"):
            if placeholder in source and translation.get("type") is None:
                assert all(placeholder in form for form in forms), source


def label_in(lang_env: dict[str, str]) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LANG", "LC_"))} | lang_env
    code = "from notifyzen.desktop import autostart; print(autostart.label())"
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, timeout=60
    ).stdout.strip()


def test_a_dutch_session_gets_dutch_text_without_a_qapplication() -> None:
    assert label_in({"LANG": "nl_NL.UTF-8"}) == "notifyzen starten bij inloggen"
    assert label_in({"LANG": "en_US.UTF-8"}) == "Start notifyzen at login"
    assert label_in({"LANG": "fr_FR.UTF-8"}) == "Start notifyzen at login"


@pytest.fixture
def restore_language(qapp: QCoreApplication) -> Iterator[QCoreApplication]:
    yield qapp
    i18n.install(qapp, "en")


def test_install_translates_qt_widgets_and_qt_own_strings(restore_language: QCoreApplication) -> None:
    assert i18n.install(restore_language, "nl") == "nl"
    label = QCoreApplication.translate("Autostart", "Start notifyzen at login")
    assert label == "notifyzen starten bij inloggen"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuleren"
    i18n.install(restore_language, "en")
    assert QCoreApplication.translate("Autostart", "Start notifyzen at login") == "Start notifyzen at login"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_plural_placeholder_is_filled_in_english() -> None:
    i18n.use("en")
    text = i18n.translate("Tray", "%n held until the next check-in", None, 3)
    assert text == "3 held until the next check-in"


def test_unsupported_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        i18n.use("fr")


def test_every_marked_string_has_a_dutch_translation(tmp_path: Path) -> None:
    merged = i18n.update(tmp_path / "notifyzen_nl.ts")
    missing = [
        f"{context.findtext('name')}: {message.findtext('source')!r}"
        for context in ET.parse(merged).getroot().iter("context")
        for message in context.iter("message")
        if message.find("translation[@type='unfinished']") is not None
    ]
    hint = "python -m notifyzen.desktop.i18n update, translate, build"
    assert not missing, f"untranslated ({hint}): " + "; ".join(missing)
