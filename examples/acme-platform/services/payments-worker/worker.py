"""payments-worker: consumes payment jobs from RabbitMQ and charges the provider."""
from __future__ import annotations

import json
import os
import signal
import sys

import pika
import stripe
import structlog
from prometheus_client import Counter, Gauge, start_http_server

from retry import decide

log = structlog.get_logger("payments-worker")

QUEUE = os.environ.get("PAYMENTS_QUEUE", "payments.charge")
DLQ = f"{QUEUE}.dlq"
PREFETCH = int(os.environ.get("PAYMENTS_PREFETCH", "16"))
AMQP_URL = os.environ.get("AMQP_URL", "amqp://rabbitmq.payments.svc.cluster.local:5672/%2F")

processed = Counter("payments_jobs_total", "Jobs processed", ["outcome"])
in_flight = Gauge("payments_jobs_in_flight", "Jobs currently being processed")


def charge(job: dict) -> None:
    """Charge the provider. The job id is the idempotency key, so a retry
    after a timeout can never double-charge the customer."""
    stripe.PaymentIntent.create(
        amount=job["amount_cents"],
        currency=job["currency"],
        customer=job["customer_ref"],
        metadata={"order_id": job["order_id"]},
        idempotency_key=job["id"],
        confirm=True,
    )


def handle(ch, method, props, body: bytes) -> None:
    job = json.loads(body)
    attempt = int((props.headers or {}).get("x-attempt", 0))
    in_flight.inc()
    try:
        charge(job)
        processed.labels("ok").inc()
        ch.basic_ack(method.delivery_tag)
    except Exception as exc:  # noqa: BLE001 - classify below
        code = getattr(exc, "code", None) or type(exc).__name__
        d = decide(code, attempt)
        log.warning("charge_failed", job_id=job.get("id"), code=code, attempt=attempt, requeue=d.requeue)
        if d.requeue:
            headers = {"x-attempt": attempt + 1, "x-delay": int(d.delay_s * 1000)}
            ch.basic_publish("payments.delayed", QUEUE, body, pika.BasicProperties(headers=headers))
            processed.labels("retried").inc()
        elif d.dead_letter:
            ch.basic_publish("", DLQ, body)
            processed.labels("dead_lettered").inc()
        else:
            processed.labels("failed").inc()
        ch.basic_ack(method.delivery_tag)
    finally:
        in_flight.dec()


def main() -> int:
    start_http_server(9102)
    conn = pika.BlockingConnection(pika.URLParameters(AMQP_URL))
    ch = conn.channel()
    ch.basic_qos(prefetch_count=PREFETCH)
    ch.basic_consume(QUEUE, handle)
    signal.signal(signal.SIGTERM, lambda *_: ch.stop_consuming())
    log.info("consuming", queue=QUEUE, prefetch=PREFETCH)
    ch.start_consuming()
    conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
