// graft client runner for KafkaJS: produce one record, consume it back, print one JSON line (with RUNNER_SOAK_MS: keep
// exchanging a record every RUNNER_SOAK_INTERVAL_MS for that long).
// Config comes only from the environment (contract A in ../README.md), as a vendor's service would read it.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { Kafka, Partitioners, logLevel } from 'kafkajs';

const env = process.env;
const started = Date.now();
const timeoutMs = Number(env.RUNNER_TIMEOUT_MS ?? 45000);
let lastError = 'none';

function emit(ok, fields) {
  console.log(JSON.stringify({ ok, runner: 'node', elapsedMs: Date.now() - started, ...fields }));
}

function fail(message, code = 1) {
  console.error(`runner error: ${message}`);
  emit(false, { error: message });
  process.exit(code);
}

/** Value of NAME, or of the file named by NAME_FILE (one trailing newline stripped). */
function readSecret(name) {
  const path = env[`${name}_FILE`];
  if (path) return readFileSync(path, 'utf8').replace(/\n$/, '');
  return env[name];
}

function describe(err) {
  const inner = err?.cause?.message ?? err?.cause;
  const cause = inner && inner !== err?.message ? ` (cause: ${inner})` : '';
  return `${err?.name ?? 'Error'}: ${err?.message ?? err}${cause}`;
}

// Logs go to stderr so stdout holds only the result line.
const logCreator =
  () =>
  ({ level, log }) => {
    const { message, error } = log;
    if (level <= logLevel.ERROR && error) lastError = `${message}: ${error}`;
    console.error(`[kafkajs] ${message}${error ? `: ${error}` : ''}`);
  };

// the CA, certificate and key as files, or as PEM content in a variable (ECS injects secrets only as variables)
const ca = env.KAFKA_SSL_CA_FILE
  ? [readFileSync(env.KAFKA_SSL_CA_FILE, 'utf8')]
  : env.KAFKA_SSL_CA_PEM
    ? [env.KAFKA_SSL_CA_PEM]
    : undefined;

