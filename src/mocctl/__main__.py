"""Allow ``python -m mocctl``."""

from mocctl.cli import main

raise SystemExit(main())
