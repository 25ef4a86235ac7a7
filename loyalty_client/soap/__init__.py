"""The SOAP contract's client side: the contract, the transport, the mapping to domain values."""
