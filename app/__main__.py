"""`python -m app` is the `till-loyalty` command."""
from app.launch import main

raise SystemExit(main())
