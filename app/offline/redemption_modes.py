"""The names of the offline spending rules a store can choose in its settings."""

REFUSE = "refuse"
CAPPED = "capped"
MODES = (REFUSE, CAPPED)
