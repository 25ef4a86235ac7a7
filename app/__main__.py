"""`python -m app` is the `till-loyalty` command."""
from app.cli.main import main

raise SystemExit(main())
