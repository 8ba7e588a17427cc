"""Running rnnlab on several processes behind HAProxy (see deploy/README.md)."""
