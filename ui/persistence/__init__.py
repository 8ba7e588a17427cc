"""A session saved and restored: the declared saved-state schema and the saving itself (above the jobs: a reload takes over its training)."""
