"""The `till-loyalty` command line: the entry point, its checks, `queue` and `load`."""
