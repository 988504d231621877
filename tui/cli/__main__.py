"""`python -m tui.cli`: the same as the installed `yibao` command."""

import sys

from tui.cli import main

sys.exit(main())
