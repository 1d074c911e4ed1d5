"""Which rendering the user's channel needs: the hotline gateway marks its turns as 'hotline'."""
from rasa_sdk import Tracker

HOTLINE = "hotline"


def is_spoken(tracker: Tracker) -> bool:
    return tracker.get_latest_input_channel() == HOTLINE
