"""graft client runner for confluent-kafka (librdkafka): produce one record, consume it back.

With RUNNER_SOAK_MS it keeps one producer and one consumer for that long and exchanges a record every
RUNNER_SOAK_INTERVAL_MS (5 s).

Config comes only from the environment (contract A) or, when KAFKA_CONFIG_FILE is set,
from a librdkafka properties file. TOPIC and GROUP_ID always come from the environment.
"""

import json
import os
import sys
import threading
import time
import uuid

from confluent_kafka import Consumer, KafkaError, KafkaException, Producer

TIMEOUT_S = float(os.environ.get("RUNNER_TIMEOUT_MS", "45000")) / 1000
STARTED = time.monotonic()
ERRORS = []  # client errors reported through error_cb / logs, newest last


def emit(ok, **fields):
    runner = "python-librdkafka" if os.environ.get("KAFKA_CONFIG_FILE") else "python"
    line = {"ok": ok, "runner": runner, "elapsedMs": int((time.monotonic() - STARTED) * 1000), **fields}
    print(json.dumps(line), flush=True)


def fail(message, code=1):
    print(f"runner error: {message}", file=sys.stderr, flush=True)
    emit(False, error=message)
    os._exit(code)  # librdkafka threads may still be blocked; leave now


def read_secret(name):
    """Value of NAME, or of the file named by NAME_FILE (one trailing newline stripped)."""
    path = os.environ.get(name + "_FILE")
    if path:
        with open(path, encoding="utf-8") as f:
            value = f.read()
        return value[:-1] if value.endswith("\n") else value
    return os.environ.get(name)


def load_properties(path):
    """librdkafka-style properties: key=value lines, '#' comments, blank lines ignored."""
    conf = {}
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            key, sep, value = line.partition("=")
            if not sep:
                fail(f"{path}: not a key=value line: {line!r}")
            conf[key.strip()] = value.strip()
    return conf


def config_from_env():
    env = os.environ.get
    conf = {}
    setters = {
        "bootstrap.servers": env("KAFKA_BOOTSTRAP_SERVERS"),
        "security.protocol": env("KAFKA_SECURITY_PROTOCOL"),
        "sasl.mechanism": env("KAFKA_SASL_MECHANISM"),
        "ssl.ca.location": env("KAFKA_SSL_CA_FILE"),
        "ssl.certificate.location": env("KAFKA_SSL_CERT_FILE"),
        "ssl.key.location": env("KAFKA_SSL_KEY_FILE"),
        # the same as PEM content, for a platform that injects secrets only as variables (ECS)
        "ssl.ca.pem": env("KAFKA_SSL_CA_PEM"),
        "ssl.certificate.pem": env("KAFKA_SSL_CERT_PEM"),
        "ssl.key.pem": env("KAFKA_SSL_KEY_PEM"),
    }
    if env("KAFKA_SASL_MECHANISM", "").upper() == "OAUTHBEARER":
        setters.update({
            "sasl.oauthbearer.method": "oidc",
            "sasl.oauthbearer.token.endpoint.url": env("KAFKA_OAUTH_TOKEN_ENDPOINT"),
            "sasl.oauthbearer.client.id": env("KAFKA_OAUTH_CLIENT_ID"),
            "sasl.oauthbearer.client.secret": read_secret("KAFKA_OAUTH_CLIENT_SECRET"),
            "sasl.oauthbearer.scope": env("KAFKA_OAUTH_SCOPE"),
            # the token endpoint is trusted with the same CA as the brokers
            "https.ca.location": env("KAFKA_SSL_CA_FILE"),
            "https.ca.pem": env("KAFKA_SSL_CA_PEM"),
        })
    else:
        setters.update({
            "sasl.username": read_secret("KAFKA_SASL_USERNAME"),
            "sasl.password": read_secret("KAFKA_SASL_PASSWORD"),
        })
    for key, value in setters.items():
        if value:
            conf[key] = value
    return conf


