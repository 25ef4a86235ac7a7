"""Why an endpoint address cannot be used, as a code a caller can put in its own words.

The command line prints the English message of an `EndpointError`; the till's admin screen
words its `problem` in the till's language.
"""
from __future__ import annotations

from enum import Enum


class EndpointProblem(str, Enum):
    """What is wrong with an endpoint address."""

    NOT_AN_ADDRESS = "not_an_address"  # neither http(s)://HOST/ nor retailcrm+https://
    BAD_PORT = "bad_port"  # a port that is not a number from 1 to 65535
    RETAILCRM_SHAPE = "retailcrm_shape"  # retailcrm+ but not retailcrm+https://ACCOUNT.retailcrm.ru/
    RETAILCRM_PLAIN_HTTP = "retailcrm_plain_http"  # retailcrm+http:// to another machine
    RETAILCRM_NO_SITE = "retailcrm_no_site"  # no ?site=CODE
    KEY_IN_ADDRESS = "key_in_address"  # user:password@ in the address


class EndpointError(ValueError):
    """An endpoint address that cannot be used: `problem` says why, the message in English."""

    def __init__(self, problem: EndpointProblem, message: str) -> None:
        super().__init__(message)
        self.problem = problem
