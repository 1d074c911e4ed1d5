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


def test_always():
    hours = ServiceHours.parse("always", 8)
    assert hours.is_open(datetime(2026, 12, 6, 3, 0, tzinfo=BEIJING)) and hours.describe() == "全天24小时"


@pytest.mark.parametrize("spec", ["", "weekdays 9-17", "mon-fri 17:00-09:00", "mon-xyz 09:00-17:00", "mon 9:00-17:00"])
def test_unreadable_hours_stop_the_start(spec):
    with pytest.raises(BadServiceHours):
        ServiceHours.parse(spec, 8)
