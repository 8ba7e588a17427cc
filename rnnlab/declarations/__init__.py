"""What every layer reads: control specs, words (vocabulary), messages, the RNNLAB_* settings."""
