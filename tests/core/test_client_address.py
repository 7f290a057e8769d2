import ipaddress

from crisisdesk.core.client_address import client_address

PROXIES = [ipaddress.ip_network("10.0.0.0/8")]


def test_without_trusted_proxies_the_peer_address_is_used() -> None:
    assert client_address("203.0.113.5", "198.51.100.1", []) == "203.0.113.5"


def test_forwarded_for_from_an_untrusted_peer_is_ignored() -> None:
    assert client_address("203.0.113.5", "198.51.100.1", PROXIES) == "203.0.113.5"


def test_a_trusted_proxy_passes_on_the_right_most_untrusted_hop() -> None:
    forwarded = "192.0.2.66, 198.51.100.7, 10.0.0.3"
    assert client_address("10.0.0.2", forwarded, PROXIES) == "198.51.100.7"


def test_a_malformed_hop_falls_back_to_the_peer() -> None:
    assert client_address("10.0.0.2", "not-an-ip", PROXIES) == "10.0.0.2"
