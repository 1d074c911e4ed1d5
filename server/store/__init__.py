"""The gateway's database: one SQLAlchemy engine (SQLite by default, PostgreSQL when GATEWAY_DB_URL
says so), its schema (schema.py, migrated by Alembic at start-up) and one store module per concern.

Every call of a store blocks (a database round trip): callers on the event loop run them in a
worker thread (asyncio.to_thread), never on the loop itself."""
