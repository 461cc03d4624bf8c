from notifyzen.cli import main

raise SystemExit(main())
