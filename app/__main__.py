"""`python -m app` is the `till-loyalty` command."""
from app.cli import main

raise SystemExit(main())
