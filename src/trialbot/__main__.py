"""`python -m trialbot` runs the command line."""

from trialbot.cli import main

raise SystemExit(main())
