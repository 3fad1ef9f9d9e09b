"""`python -m pipelines.cli`: the `corpus` command."""

import sys

from pipelines.cli import main

sys.exit(main())
