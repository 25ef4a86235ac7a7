"""Receipt model, money arithmetic and exact allocation of a redemption over receipt lines."""
