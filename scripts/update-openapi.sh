#!/bin/sh
# Regenerate the host API's OpenAPI document kept in resources/openapi/ from the code.
# Run after changing the API on purpose; tests/integration/test_host_api_contract.py holds the
# served document and the kept one equal.
set -eu
cd "$(dirname "$0")/.."
exec .venv/bin/till-loyalty host-api openapi --output resources/openapi/host-api.json
