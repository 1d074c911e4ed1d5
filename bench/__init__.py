"""`python -m bench`: a bounded load generator comparing the gateway's chat turn with bare Rasa NLU."""
