"""A fake RetailCRM (API v5, the loyalty subset the till uses) for tests and the demo.

A real HTTP server on a loopback port, on its own thread, with in-memory state seeded with the
sandbox's demo members (`loyalty_client.sandbox.demo`: same names, phones, cards, balances,
levels). It checks `X-API-KEY` (or `?apiKey=`), answers errors in RetailCRM's envelope, and is
consistent by construction: every change of a balance is one entry of `operations`, and a
balance is always its seed plus the sum of its operations.

Faults for tests: `fail_next(n, status)` (a 503 burst), `lose_answers(path_part, n)` (the work is
done, the connection closed without an answer), `delay_seconds`, `account_exists = False` (the
HTML 405 page of an unknown account), `program_active = False` (the program switched off),
`hold(path_part, nth, before=...)` (hold a request before or after doing it until `release()`,
telling the hold observers: a crash test kills the till meanwhile). SMS codes sent are in
`sms_codes` (checkId -> code).
"""
from __future__ import annotations

import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable
from urllib.parse import parse_qs, urlsplit

from loyalty_client.identifiers import mask_phone
from loyalty_client.sandbox.demo import DEMO_CURRENCY, DEMO_CUSTOMERS
from loyalty_client.types import CustomerStatus

CENT = Decimal("0.01")
DEFAULT_KEY = "demo-retailcrm-key"
DEFAULT_SITE = "demo-store"
COMPLETE = "complete"
CANCELLED = "cancel-other"
MAX_CHARGE_PERCENT = Decimal("50")  # as the sandbox's demo program: points pay at most half a receipt
LEVELS = (  # id, name, accrual percent, 12-month purchases needed (the sandbox's demo tiers)
    (1, "Бронза", Decimal("3"), Decimal("0")),
    (2, "Серебро", Decimal("5"), Decimal("500")),
    (3, "Золото", Decimal("10"), Decimal("1500")),
)
_HTML_405 = b"<html><head><title>405 Not Allowed</title></head><body><center><h1>405 Not Allowed</h1></center><hr><center>nginx</center></body></html>"


def _money(value: Any) -> Decimal:
    return Decimal(str(value)).quantize(CENT, ROUND_HALF_UP)


class ApiError(Exception):
    """An error answer in RetailCRM's envelope."""

    def __init__(self, status: int, message: str, errors: Any = None) -> None:
        super().__init__(message)
        self.status, self.message, self.errors = status, message, errors


@dataclass
class Account:
    """A loyalty account of the fake."""

    id: int
    customer_id: int
    external_id: str
    first_name: str
    last_name: str
    phone: str
    card: str | None
    status: str
    active: bool
    amount: Decimal
    orders_sum: Decimal


@dataclass
class Order:
    """An order of the fake with its loyalty totals (points) and lines."""

    id: int
    external_id: str
    account_id: int
    items: list[dict[str, Any]]
    status: str = "new"
    charge: Decimal = Decimal("0.00")
    credit: Decimal = Decimal("0.00")
    credited: bool = False
    pending: dict[str, Any] | None = None  # an apply waiting for its SMS code
    extra: dict[str, Any] = field(default_factory=dict)


