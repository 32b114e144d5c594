"""Data minimisation for allauth's session list: it records the client IP of each session,
but the product stores no IP address beyond what rate limiting needs (and that lives only
in the cache). The session list keeps the network, not the address."""

import ipaddress


def coarsen_ip(ip: str | None) -> str | None:
    """192.0.2.57 -> 192.0.2.0; 2001:db8:1:2::7 -> 2001:db8:1::."""
    if not ip:
        return None
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return None
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False).network_address)


def coarsen_user_session_ip(sender, instance, **kwargs):
    instance.ip = coarsen_ip(instance.ip)
