"""The user's desktop session and its files, as notifyzen meets them outside the decision core:
where config, data and shipped presets live (paths), the language and its translations (i18n;
words: the same catalogue read without Qt, for the CLI and the history), the .desktop entries for
the menu and autostart (desktop_entry, autostart), how a command or an app is launched (launch),
time said in words (timewords), and keeping Qt's platform noise off a terminal (qtquiet).

May import: notifyzen
"""