class FakeRetailCrm:
    """The fake's state and its HTTP server (see the module's docstring)."""

    def __init__(
        self,
        *,
        api_key: str = DEFAULT_KEY,
        site: str = DEFAULT_SITE,
        confirm_sms_charge: bool = False,
        on_code: Callable[[str, str, str], None] | None = None,
    ) -> None:
        self.api_key = api_key
        self.on_code = on_code  # (code, masked phone, bonuses) of each SMS "sent", for the demo
        self.site = site
        self.confirm_sms_charge = confirm_sms_charge
        self.charge_rate = Decimal("1.00")
        self.account_exists = True
        self.program_active = True  # False: the program is switched off (no active program)
        self.delay_seconds = 0.0
        self.rate_limit: int | None = None  # requests a second per key above which it answers 503
        self.rate_limited = 0  # requests answered 503 for the rate
        self._arrivals: list[float] = []
        self.sms_codes: dict[str, str] = {}
        self.operations: list[dict[str, Any]] = []
        self.requests: list[tuple[str, str]] = []  # (method, path) of every request, for tests
        self.accounts: dict[int, Account] = {}
        self.orders: dict[str, Order] = {}
        self._lock = threading.RLock()
        self._fail: list[int] = []
        self._lose: dict[str, int] = {}
        self._holds: list[list[Any]] = []  # [path part, requests still to let through, before?]
        self._hold_observers: list[Callable[[str], None]] = []
        self._released = threading.Event()
        self._seed()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def _seed(self) -> None:
        for number, demo in enumerate(DEMO_CUSTOMERS, start=1):
            first, _, last = demo.display_name.partition(" ")
            self.accounts[number] = Account(
                id=number,
                customer_id=100 + number,
                external_id=demo.customer_id,
                first_name=first,
                last_name=last,
                phone=demo.phone,
                card=demo.card_number,
                status={
                    CustomerStatus.ACTIVE: "activated",
                    CustomerStatus.BLOCKED: "deactivated",
                    CustomerStatus.NOT_ACTIVATED: "not_confirmed",
                }[demo.status],
                active=demo.status is not CustomerStatus.BLOCKED,
                amount=demo.spendable,
                orders_sum=demo.purchases_12m,
            )

    # ----- the server --------------------------------------------------------------------------

    def start(self, port: int = 0) -> "FakeRetailCrm":
        """Serve on 127.0.0.1:`port` (0: any free port) on a daemon thread."""
        fake = self

        class Handler(_Handler):
            pass

        Handler.fake = fake
        self._server = _QuietServer(("127.0.0.1", port), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-retailcrm", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> "FakeRetailCrm":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The port served on."""
        assert self._server is not None
        return self._server.server_address[1]

    @property
    def url(self) -> str:
        """The till's endpoint address for this fake."""
        return f"retailcrm+http://127.0.0.1:{self.port}/?site={self.site}"

    # ----- faults --------------------------------------------------------------------------------

    def fail_next(self, count: int, status: int = 503) -> None:
        """Answer the next `count` requests with `status` and an empty body, doing nothing."""
        with self._lock:
            self._fail.extend([status] * count)

    def lose_answers(self, path_part: str, count: int = 1) -> None:
        """Do the next `count` requests whose path contains `path_part`, then drop the connection."""
        with self._lock:
            self._lose[path_part] = self._lose.get(path_part, 0) + count

    def hold(self, path_part: str, nth: int = 1, *, before: bool = False, seconds: float = 60.0) -> None:
        """Hold the `nth` next request whose path contains `path_part` until `release()` (at most
        `seconds`): before doing it (`before=True`) or after, with its answer not sent yet."""
        with self._lock:
            self._holds.append([path_part, nth - 1, before, seconds])

    def add_hold_observer(self, observer: Callable[[str], None]) -> None:
        """Call `observer(path)` (on the server's thread) each time a request is held."""
        with self._lock:
            self._hold_observers.append(observer)

    def release(self) -> None:
        """Let every held request go on and drop the holds not reached yet."""
        with self._lock:
            self._holds.clear()
            released, self._released = self._released, threading.Event()
        released.set()

    def _wait_if_held(self, path: str, before: bool) -> None:
        with self._lock:
            rule = next((r for r in self._holds if r[2] is before and r[0] in path), None)
            if rule is None:
                return
            if rule[1] > 0:
                rule[1] -= 1
                return
            self._holds.remove(rule)
            released, observers = self._released, list(self._hold_observers)
        for observer in observers:
            observer(path)
        released.wait(rule[3])

    def _over_rate(self) -> bool:
        with self._lock:
            if self.rate_limit is None:
                return False
            now = time.monotonic()
            self._arrivals = [t for t in self._arrivals if t > now - 1.0] + [now]
            if len(self._arrivals) > self.rate_limit:
                self.rate_limited += 1
                return True
            return False

    def _take_fault(self, path: str) -> tuple[int | None, bool]:
        with self._lock:
            status = self._fail.pop(0) if self._fail else None
            lose = False
            for part, count in self._lose.items():
                if count and part in path:
                    self._lose[part] = count - 1
                    lose = True
                    break
            return status, lose

    # ----- consistency -----------------------------------------------------------------------------

    def balance_check(self) -> bool:
        """Whether every balance is its seed plus its operations (the fake's own invariant)."""
        for number, demo in enumerate(DEMO_CUSTOMERS, start=1):
            moved = sum((Decimal(op["amount"]) for op in self.operations if op["account"] == number), Decimal("0"))
            if self.accounts[number].amount != demo.spendable + moved:
                return False
        return True

    def _operate(self, account: Account, kind: str, amount: Decimal, order: Order) -> None:
        account.amount = _money(account.amount + amount)
        self.operations.append(
            {"account": account.id, "type": kind, "amount": str(amount), "order": order.external_id, "createdAt": _now()}
        )

    # ----- API -----------------------------------------------------------------------------------

    def handle(self, method: str, path: str, query: dict[str, list[str]], form: dict[str, list[str]], key: str | None) -> Any:
        """One API request: the success payload, or raises `ApiError`."""
        if not key:
            raise ApiError(403, '"apiKey" is missing.')
        if key != self.api_key:
            raise ApiError(403, 'Wrong "apiKey" value.')

        def one(source: dict[str, list[str]], name: str) -> str | None:
            values = source.get(name)
            return values[0] if values else None

        def json_field(name: str) -> Any:
            raw = one(form, name)
            if raw is None:
                raise ApiError(400, f"Parameter '{name}' is missing")
            try:
                return json.loads(raw)
            except ValueError:
                raise ApiError(400, "Errors in the entity format", {name: "not valid JSON"}) from None

        parts = path.strip("/").split("/")
        with self._lock:
            if method == "GET" and parts == ["loyalty", "loyalties"]:
                return {"loyalties": [self._loyalty()], "pagination": _page(1)}
            if method == "GET" and parts == ["loyalty", "accounts"]:
                found = [
                    a for a in self.accounts.values()
                    if (one(query, "filter[phoneNumber]") in (None, a.phone))
                    and (one(query, "filter[cardNumber]") in (None, a.card))
                    and (one(query, "filter[id]") in (None, str(a.id)))
                ]
                return {"loyaltyAccounts": [self._account(a) for a in found], "pagination": _page(len(found))}
            if method == "POST" and parts == ["verification", "sms", "confirm"]:
                return self._confirm(json_field("verification"))
            if method == "GET" and parts[:2] == ["loyalty", "account"] and parts[3:] == ["bonus", "operations"]:
                account = self._account_by_id(parts[2])
                found = [
                    {"type": op["type"], "createdAt": op["createdAt"], "amount": float(op["amount"]), "order": {"externalId": op["order"]}}
                    for op in self.operations
                    if op["account"] == account.id
                ]
                return {"bonusOperations": found, "pagination": _page(len(found))}
            if method == "GET" and parts[:2] == ["loyalty", "account"] and len(parts) == 3:
                return {"loyaltyAccount": self._account(self._account_by_id(parts[2]))}
            site = one(form if method == "POST" else query, "site")
            if site is None:
                raise ApiError(400, "Parameter 'site' is missing")
            if site != self.site:
                raise ApiError(400, "Errors in the entity format", {"site": f"Site with code '{site}' not found"})
            if method == "POST" and parts == ["loyalty", "calculate"]:
                return self._calculate(json_field("order"), _money(one(form, "bonuses") or 0))
            if method == "GET" and parts[0] == "orders" and len(parts) == 2:
                return {"order": self._order_json(self._order(parts[1], query))}
            if method == "POST" and parts == ["orders", "create"]:
                return self._create(json_field("order"))
            if method == "POST" and parts[0] == "orders" and parts[2:] == ["edit"]:
                # The SDK sends `by` in the form; `?by=` in the query is accepted too.
                return self._edit(self._order(parts[1], {**query, **form}), json_field("order"))
            if method == "POST" and parts == ["orders", "loyalty", "apply"]:
                return self._apply(self._order_ref(json_field("order")), _money(one(form, "bonuses") or 0))
            if method == "POST" and parts == ["orders", "loyalty", "cancel-bonus-operations"]:
                order = self._order_ref(json_field("order"))
                self._cancel_operations(order)
                return {"order": self._order_json(order)}
        raise ApiError(404, "Method not found")

    def _loyalty(self) -> dict[str, Any]:
        return {
            "id": 1,
            "name": "Клуб друзей",
            "active": self.program_active,
            "blocked": False,
            "currency": DEMO_CURRENCY,
            "confirmSmsCharge": self.confirm_sms_charge,
            "confirmSmsRegistration": False,
            "levels": [
                {"id": i, "name": n, "type": "bonus_percent", "sum": float(s), "privilegeSize": float(p), "privilegeSizePromo": float(p)}
                for i, n, p, s in LEVELS
            ],
        }

    def _level(self, orders_sum: Decimal) -> tuple[Any, ...]:
        return [lvl for lvl in LEVELS if lvl[3] <= orders_sum][-1]

    def _account(self, a: Account) -> dict[str, Any]:
        level = self._level(a.orders_sum)
        above = [lvl for lvl in LEVELS if lvl[3] > a.orders_sum]
        data = {
            "id": a.id,
            "active": a.active,
            "status": a.status,
            "phoneNumber": a.phone,
            "cardNumber": a.card,
            "amount": float(a.amount),
            "ordersSum": float(a.orders_sum),
            "level": {"id": level[0], "name": level[1], "type": "bonus_percent", "sum": float(level[3]), "privilegeSize": float(level[2])},
            "loyalty": {"id": 1, "currency": DEMO_CURRENCY},
            "customer": {"id": a.customer_id, "externalId": a.external_id, "site": self.site, "firstName": a.first_name, "lastName": a.last_name},
        }
        if above:
            data["nextLevelSum"] = float(above[0][3])
        return data

    def _account_by_id(self, raw: Any) -> Account:
        try:
            return self.accounts[int(raw)]
        except (KeyError, ValueError, TypeError):
            raise ApiError(404, "Not found") from None

    def _account_for_customer(self, customer: Any) -> Account:
        for a in self.accounts.values():
            if isinstance(customer, dict) and customer.get("id") == a.customer_id:
                return a
        raise ApiError(400, "Errors in the entity format", {"customer": "Customer not found"})

    def _priced(self, account: Account, items: list[dict[str, Any]], bonuses: Decimal) -> tuple[list[dict[str, Any]], Decimal, Decimal, Decimal]:
        """Items with their charge and credit, the charge, the credit and the cap (points)."""
        totals = [_money(Decimal(str(i["initialPrice"])) * Decimal(str(i["quantity"]))) for i in items]
        total = sum(totals, Decimal("0"))
        cap = min(account.amount, (total * MAX_CHARGE_PERCENT / 100 / self.charge_rate).quantize(CENT, ROUND_DOWN))
        cap = max(cap, Decimal("0.00")) if account.status == "activated" and account.active else Decimal("0.00")
        if bonuses > cap:
            raise ApiError(400, "Errors in the entity format", {"bonuses": f"At most {cap} bonuses can be charged"})
        money = _money(bonuses * self.charge_rate)
        percent = self._level(account.orders_sum)[2]
        priced, left = [], money
        for index, (item, line_total) in enumerate(zip(items, totals)):
            share = left if index == len(items) - 1 else (money * line_total / total).quantize(CENT, ROUND_DOWN) if total else Decimal("0.00")
            left -= share
            credit = _money((line_total - share) * percent / 100) if account.active else Decimal("0.00")
            qty = Decimal(str(item["quantity"]))
            priced.append({
                **item,
                "bonusesChargeTotal": float(_money(share / self.charge_rate)),
                "bonusesCreditTotal": float(credit),
                "discountTotal": float((share / qty).quantize(CENT, ROUND_HALF_UP)) if qty else 0.0,
                "discounts": [{"type": "bonus_charge", "amount": float(share)}] if share else [],
                "prices": [{"price": float(Decimal(str(item["initialPrice"])) - (share / qty).quantize(CENT, ROUND_HALF_UP)), "quantity": float(qty)}],
            })
        credit = sum((Decimal(str(p["bonusesCreditTotal"])) for p in priced), Decimal("0"))
        return priced, bonuses, _money(credit), cap

    def _calculate(self, order: dict[str, Any], bonuses: Decimal) -> dict[str, Any]:
        account = self._account_for_customer(order.get("customer"))
        items, charge, credit, cap = self._priced(account, order.get("items") or [], bonuses)
        _, _, credit_none, _ = self._priced(account, order.get("items") or [], Decimal("0"))
        return {
            "order": {
                "bonusesCreditTotal": float(credit),
                "bonusesChargeTotal": float(charge),
                "privilegeType": "loyalty_level",
                "loyaltyAccount": {"id": account.id, "amount": float(account.amount)},
                "site": self.site,
                "currency": DEMO_CURRENCY,
                "items": items,
            },
            "calculations": [
                {"privilegeType": "none", "discount": 0, "creditBonuses": 0, "maxChargeBonuses": float(cap), "maximum": False},
                {"privilegeType": "loyalty_level", "discount": 0, "creditBonuses": float(credit_none), "maxChargeBonuses": float(cap), "maximum": True},
            ],
            "loyalty": {"name": "Клуб друзей", "chargeRate": float(self.charge_rate)},
        }

    def _order(self, ref: str, query: dict[str, list[str]]) -> Order:
        by = (query.get("by") or ["id"])[0]
        for order in self.orders.values():
            if (by == "externalId" and order.external_id == ref) or (by == "id" and str(order.id) == ref):
                return order
        raise ApiError(404, "Not found")

    def _order_ref(self, ref: dict[str, Any]) -> Order:
        if "externalId" in ref:
            return self._order(str(ref["externalId"]), {"by": ["externalId"]})
        return self._order(str(ref.get("id")), {"by": ["id"]})

    def _order_json(self, order: Order) -> dict[str, Any]:
        account = self.accounts[order.account_id]
        return {
            "id": order.id,
            "externalId": order.external_id,
            "site": self.site,
            "status": order.status,
            "customer": {"id": account.customer_id},
            "loyaltyAccount": {"id": account.id, "amount": float(account.amount)},
            "bonusesChargeTotal": float(order.charge),
            "bonusesCreditTotal": float(order.credit),
            "items": order.items,
        }

    def _create(self, data: dict[str, Any]) -> dict[str, Any]:
        external_id = str(data.get("externalId") or "")
        if any(o.external_id == external_id for o in self.orders.values()):
            raise ApiError(400, "Order is not loaded", {"externalId": "Order with such externalId already exists."})
        account = self._account_for_customer(data.get("customer"))
        items, _, credit, _ = self._priced(account, data.get("items") or [], Decimal("0"))
        order = Order(id=len(self.orders) + 1, external_id=external_id, account_id=account.id, items=items, credit=credit)
        self.orders[external_id] = order
        return {"id": order.id, "order": self._order_json(order)}

    def _reprice(self, order: Order, bonuses: Decimal) -> None:
        account = self.accounts[order.account_id]
        plain = [{k: v for k, v in i.items() if k in ("initialPrice", "quantity", "offer", "externalIds", "productName")} for i in order.items]
        order.items, order.charge, order.credit, _ = self._priced(account, plain, bonuses)

    def _apply(self, order: Order, bonuses: Decimal) -> dict[str, Any]:
        account = self.accounts[order.account_id]
        if order.status != "new":
            raise ApiError(400, "Errors in the entity format", {"order": "Bonuses can only be applied to a new order"})
        if order.charge:  # applying again replaces the charge, as a new calculation would
            self._operate(account, "cancel_of_charge", order.charge, order)
            order.charge = Decimal("0.00")
        answer: dict[str, Any] = {}
        if self.confirm_sms_charge and bonuses:
            self._priced(account, [dict(i) for i in order.items], bonuses)  # refuse over the cap now
            check_id = secrets.token_hex(8)
            self.sms_codes[check_id] = f"{secrets.randbelow(10000):04d}"
            order.pending = {"checkId": check_id, "bonuses": str(bonuses)}
            if self.on_code is not None:
                self.on_code(self.sms_codes[check_id], mask_phone(account.phone), str(bonuses))
            answer["verification"] = {"checkId": check_id, "actionType": "verify_order", "createdAt": _now(), "expiredAt": _now(300)}
        else:
            self._reprice(order, bonuses)
            if order.charge:
                self._operate(account, "charge_for_order", -order.charge, order)
        answer["order"] = self._order_json(order)
        return answer

    def _confirm(self, data: dict[str, Any]) -> dict[str, Any]:
        check_id, code = str(data.get("checkId")), str(data.get("code"))
        order = next((o for o in self.orders.values() if o.pending and o.pending["checkId"] == check_id), None)
        if order is None or self.sms_codes.get(check_id) != code:
            raise ApiError(400, "Verification code is invalid", {"code": "Invalid code"})
        bonuses = Decimal(order.pending["bonuses"])
        order.pending = None
        self._reprice(order, bonuses)
        self._operate(self.accounts[order.account_id], "charge_for_order", -order.charge, order)
        return {"verification": {"checkId": check_id, "actionType": "verify_order", "createdAt": _now(), "verifiedAt": _now()}}

    def _cancel_operations(self, order: Order) -> None:
        account = self.accounts[order.account_id]
        order.pending = None
        if order.charge:
            self._operate(account, "cancel_of_charge", order.charge, order)
        if order.credited and order.credit:
            self._operate(account, "cancel_of_credit", -order.credit, order)
        order.credited = False
        self._reprice(order, Decimal("0"))
        order.credit = Decimal("0.00")
        for item in order.items:
            item["bonusesCreditTotal"] = 0.0

    def _edit(self, order: Order, data: dict[str, Any]) -> dict[str, Any]:
        status = data.get("status")
        if status == COMPLETE and order.status != COMPLETE:
            if order.status == CANCELLED:
                raise ApiError(400, "Errors in the entity format", {"status": "A cancelled order cannot be completed"})
            account = self.accounts[order.account_id]
            if order.credit and not order.credited:
                self._operate(account, "credit_for_order", order.credit, order)
                order.credited = True
            spent = sum((Decimal(str(i["initialPrice"])) * Decimal(str(i["quantity"])) for i in order.items), Decimal("0"))
            account.orders_sum = _money(account.orders_sum + spent - order.charge * self.charge_rate)
        if status is not None:
            order.status = str(status)
        return {"id": order.id}


def _page(count: int) -> dict[str, int]:
    return {"limit": 20, "totalCount": count, "currentPage": 1, "totalPageCount": 1}


def _now(plus_seconds: int = 0) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(time.time() + plus_seconds))


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        return None  # a client that gave up (a deadline passed) is no news; nothing is logged


