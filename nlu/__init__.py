"""NLU helpers: the FAQ data generator and the spaCy pipeline builder."""
