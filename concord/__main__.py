"""``python -m concord`` runs the command line."""
from concord.cli import run

raise SystemExit(run())
