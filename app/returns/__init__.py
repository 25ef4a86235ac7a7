"""Returns of goods sold with a customer: found in the till's journal, checked, estimated, queued."""
