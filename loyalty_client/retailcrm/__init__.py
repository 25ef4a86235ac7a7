"""The till's adapter for RetailCRM API v5 loyalty: the HTTP client, the adapter, a fake server."""