/** OAuth 2 client-credentials grant, as an app would do it for oauthBearerProvider. */
async function fetchToken() {
  const body = new URLSearchParams({ grant_type: 'client_credentials' });
  if (env.KAFKA_OAUTH_SCOPE) body.set('scope', env.KAFKA_OAUTH_SCOPE);
  const basic = Buffer.from(
    `${encodeURIComponent(env.KAFKA_OAUTH_CLIENT_ID ?? '')}:${encodeURIComponent(readSecret('KAFKA_OAUTH_CLIENT_SECRET') ?? '')}`,
  ).toString('base64');
  const url = new URL(env.KAFKA_OAUTH_TOKEN_ENDPOINT ?? '');
  const transport = url.protocol === 'https:' ? https : http;
  const text = await new Promise((resolve, reject) => {
    const req = transport.request(
      url,
      {
        method: 'POST',
        ca,
        timeout: 10000,
        headers: {
          authorization: `Basic ${basic}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
      },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (data += c));
        res.on('end', () =>
          res.statusCode === 200 ? resolve(data) : reject(new Error(`token endpoint ${url} answered ${res.statusCode}: ${data}`)),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error(`token endpoint ${url} timed out`)));
    req.on('error', reject);
    req.end(body.toString());
  });
  const token = JSON.parse(text).access_token;
  if (!token) throw new Error(`token endpoint ${url} returned no access_token`);
  return { value: token };
}

function saslConfig() {
  const mechanism = env.KAFKA_SASL_MECHANISM?.toLowerCase();
  if (!mechanism) return undefined;
  if (mechanism === 'oauthbearer') {
    return {
      mechanism,
      oauthBearerProvider: () => fetchToken().catch((e) => fail(`OAuth token fetch failed: ${describe(e)}`)),
    };
  }
  return {
    mechanism,
    username: readSecret('KAFKA_SASL_USERNAME'),
    password: readSecret('KAFKA_SASL_PASSWORD'),
  };
}

function sslConfig() {
  const protocol = (env.KAFKA_SECURITY_PROTOCOL ?? 'PLAINTEXT').toUpperCase();
  if (!protocol.endsWith('SSL')) return undefined;
  const read = (p) => (p ? readFileSync(p, 'utf8') : undefined);
  const opts = {
    ca,
    cert: read(env.KAFKA_SSL_CERT_FILE) ?? (env.KAFKA_SSL_CERT_PEM || undefined),
    key: read(env.KAFKA_SSL_KEY_FILE) ?? (env.KAFKA_SSL_KEY_PEM || undefined),
  };
  return Object.values(opts).some(Boolean) ? opts : true;
}

async function main() {
  const { TOPIC: topic, GROUP_ID: groupId } = env;
  if (!topic || !groupId) fail('TOPIC and GROUP_ID must be set');
  if (!env.KAFKA_BOOTSTRAP_SERVERS) fail('KAFKA_BOOTSTRAP_SERVERS must be set');
  const kafka = new Kafka({
    clientId: 'graft-runner-node',
    brokers: env.KAFKA_BOOTSTRAP_SERVERS.split(',').map((s) => s.trim()),
    ssl: sslConfig(),
    sasl: saslConfig(),
    logLevel: logLevel.WARN,
    logCreator,
    retry: { retries: 3 },
  });
  const soakMs = Number(env.RUNNER_SOAK_MS ?? 0);
  if (soakMs > 0) return soak(kafka, topic, groupId, soakMs, Number(env.RUNNER_SOAK_INTERVAL_MS ?? 5000));
  const value = `graft-${randomUUID()}`;

  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const [meta] = await producer.send({ topic, messages: [{ value }] });
  await producer.disconnect();

  const consumer = kafka.consumer({ groupId });
  consumer.on(consumer.events.CRASH, ({ payload }) => fail(describe(payload.error)));
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise((resolve) => {
    void consumer.run({
      eachMessage: async ({ message }) => {
        if (message.value?.toString() === value) resolve();
      },
    });
  });
  await consumer.disconnect();
  emit(true, { topic, group: groupId, value, partition: meta?.partition, offset: Number(meta?.baseOffset) });
  process.exit(0);
}

/** Soak mode: one producer and one consumer for soakMs, a record exchanged every intervalMs (each within 30 s). */
async function soak(kafka, topic, groupId, soakMs, intervalMs) {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  // the first send creates the topic (with the producer's retries while its leader is elected), as the one-shot run does
  await producer.send({ topic, messages: [{ value: `graft-warmup-${randomUUID()}` }] });
  const consumer = kafka.consumer({ groupId });
  consumer.on(consumer.events.CRASH, ({ payload }) => fail(describe(payload.error)));
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const waiting = new Map();
  void consumer.run({
    eachMessage: async ({ message }) => waiting.get(message.value?.toString())?.(),
  });
  for (let rounds = 1; ; rounds++) {
    const roundStart = Date.now();
    const value = `graft-${randomUUID()}`;
    const seen = new Promise((resolve, reject) => {
      waiting.set(value, resolve);
      setTimeout(
        () => reject(new Error(`round ${rounds}: record not consumed within 30 s; last client error: ${lastError}`)),
        30000,
      ).unref();
    });
    const [meta] = await producer.send({ topic, messages: [{ value }] });
    await seen;
    waiting.delete(value);
    if (Date.now() - started >= soakMs) {
      await consumer.disconnect();
      await producer.disconnect();
      emit(true, { topic, group: groupId, value, partition: meta?.partition, offset: Number(meta?.baseOffset), rounds });
      process.exit(0);
    }
    await new Promise((r) => setTimeout(r, Math.max(0, roundStart + intervalMs - Date.now())));
  }
}

setTimeout(() => fail(`timed out after ${timeoutMs} ms; last client error: ${lastError}`, 3), timeoutMs);
main().catch((e) => fail(describe(e)));
