"""FastAPI gateway between the web chat widget / phone hotline and the Rasa bot."""
