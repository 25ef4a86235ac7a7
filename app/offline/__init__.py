"""Working without the loyalty service: reachability, the outbox sync, cached balances, spending offline."""
