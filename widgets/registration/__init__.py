"""The registration dialog: the new member's details, consent and the one-time code."""
