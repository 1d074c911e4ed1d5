"""Alembic's environment: migrations run on the connection the gateway hands over
(server/store/database.py), never on a URL of their own."""
from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection)
with context.begin_transaction():
    context.run_migrations()
