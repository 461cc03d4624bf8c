"""The user's phone: KDE Connect's notifications brought in like desktop ones, and what the user
does with them here (dismiss, reply, act) sent back to the phone. kdeconnect is the adapter to
kdeconnectd's D-Bus API and knows nothing of the Service; link attaches it to the Service (the
`ADAPTER_MODULES` hook `link.start`), so the dependency runs one way: link -> kdeconnect.

May import: notifyzen.core, notifyzen.bus
"""
