"""One module per subcommand; each has `register(subparsers)` and sets `func` on its parser.

May import: notifyzen.app, notifyzen.bus, notifyzen.calendar, notifyzen.cli, notifyzen.clock, notifyzen.context, notifyzen.core, notifyzen.demo, notifyzen.desktop, notifyzen.devbus, notifyzen.history, notifyzen.learn, notifyzen.report, notifyzen.rulefiles, notifyzen.ui
"""  # noqa: E501
