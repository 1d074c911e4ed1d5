"""SERVICE_HOURS: when agents take conversations."""
from datetime import datetime, timedelta, timezone

import pytest

from server.service_hours import BadServiceHours, ServiceHours

BEIJING = timezone(timedelta(hours=8))


def test_days_and_spans():
    hours = ServiceHours.parse("mon-fri 08:30-12:00,13:30-17:30; sat 09:00-12:00", 8)
    monday = datetime(2026, 11, 30, tzinfo=BEIJING)
    assert hours.is_open(monday.replace(hour=8, minute=30)) and hours.is_open(monday.replace(hour=11, minute=59))
    assert not hours.is_open(monday.replace(hour=12)) and not hours.is_open(monday.replace(hour=8, minute=29))
    assert hours.is_open(monday.replace(hour=14))
    saturday, sunday = monday + timedelta(days=5), monday + timedelta(days=6)
    assert hours.is_open(saturday.replace(hour=10)) and not hours.is_open(saturday.replace(hour=14))
    assert not hours.is_open(sunday.replace(hour=10))
    # the same moment in UTC: 02:00 UTC is 10:00 in Beijing
    assert hours.is_open(datetime(2026, 11, 30, 2, 0, tzinfo=timezone.utc))
    assert hours.describe() == "周一至周五 8:30–12:00、13:30–17:30，周六 9:00–12:00"
    # as a phone call says it: no "17:30" for the speech synthesizer to misread
    assert hours.describe(spoken=True) == "周一至周五8点30分到12点、13点30分到17点30分，周六9点到12点"


def test_always():
    hours = ServiceHours.parse("always", 8)
    assert hours.is_open(datetime(2026, 12, 6, 3, 0, tzinfo=BEIJING)) and hours.describe() == "全天24小时"
    asked = datetime(2026, 12, 6, 3, 0, tzinfo=BEIJING)
    assert hours.callback_by(asked, timedelta(hours=24)) == asked + timedelta(hours=24)


WEEKDAYS = ServiceHours.parse("mon-fri 08:30-12:00,13:30-17:30", 8)
DAY = timedelta(hours=24)


@pytest.mark.parametrize(
    "asked, promised",
    [
        # within service hours a day later: the same moment a day later
        (datetime(2026, 11, 30, 10, 0), datetime(2026, 12, 1, 10, 0)),
        # a day later is the lunch break or the evening: the last service moment before it
        (datetime(2026, 11, 30, 12, 30), datetime(2026, 12, 1, 12, 0)),
        (datetime(2026, 11, 30, 20, 0), datetime(2026, 12, 1, 17, 30)),
        # Sunday night: Monday's close, not Monday night
        (datetime(2026, 12, 6, 23, 0), datetime(2026, 12, 7, 17, 30)),
        # Friday evening: no service time in the next 24 hours, so the end of Monday morning's period
        (datetime(2026, 12, 4, 18, 0), datetime(2026, 12, 7, 12, 0)),
        # Saturday noon: the same
        (datetime(2026, 12, 5, 12, 0), datetime(2026, 12, 7, 12, 0)),
    ],
)
def test_a_callback_is_promised_within_service_hours(asked, promised):
    by = WEEKDAYS.callback_by(asked.replace(tzinfo=BEIJING), DAY)
    assert by == promised.replace(tzinfo=BEIJING)
    assert by > asked.replace(tzinfo=BEIJING) and (WEEKDAYS.is_open(by) or WEEKDAYS.is_open(by - timedelta(minutes=1)))


def test_a_callback_asked_in_utc_is_promised_in_local_hours():
    # 12:00 UTC on Friday is 20:00 in Beijing: Monday noon, Beijing time
    by = WEEKDAYS.callback_by(datetime(2026, 12, 4, 12, 0, tzinfo=timezone.utc), DAY)
    assert by.astimezone(BEIJING) == datetime(2026, 12, 7, 12, 0, tzinfo=BEIJING)


@pytest.mark.parametrize("spec", ["", "weekdays 9-17", "mon-fri 17:00-09:00", "mon-xyz 09:00-17:00", "mon 9:00-17:00"])
def test_unreadable_hours_stop_the_start(spec):
    with pytest.raises(BadServiceHours):
        ServiceHours.parse(spec, 8)
