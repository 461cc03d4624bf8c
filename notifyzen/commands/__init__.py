"""One module per subcommand; each has `register(subparsers)` and sets `func` on its parser.

May import: notifyzen, notifyzen.app, notifyzen.bus, notifyzen.calendar, notifyzen.clock, notifyzen.context, notifyzen.core, notifyzen.demo, notifyzen.desktop, notifyzen.devbus, notifyzen.history, notifyzen.learn, notifyzen.report, notifyzen.rulefiles, notifyzen.ui
"""  # noqa: E501
