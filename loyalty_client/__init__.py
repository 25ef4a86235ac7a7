"""The loyalty domain and its contract: types, identifiers, the service protocol and its SOAP client."""
