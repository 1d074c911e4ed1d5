"""The bot's data (domain, rules, endpoints, credentials) and how Rasa is run for it (`python -m bot`)."""
