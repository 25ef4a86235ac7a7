"""Whether a member may take part in an operation: a blocked card is refused."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Row

from loyalty_client.errors import CustomerBlocked
from loyalty_client.sandbox.storage.models import CustomerRow
from loyalty_client.types import CustomerStatus

MSG_BLOCKED = "Карта заблокирована. Обратитесь к администратору"


def usable_status(customer: Row[Any] | CustomerRow) -> CustomerStatus:
    """The member's status; CUSTOMER_BLOCKED when their card is blocked."""
    status = CustomerStatus(customer.status)
    if status is CustomerStatus.BLOCKED:
        raise CustomerBlocked(MSG_BLOCKED)
    return status
