import pytest

from bench.loopback import NotLoopback, require_loopback


@pytest.mark.parametrize(
    "url, expected",
    [
        ("http://127.0.0.1:8000/", "http://127.0.0.1:8000"),
        ("http://localhost:5005", "http://localhost:5005"),
        ("http://LOCALHOST:5005", "http://LOCALHOST:5005"),
        ("http://[::1]:8000", "http://[::1]:8000"),
        ("https://127.0.0.1", "https://127.0.0.1"),
    ],
)
def test_loopback_urls_pass(url, expected):
    assert require_loopback(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com:8000",
        "http://10.0.0.5:5005",
        "http://127.0.0.2:5005",  # loopback range, but not one of the three allowed hosts
        "http://127.0.0.1.example.com",
        "http://127.0.0.1@example.com",  # user info, the host is example.com
        "http://localhost:notaport",
        "ftp://localhost",
        "127.0.0.1:8000",  # no scheme
        "",
    ],
)
def test_other_urls_are_refused(url):
    with pytest.raises(NotLoopback):
        require_loopback(url)
