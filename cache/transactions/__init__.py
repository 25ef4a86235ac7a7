"""The till's durable record of transactions: the journal, the outbox with its backoff, open sales and the offline redemption ledger."""
