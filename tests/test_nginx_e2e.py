"""End to end: the demo region published, served by a real nginx with deploy/'s config,
fetched over HTTP and read by four iCalendar parsers.

Needs the Debian package nginx (`.ci/run` installs it); without it the test is skipped on a
developer's machine and fails in CI, where it must run.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path

import pytest

from rcro_tui.exports.publish import publish
from test_ics_generator import _summaries_by_parser

LOCATIONS = Path(__file__).parent.parent / "deploy" / "nginx" / "rcro-locations.conf"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
pytestmark = pytest.mark.skipif(NGINX is None and not os.environ.get("CI"),
                                reason="nginx is not installed (apt-get install nginx-light)")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def served(demo_db, tmp_path):
    """(base URL, site folder): nginx serving the published demo region on a loopback port."""
    assert NGINX, "nginx must be installed in CI (.ci/run installs nginx-light)"
    site, prefix, port = tmp_path / "site", tmp_path / "nginx", _free_port()
    prefix.mkdir()
    publish(demo_db, site, as_of=date(2026, 11, 23), user="demo",
            site_url=f"http://127.0.0.1:{port}")
    user = "user root;\n" if os.geteuid() == 0 else ""
    (prefix / "nginx.conf").write_text(
        f"{user}daemon off;\nworker_processes 1;\npid {prefix}/nginx.pid;\n"
        f"error_log {prefix}/error.log;\nevents {{}}\nhttp {{\n"
        f"  access_log off;\n  client_body_temp_path {prefix}/body;\n"
        f"  proxy_temp_path {prefix}/proxy;\n  fastcgi_temp_path {prefix}/fastcgi;\n"
        f"  uwsgi_temp_path {prefix}/uwsgi;\n  scgi_temp_path {prefix}/scgi;\n"
        f"  server {{\n    listen 127.0.0.1:{port};\n    root {site};\n"
        f"    include {LOCATIONS};\n  }}\n}}\n")
    server = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf")],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    _wait_for(base, server)
    yield base, site
    server.terminate()
    server.wait(timeout=10)


def _wait_for(base: str, server: subprocess.Popen) -> None:
    for _ in range(100):
        if server.poll() is not None:
            raise AssertionError(server.stdout.read().decode())
        try:
            urllib.request.urlopen(base + "/index.html", timeout=1)
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.05)
    raise AssertionError("nginx did not answer")


def _get(url: str, headers: dict[str, str] | None = None):
    """(status, headers, body); error statuses are returned, not raised."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {})) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_feeds_are_served_as_utf8_calendars_with_etag_and_304(served):
    base, site = served
    status, headers, body = _get(base + "/feeds/region.ics")
    assert status == 200 and body == (site / "feeds" / "region.ics").read_bytes()
    assert headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert headers["ETag"] and headers["Last-Modified"]
    again, _, empty = _get(base + "/feeds/region.ics", {"If-None-Match": headers["ETag"]})
    assert (again, empty) == (304, b"")


def test_a_republish_with_nothing_changed_still_answers_304(served, demo_db):
    base, site = served
    _, headers, _ = _get(base + "/feeds/district-1.ics")
    publish(demo_db, site, as_of=date(2026, 11, 23), user="demo")
    status, _, _ = _get(base + "/feeds/district-1.ics",
                        {"If-Modified-Since": headers["Last-Modified"],
                         "If-None-Match": headers["ETag"]})
    assert status == 304


def test_four_parsers_read_the_served_feed_alike(served):
    base, _ = served
    _, _, body = _get(base + "/feeds/region.ics")
    found = _summaries_by_parser(body)
    reference = found.pop("icalendar")
    assert len(reference) > 100
    repeats = {event for event in reference if "Онлайн-час" in event[0]}
    for parser, events in found.items():
        assert events | repeats == reference | repeats, parser


def test_no_listing_no_state_and_private_feeds_only_by_token(served):
    base, site = served
    token_dir = next((site / "private").iterdir())
    assert _get(f"{base}/private/{token_dir.name}/calendar.ics")[0] == 200
    status, headers, _ = _get(f"{base}/private/{token_dir.name}/index.html")
    assert status == 200 and "noindex" in headers["X-Robots-Tag"]
    for path in ("/private/", "/feeds/", "/.rcro/state.json", "/.rcro/journal.txt",
                 "/private/not-a-token/calendar.ics"):
        status, _, body = _get(base + path)
        assert status in (403, 404), path
        assert b"region.ics" not in body and token_dir.name.encode() not in body
    status, headers, page = _get(base + "/")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert f"webcal://127.0.0.1:{base.rsplit(':', 1)[1]}/feeds/region.ics".encode() in page
