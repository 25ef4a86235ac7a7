"""The sandbox's database: models, the store of members and programs, the ledger and the transaction log."""
