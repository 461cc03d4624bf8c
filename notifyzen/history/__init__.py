"""The local history: the SQLite file every notification, decision, check-in and reaction is
written to (store, with the tables in schema), kept readable when the disk fills or the file is
damaged (repair), what the user did with each notification (reactions), the situations they
were in (situations) and which phone notifications were the same message as a desktop one
(phone_copies); read back as a week for replays and the report (week) and as the rows the
history command and window list (rows). Nothing here decides anything: that is notifyzen.core.

May import: notifyzen, notifyzen.core, notifyzen.bus, notifyzen.desktop
"""