class _Handler(BaseHTTPRequestHandler):
    fake: FakeRetailCrm
    protocol_version = "HTTP/1.1"
    # Headers and body leave in one write: two small writes on a kept-alive connection wait for
    # the client's delayed ACK (about 40 ms a request).
    wbufsize = 64 * 1024
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002  (quiet: bodies carry personal data)
        return None

    def do_GET(self) -> None:  # noqa: N802
        self._serve("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._serve("POST")

    def _serve(self, method: str) -> None:
        fake = self.fake
        split = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(min(length, 1024 * 1024)).decode("utf-8", "replace") if length else ""
        fake.requests.append((method, split.path))
        if fake.delay_seconds:
            time.sleep(fake.delay_seconds)
        if not fake.account_exists:
            return self._send(405, _HTML_405, "text/html")
        if fake._over_rate():
            return self._send(503, b'{"success":false,"errorMsg":"Rate limit exceeded"}', "application/json")
        status, lose = fake._take_fault(split.path)
        if status is not None:
            return self._send(status, b"", "text/plain")
        if not split.path.startswith("/api/v5/"):
            return self._send(404, b"<html>Not Found</html>", "text/html")
        query = parse_qs(split.query)
        form = parse_qs(body) if method == "POST" else {}
        key = self.headers.get("X-API-KEY") or (query.get("apiKey") or [None])[0]
        fake._wait_if_held(split.path, before=True)
        try:
            payload = {"success": True, **fake.handle(method, split.path[len("/api/v5/"):], query, form, key)}
            code = 201 if split.path.endswith("/create") else 200
        except ApiError as exc:
            payload = {"success": False, "errorMsg": exc.message}
            if exc.errors is not None:
                payload["errors"] = exc.errors
            code = exc.status
        fake._wait_if_held(split.path, before=False)
        if lose:
            self.close_connection = True
            return None
        self._send(code, json.dumps(payload, ensure_ascii=False).encode(), "application/json; charset=utf-8")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main() -> None:  # pragma: no cover - a manual way to run the demo's fake
    """Serve the fake on a port until interrupted: `python -m loyalty_client.retailcrm.fake_server PORT`."""
    import sys

    fake = FakeRetailCrm(confirm_sms_charge="--sms" in sys.argv).start(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
    print(fake.url, flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        fake.stop()


if __name__ == "__main__":  # pragma: no cover
    main()
