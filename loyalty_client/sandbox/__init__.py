"""The sandbox loyalty service: a reference implementation of the whole contract to rehearse a till.

- `start_sandbox(...)` serves it on a free loopback port in a background thread (tests, demo);
- `loyalty_client.sandbox.cli.main(argv)` runs it as a process (`till-loyalty sandbox ...`);
- `SandboxLoyalty` is the business logic itself, usable in-process as a `LoyaltyService`.
"""
from loyalty_client.sandbox.clock import SandboxClock
from loyalty_client.sandbox.logic import SandboxLoyalty, SentCode
from loyalty_client.sandbox.serving.server import RunningSandbox, start_sandbox

__all__ = ["RunningSandbox", "SandboxClock", "SandboxLoyalty", "SentCode", "start_sandbox"]
