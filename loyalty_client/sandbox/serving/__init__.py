"""The sandbox's HTTP side: the WSGI app, SOAP handling, request guards and the server."""
