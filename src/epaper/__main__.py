"""``python -m epaper``."""

import sys

from .cli import main

sys.exit(main())
