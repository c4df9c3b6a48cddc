from xiaomi_tui.cli import main

raise SystemExit(main())
