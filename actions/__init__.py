"""Custom actions served by `rasa run actions`: thin wrappers around knowledge/."""
