"""Which address a request comes from. Plain Python, no Django import.

X-Forwarded-For is forgeable by anyone, so it is believed only when the direct peer is a
configured trusted proxy; then the right-most address that is not itself a trusted proxy wins.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def is_trusted_proxy(address: str, trusted: Sequence[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in trusted)


def client_address(remote_addr: str, forwarded_for: str | None, trusted: Sequence[Network]) -> str:
    if not forwarded_for or not is_trusted_proxy(remote_addr, trusted):
        return remote_addr
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    for hop in reversed(hops):
        if is_trusted_proxy(hop, trusted):
            continue
        try:
            return str(ipaddress.ip_address(hop))
        except ValueError:
            # A malformed hop means the chain cannot be trusted past this point.
            return remote_addr
    return remote_addr
