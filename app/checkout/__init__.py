"""The checkout: the state machine of one open receipt, its controller and presenter, the durable record of sales."""
