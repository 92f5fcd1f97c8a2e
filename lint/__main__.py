"""Allow `python -m unionlint`."""

from unionlint.cli import main

raise SystemExit(main())
