"""The demo's own windows: the stand-in POS and the sandbox log."""
