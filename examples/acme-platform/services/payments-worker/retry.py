"""Retry policy for payment jobs (see docs/adr/0002-queue-retries.md).

A job is retried with exponential backoff and full jitter. After
MAX_ATTEMPTS it goes to the dead-letter queue instead of being requeued,
so one poisoned message can never block the main queue.
"""
from __future__ import annotations

import os
import random
from dataclasses import dataclass

MAX_ATTEMPTS = int(os.environ.get("PAYMENTS_MAX_ATTEMPTS", "6"))
BASE_DELAY_S = float(os.environ.get("PAYMENTS_RETRY_BASE_S", "10"))
MAX_DELAY_S = float(os.environ.get("PAYMENTS_RETRY_MAX_S", "300"))

# Provider error codes / exception names worth retrying. Anything else
# (card_declined, invalid_request) is a final answer and is acked at once.
RETRYABLE = frozenset({"rate_limit", "lock_timeout", "APIConnectionError", "RateLimitError", "Timeout"})


@dataclass(frozen=True)
class Decision:
    requeue: bool
    dead_letter: bool
    delay_s: float


def backoff(attempt: int) -> float:
    """Full-jitter backoff: uniform(0, min(cap, base * 2**attempt))."""
    ceiling = min(MAX_DELAY_S, BASE_DELAY_S * (2 ** attempt))
    return random.uniform(0, ceiling)


def decide(error_code: str, attempt: int) -> Decision:
    if error_code not in RETRYABLE:
        return Decision(requeue=False, dead_letter=False, delay_s=0)
    if attempt + 1 >= MAX_ATTEMPTS:
        return Decision(requeue=False, dead_letter=True, delay_s=0)
    return Decision(requeue=True, dead_letter=False, delay_s=backoff(attempt))
