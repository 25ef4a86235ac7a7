"""The till's loyalty service: which adapter its endpoint names, its API key, the connection check."""
