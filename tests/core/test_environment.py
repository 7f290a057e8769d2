"""Configuration is parsed strictly: a bad value names its variable."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from crisisdesk.env import ConfigError, Environment


def test_booleans_accept_the_usual_words() -> None:
    env = Environment({"A": "yes", "B": "0", "C": " TRUE "})
    assert env.boolean("A", False) is True
    assert env.boolean("B", True) is False
    assert env.boolean("C", False) is True
    assert env.boolean("MISSING", True) is True


def test_a_bad_boolean_names_the_variable() -> None:
    with pytest.raises(ConfigError, match="DEBUG must be one of"):
        Environment({"DEBUG": "maybe"}).boolean("DEBUG", False)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("ten", "must be a whole number"),
        ("0", "must be at least 1"),
        ("9999", "must be at most 720"),
    ],
)
def test_integers_are_checked_for_type_and_range(value: str, message: str) -> None:
    env = Environment({"CRISISDESK_SESSION_IDLE_MINUTES": value})
    with pytest.raises(ConfigError, match=f"CRISISDESK_SESSION_IDLE_MINUTES {message}"):
        env.integer("CRISISDESK_SESSION_IDLE_MINUTES", 15, minimum=1, maximum=720)


def test_time_zones_must_exist() -> None:
    assert Environment({"TZ1": "America/Denver"}).time_zone("TZ1", "UTC") == "America/Denver"
    with pytest.raises(ConfigError, match="TZ1 must be an IANA time zone"):
        Environment({"TZ1": "Mars/Olympus"}).time_zone("TZ1", "UTC")


def test_lists_reject_empty_items() -> None:
    assert Environment({"H": "a.org, b.org"}).string_list("H", []) == ["a.org", "b.org"]
    with pytest.raises(ConfigError, match="empty item"):
        Environment({"H": "a.org,,b.org"}).string_list("H", [])


def test_networks_are_parsed() -> None:
    nets = Environment({"P": "10.0.0.0/8,127.0.0.1"}).networks("P")
    assert [str(net) for net in nets] == ["10.0.0.0/8", "127.0.0.1/32"]
    with pytest.raises(ConfigError, match="P must list IP addresses"):
        Environment({"P": "proxy.local"}).networks("P")


def run_command(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("CRISISDESK", "DJANGO"))}
    clean.pop("DATABASE_URL", None)
    clean.update(env)
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "crisisdesk", *args],
        capture_output=True,
        text=True,
        env=clean,
        timeout=60,
        check=False,
    )


def test_the_command_stops_with_one_line_on_a_bad_value(tmp_path: object) -> None:
    result = run_command(
        "check", CRISISDESK_SESSION_IDLE_MINUTES="soon", CRISISDESK_VAR_DIR=str(tmp_path)
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "crisisdesk: configuration error: CRISISDESK_SESSION_IDLE_MINUTES must be a whole "
        "number, got 'soon'"
    )
    assert "Traceback" not in result.stderr


def test_a_database_url_of_an_unknown_kind_is_refused(tmp_path: object) -> None:
    result = run_command(
        "check", DATABASE_URL="mysql://root@localhost/x", CRISISDESK_VAR_DIR=str(tmp_path)
    )
    assert result.returncode == 2
    assert "DATABASE_URL" in result.stderr


def test_serving_in_production_requires_a_secret_key(tmp_path: object) -> None:
    result = run_command(
        "serve", "--port", "0", ALLOWED_HOSTS="crisis.example.org", CRISISDESK_VAR_DIR=str(tmp_path)
    )
    assert result.returncode != 0
    assert "crisisdesk.E001" in result.stderr
    assert "SECRET_KEY is not set" in result.stderr


def test_deploy_checks_refuse_debug_and_wildcard_hosts(tmp_path: object) -> None:
    result = run_command(
        "check",
        "--deploy",
        SECRET_KEY="k" * 10 + "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH",
        DEBUG="true",
        ALLOWED_HOSTS="*",
        CRISISDESK_VAR_DIR=str(tmp_path),
    )
    assert result.returncode != 0
    assert "crisisdesk.E003" in result.stderr
    assert "crisisdesk.E005" in result.stderr


def test_a_sound_production_configuration_passes_the_checks(tmp_path: object) -> None:
    result = run_command(
        "check",
        "--deploy",
        "--fail-level",
        "ERROR",
        SECRET_KEY="Zq8" + "x7Lp2mN9vB4cR6tY1wE3sD5fG8hJ0kL2aQ4zX6cV8bN1mM3nB5vC7x9",
        ALLOWED_HOSTS="crisis.example.org",
        CRISISDESK_ENCRYPTION_KEYS="3Cq3KXrgtmQUTLdx0dG1MC0rhUqh0eBgq6qNlHZq0nY=",
        CRISISDESK_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr


def test_deploy_checks_require_an_encryption_key(tmp_path: object) -> None:
    result = run_command(
        "check",
        "--deploy",
        SECRET_KEY="Zq8" + "x7Lp2mN9vB4cR6tY1wE3sD5fG8hJ0kL2aQ4zX6cV8bN1mM3nB5vC7x9",
        ALLOWED_HOSTS="crisis.example.org",
        CRISISDESK_VAR_DIR=str(tmp_path),
    )
    assert result.returncode != 0
    assert "crisisdesk.E006" in result.stderr


def test_a_malformed_encryption_key_is_named_in_one_line(tmp_path: object) -> None:
    result = run_command(
        "check", CRISISDESK_ENCRYPTION_KEYS="not-a-key", CRISISDESK_VAR_DIR=str(tmp_path)
    )
    assert result.returncode == 2
    assert "CRISISDESK_ENCRYPTION_KEYS item 1 is not a Fernet key" in result.stderr
    assert "not-a-key" not in result.stderr
    assert "Traceback" not in result.stderr
