"""The store admin's side: the PIN, the sending queue, the offline spending policy."""
