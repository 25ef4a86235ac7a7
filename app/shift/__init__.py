"""The shift summary: what the loyalty program did on this till in a time window, from its own journal."""
