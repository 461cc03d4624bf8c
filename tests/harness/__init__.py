"""The real parts the tests run against, shared by every folder beside this one.

A private session bus (busenv), notifyzen as a real process (notifyzen_proc), real desktops
(dunst, GNOME Shell, Plasma, i3, sway, a tray host), stand-ins for those that cannot run here
(dnd_fakes), and a morning's held items for the digest (digest_items, digest_service). The other
folders mirror notifyzen's packages: tests/<package>/ holds what tests notifyzen/<package>/.
"""
