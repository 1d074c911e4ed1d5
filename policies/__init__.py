"""Dialogue policies of this bot (config.yml), beside Rasa's RulePolicy."""
