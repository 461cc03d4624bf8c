"""Dutch and English, chosen from the system locale, with Qt's own translation machinery.

English is the source language: strings are written in English in the code and need no catalogue.
Dutch lives in resources/i18n/notifyzen_nl.ts (Qt Linguist source, edited by people) and is
compiled to notifyzen_nl.qm, which is committed so a wheel or a checkout works without a build step;
a test fails when the .qm is older than the .ts. After changing strings:

    python -m notifyzen.desktop.i18n update   # pyside6-lupdate: collect strings from notifyzen/ into the .ts
    python -m notifyzen.desktop.i18n build    # pyside6-lrelease: .ts -> .qm

Qt widgets use self.tr()/QCoreApplication.translate() once `install(app)` ran. Code that runs
without a QApplication (the report, the digest text, CLI output) calls `translate(context, text)`,
which uses the same catalogue through a QTranslator directly. Call it with literal positional
arguments (`translate("Report", "%n held", None, n)`) so lupdate can find the strings. The decision
core never translates: it returns data, and the layer that shows it words it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from notifyzen.desktop.paths import presets_dir, resources_dir

if TYPE_CHECKING:  # Qt loads when a catalogue is used: `notifyzen --help` and `rules check` start without it
    from PySide6.QtCore import QCoreApplication, QTranslator

SOURCE_LANGUAGE = "en"
SUPPORTED = ("en", "nl")
CATALOGUE = "notifyzen"

_active: str | None = None
_installed: list[QTranslator] = []


def _language_of(locale_name: str) -> str:
    """'nl_BE.UTF-8@euro' -> 'nl'."""
    return locale_name.split(".")[0].split("@")[0].split("_")[0].split("-")[0].lower()


def system_language(env: Mapping[str, str] | None = None) -> str:
    """The language gettext would pick: LANGUAGE (a priority list) unless the locale is C/POSIX,
    then LC_ALL, LC_MESSAGES, LANG. Falls back to English for anything we do not ship."""
    env = os.environ if env is None else env
    locale_name = next((env[k] for k in ("LC_ALL", "LC_MESSAGES", "LANG") if env.get(k)), "")
    if _language_of(locale_name) in ("", "c", "posix"):
        return SOURCE_LANGUAGE
    for entry in env.get("LANGUAGE", "").split(":"):
        if _language_of(entry) in SUPPORTED:
            return _language_of(entry)
    language = _language_of(locale_name)
    return language if language in SUPPORTED else SOURCE_LANGUAGE


def i18n_dir() -> Path:
    return resources_dir() / "i18n"


def ts_file(language: str) -> Path:
    return i18n_dir() / f"{CATALOGUE}_{language}.ts"


def qm_file(language: str) -> Path:
    return i18n_dir() / f"{CATALOGUE}_{language}.qm"


@cache
def _catalogue(language: str) -> QTranslator | None:
    if language == SOURCE_LANGUAGE:
        return None
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    if not translator.load(str(qm_file(language))):
        raise FileNotFoundError(f"translation catalogue missing: {qm_file(language)}")
    return translator


def active_language() -> str:
    global _active
    if _active is None:
        _active = system_language()
    return _active


def use(language: str) -> None:
    """Switch `translate` to a language (the app calls install(); tests and the CLI may call this)."""
    global _active
    if language not in SUPPORTED:
        raise ValueError(f"unsupported language {language!r} (supported: {', '.join(SUPPORTED)})")
    _active = language


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """Translate outside Qt widgets; %n becomes n, as QCoreApplication.translate does."""
    catalogue = _catalogue(active_language())
    result = catalogue.translate(context, text, disambiguation, n) if catalogue is not None else ""
    result = result or text
    return result.replace("%n", str(n)) if n >= 0 else result


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    return text


# Qt's own words its Dutch catalogue lacks. Qt 6 gave the file dialog's "Look in:" and "Files of
# type:" keyboard shortcuts ("&Look in:"), and qtbase_nl.qm (as PySide6 6.x ships it) still
# translates only the old texts, so the report's Export dialog came up half English. Marked here,
# lupdate puts them in our catalogue under Qt's own context, and our translator, installed after
# Qt's, answers for them (tests/ui/test_export_dialog_nl.py).
QT_BASE_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)


def install(app: QCoreApplication, language: str | None = None) -> str:
    """Install the notifyzen and Qt base catalogues for the system (or given) language."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    use(language or system_language())
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    lang = active_language()
    if lang == SOURCE_LANGUAGE:
        return lang
    ours = _catalogue(lang)
    assert ours is not None
    qt_base = QTranslator(app)
    # Qt's own strings (standard buttons, file dialogs); shipped with PySide6, optional.
    if qt_base.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        _installed.append(qt_base)
    _installed.append(ours)
    for translator in _installed:
        app.installTranslator(translator)
    return lang


def preset_file(name: str, language: str | None = None) -> Path:
    """A shipped preset, with Dutch comments when rules/nl/<name> exists and Dutch is active.

    YAML comments cannot go through Qt's catalogue, so a translated preset is a whole copy."""
    language = language or active_language()
    localized = presets_dir() / language / name
    return localized if language != SOURCE_LANGUAGE and localized.is_file() else presets_dir() / name


def _tool(name: str) -> str:
    """pyside6-lupdate/lrelease come with the PySide6 wheel, next to this Python's scripts."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else name


def update(ts: Path | None = None, language: str = "nl") -> Path:
    """Merge the strings marked in notifyzen/ into the .ts (or into a copy of it at `ts`)."""
    target = ts or ts_file(language)
    if target != ts_file(language):
        target.write_bytes(ts_file(language).read_bytes())
    sources = sorted(str(p) for p in Path(__file__).parent.parent.rglob("*.py") if "core" not in p.parts)
    command = [_tool("pyside6-lupdate"), "-silent", "-locations", "none", "-target-language", language]
    subprocess.run([*command, *sources, "-ts", str(target)], check=True)
    return target


def build(out_dir: Path | None = None) -> list[Path]:
    built = []
    for language in SUPPORTED:
        if language == SOURCE_LANGUAGE:
            continue
        target = (out_dir or i18n_dir()) / qm_file(language).name
        subprocess.run(
            [_tool("pyside6-lrelease"), "-silent", str(ts_file(language)), "-qm", str(target)], check=True
        )
        built.append(target)
    return built


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["update"]:
        update()
    elif args == ["build"]:
        build()
    else:
        print("usage: python -m notifyzen.desktop.i18n update|build", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