def describe(err):
    return f"{err.name()}: {err.str()}"


def on_error(err):
    ERRORS.append(describe(err))
    if err.code() in (KafkaError._AUTHENTICATION, KafkaError.SASL_AUTHENTICATION_FAILED,
                      KafkaError._SSL, KafkaError.TOPIC_AUTHORIZATION_FAILED,
                      KafkaError.GROUP_AUTHORIZATION_FAILED) or err.fatal():
        fail(describe(err))


def remaining():
    return TIMEOUT_S - (time.monotonic() - STARTED)


def main():
    threading.Timer(TIMEOUT_S, lambda: fail(
        f"timed out after {TIMEOUT_S:.0f}s; last client error: {ERRORS[-1] if ERRORS else 'none'}", 3)).start()
    topic, group = os.environ.get("TOPIC"), os.environ.get("GROUP_ID")
    if not topic or not group:
        fail("TOPIC and GROUP_ID must be set")
    config_file = os.environ.get("KAFKA_CONFIG_FILE")
    base = load_properties(config_file) if config_file else config_from_env()
    if "bootstrap.servers" not in base:
        fail("no bootstrap.servers configured")
    base["error_cb"] = on_error

    delivered = {}

    def on_delivery(err, msg):
        if err is not None:
            fail(f"delivery failed: {describe(err)}")
        delivered.update(partition=msg.partition(), offset=msg.offset())

    def produce(producer, value):
        delivered.clear()
        producer.produce(topic, value=value.encode(), on_delivery=on_delivery)
        while not delivered and remaining() > 0:
            producer.poll(0.2)

    def consume(consumer, value, until):
        while time.monotonic() - STARTED < until:
            msg = consumer.poll(0.5)
            if msg is None:
                continue
            if msg.error():
                on_error(msg.error())
                continue
            if msg.value() == value.encode():
                consumer.commit(message=msg, asynchronous=False)
                return True
        return False

    consumer_conf = {**base, "group.id": group, "auto.offset.reset": "earliest", "enable.auto.commit": False}
    soak_s = float(os.environ.get("RUNNER_SOAK_MS", "0")) / 1000
    if soak_s > 0:
        # soak mode: one producer and one consumer for the whole run, one exchange every RUNNER_SOAK_INTERVAL_MS
        interval_s = float(os.environ.get("RUNNER_SOAK_INTERVAL_MS", "5000")) / 1000
        producer = Producer(base)
        consumer = Consumer(consumer_conf)
        consumer.subscribe([topic])
        rounds = 0
        while True:
            round_start = time.monotonic()
            value = f"graft-{uuid.uuid4()}"
            produce(producer, value)
            if not consume(consumer, value, min(TIMEOUT_S, time.monotonic() - STARTED + 30)):
                fail(f"round {rounds + 1}: record not consumed within 30 s; last client error: "
                     f"{ERRORS[-1] if ERRORS else 'none'}", 3)
            rounds += 1
            if time.monotonic() - STARTED >= soak_s:
                consumer.close()
                emit(True, topic=topic, group=group, value=value, rounds=rounds, **delivered)
                os._exit(0)
            producer.poll(max(0.0, round_start + interval_s - time.monotonic()))

    value = f"graft-{uuid.uuid4()}"
    producer = Producer(base)
    produce(producer, value)
    consumer = Consumer(consumer_conf)
    consumer.subscribe([topic])
    if consume(consumer, value, TIMEOUT_S):
        consumer.close()
        emit(True, topic=topic, group=group, value=value, **delivered)
        os._exit(0)


if __name__ == "__main__":
    try:
        main()
    except KafkaException as e:
        fail(str(e.args[0]) if e.args else str(e))
    except Exception as e:  # noqa: BLE001 — any failure is reported as one JSON line
        fail(f"{type(e).__name__}: {e}")
