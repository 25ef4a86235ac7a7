"""The demo till: its host POS side and its sandbox child process."""
