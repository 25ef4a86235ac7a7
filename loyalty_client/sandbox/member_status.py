"""Whether a member may take part in an operation: a blocked card is refused."""
from __future__ import annotations

from loyalty_client.errors import CustomerBlocked
from loyalty_client.types import CustomerStatus

MSG_BLOCKED = "Карта заблокирована. Обратитесь к администратору"


def usable_status(stored: str) -> CustomerStatus:
    """The status of a member whose row holds `stored`; CUSTOMER_BLOCKED when their card is blocked."""
    status = CustomerStatus(stored)
    if status is CustomerStatus.BLOCKED:
        raise CustomerBlocked(MSG_BLOCKED)
    return status
