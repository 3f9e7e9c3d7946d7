"""The outbox: messages decided in a transaction, sent after it, each once."""
