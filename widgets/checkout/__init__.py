"""The checkout panel's parts: identify, customer card, redemption, totals, prompts and messages."""
