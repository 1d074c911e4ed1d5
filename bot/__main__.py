"""`python -m bot run …`: Rasa's own command line, with the hot-path patches (bot/hot_path.py) applied."""
from rasa.__main__ import main

from bot import hot_path

if __name__ == "__main__":
    hot_path.apply()
    main()
