"""``python -m concord`` runs the command line."""
from concord.cli import main

raise SystemExit(main())
