"""The host API: a JSON API on loopback through which a POS drives the till (docs/host-api.md)."""
