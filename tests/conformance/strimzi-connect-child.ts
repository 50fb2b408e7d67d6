// Entry point run by strimzi-connect-run.ts inside the Connect pod's private mount namespace:
// `<request.json> <result.json>`. It does what Strimzi's image does with the operator's configuration
// (kafka_connect_run.sh: copy /opt/kafka/custom-config/kafka-connect.properties, start connect-distributed with it),
// then, as a user of the Connect cluster would, creates a FileStreamSource connector that writes one unique line to a
// topic and a FileStreamSink connector that reads it back into a file, and waits for that line. In soak mode
// (`soakMs`) the source keeps producing: one more line every `intervalMs`, each to be read back, for `soakMs`. For a
// KafkaMirrorMaker2 it first builds the cluster stores as the image's kafka_mirror_maker_2_run.sh does, creates the
// MirrorMaker 2 connectors the operator would create, and a FileStreamSink connector that reads the mirrored topic (with
// the worker's own credentials, the customer's) and waits for the line the test produced to the source cluster.
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** What the runner asks the child to do. */
export interface ConnectChildRequest {
  /** Directory of the worker's jars. */
  libs: string;
  /** The operator's configuration as mounted in the pod. */
  configFile: string;
  work: string;
  /** The worker's REST port (the pod's own network namespace would give it 8083). */
  restPort: number;
  env: Record<string, string>;
  topic: string;
  /** The sink connector's consumer group. */
  group: string;
  timeoutMs: number;
  /** Soak mode: keep the connectors moving one new line every `intervalMs` for this long once the first arrived. */
  soakMs?: number;
  intervalMs?: number;
  /**
   * A MirrorMaker 2 run: the operator's connectors, and the line produced to the source cluster that must arrive on
   * `topic` (the mirrored topic on the target); `env` then holds the container's KAFKA_MIRRORMAKER_2_* variables.
   */
  mirrorMaker2?: { connectors: { name: string; config: Record<string, string> }[]; value: string };
}

/** What the child reports. */
export interface ConnectChildResult {
  ok: boolean;
  /** Why it failed: the worker's exit, a connector's failure trace, or a timeout. */
  error?: string;
  /** The worker's log (tail). */
  log: string;
  durationMs: number;
  /** Lines written by the source and read back by the sink. */
  rounds: number;
  /** From the first line written to the last read back. */
  elapsedMs: number;
}

const JVM = ['-Xmx384m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Djava.awt.headless=true'];
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * kafka_mirror_maker_2_run.sh with kafka_mirror_maker_2_tls_prepare_certificates.sh and tls_utils.sh (Strimzi 0.51.0): for
 * each alias of KAFKA_MIRRORMAKER_2_CLUSTERS, a PKCS12 truststore of its trusted certificates (`keytool -import`, one
 * entry per file, aliased by its path) and a PKCS12 keystore of its TLS client certificate and key (`openssl pkcs12
 * -export`), under /tmp/kafka/clusters/, with the password the worker reads from MIRRORMAKER_2_CERTS_STORE_PASSWORD.
 */
function prepareMirrorMaker2Stores(env: Record<string, string>): void {
  const byAlias = (v: string | undefined): Map<string, string> =>
    new Map(
      (v ?? '')
        .split('\n')
        .filter((l) => l.length > 0)
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as [string, string]),
    );
  const trusted = byAlias(env['KAFKA_MIRRORMAKER_2_TRUSTED_CERTS_CLUSTERS']);
  const certs = byAlias(env['KAFKA_MIRRORMAKER_2_TLS_AUTH_CERTS_CLUSTERS']);
  const keys = byAlias(env['KAFKA_MIRRORMAKER_2_TLS_AUTH_KEYS_CLUSTERS']);
  const password = env['MIRRORMAKER_2_CERTS_STORE_PASSWORD'] ?? '';
  const run = (cmd: string, args: string[]): void => {
    execFileSync(cmd, args, { env: { ...env, PASSWORD: password }, stdio: ['ignore', 'pipe', 'pipe'] });
  };
  mkdirSync('/tmp/kafka/clusters', { recursive: true });
  for (const alias of (env['KAFKA_MIRRORMAKER_2_CLUSTERS'] ?? '').split(';').filter((a) => a.length > 0)) {
    const base = `/opt/kafka/mm2-certs/${alias}`;
    const truststore = `/tmp/kafka/clusters/${alias}.truststore.p12`;
    const list = trusted.get(alias);
    if (list) {
      rmSync(truststore, { force: true });
      // `for file in $BASEPATH/$cert`: the shell's glob over the mounted Secret's files
      for (const cert of list.split(';')) {
        const pattern = join(base, cert);
        const re = new RegExp(
          `^${basename(pattern)
            .replace(/[.+^${}()|[\]\\]/g, '\\$&')
            .replace(/\*/g, '.*')
            .replace(/\?/g, '.')}$`,
        );
        const files = existsSync(dirname(pattern))
          ? readdirSync(dirname(pattern))
              .filter((f) => re.test(f))
              .sort()
          : [];
        for (const f of files.map((x) => join(dirname(pattern), x)).filter((x) => statSync(x).isFile()))
          run('keytool', [
            '-keystore',
            truststore,
            '-storepass:env',
            'PASSWORD',
            '-noprompt',
            '-alias',
            f,
            '-import',
            '-file',
            f,
            '-storetype',
            'PKCS12',
          ]);
      }
    }
    const cert = certs.get(alias);
    const key = keys.get(alias);
    if (cert && key) {
      const keystore = `/tmp/kafka/clusters/${alias}.keystore.p12`;
      rmSync(keystore, { force: true });
      run('openssl', [
        'pkcs12',
        '-export',
        '-in',
        join(base, cert),
        '-inkey',
        join(base, key),
        '-name',
        cert,
        '-password',
        'env:PASSWORD',
        '-out',
        keystore,
        '-certpbe',
        'aes-128-cbc',
        '-keypbe',
        'aes-128-cbc',
        '-macalg',
        'sha256',
      ]);
    }
  }
}

async function main(): Promise<void> {
  const [requestFile, resultFile] = process.argv.slice(2);
  if (!requestFile || !resultFile) throw new Error('usage: strimzi-connect-child.ts <request.json> <result.json>');
  const req = JSON.parse(readFileSync(requestFile, 'utf8')) as ConnectChildRequest;
  const started = Date.now();
  const properties = join(req.work, 'strimzi-connect.properties');
  copyFileSync(req.configFile, properties);
  // the one line the pod's network namespace makes unnecessary: a free port instead of the default 8083
  appendFileSync(properties, `\nlisteners=http://127.0.0.1:${req.restPort}\n`);
  let log = '';
  if (req.mirrorMaker2) {
    try {
      prepareMirrorMaker2Stores(req.env);
    } catch (e) {
      const err = e as { message?: string; stderr?: Buffer };
      writeFileSync(
        resultFile,
        JSON.stringify({
          ok: false,
          error: `preparing the MirrorMaker 2 stores: ${err.message ?? ''} ${err.stderr?.toString() ?? ''}`,
          log,
          durationMs: 0,
        }),
      );
      return;
    }
  }
  const worker = spawn('java', [...JVM, '-cp', join(req.libs, '*'), 'org.apache.kafka.connect.cli.ConnectDistributed', properties], {
    env: req.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  worker.stdout.on('data', (c: Buffer) => (log += c.toString()));
  worker.stderr.on('data', (c: Buffer) => (log += c.toString()));
  let exited: number | null | undefined;
  worker.on('exit', (code, signal) => (exited = code ?? (signal ? 128 : 1)));
  let rounds = 0;
  let firstWritten = 0;
  const finish = async (ok: boolean, error?: string): Promise<void> => {
    if (exited === undefined) {
      worker.kill('SIGTERM');
      for (let i = 0; i < 50 && exited === undefined; i++) await sleep(100);
      if (exited === undefined) worker.kill('SIGKILL');
    }
    writeFileSync(join(req.work, 'worker.log'), log);
    // the worker's errors first, then the tail of its log
    const errors = log.split('\n').filter((l) => /\b(ERROR|WARN)\b|Exception/.test(l));
    const result: ConnectChildResult = {
      ok,
      log: `${errors.slice(0, 200).join('\n')}\n--- tail ---\n${log.slice(-100_000)}`,
      durationMs: Date.now() - started,
      rounds,
      elapsedMs: firstWritten ? Date.now() - firstWritten : 0,
    };
    if (error !== undefined) result.error = error;
    writeFileSync(resultFile, JSON.stringify(result));
  };
  const deadline = started + req.timeoutMs;
  const base = `http://127.0.0.1:${req.restPort}`;
  const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, json };
  };
  // the worker is ready once it has joined its group: the REST API lists connectors
  // a herder that cannot start (e.g. it may not create its internal topics) stops, while the REST server stays up
  const herderDied = (): boolean => log.includes('Uncaught exception in herder work thread');
  for (;;) {
    if (exited !== undefined) return finish(false, `the worker exited (${String(exited)})`);
    if (herderDied()) return finish(false, 'the herder stopped');
    if (Date.now() > deadline) return finish(false, 'timeout: the worker did not join its group');
    const r = await call('GET', '/connectors').catch(() => undefined);
    if (r?.status === 200) break;
    await sleep(500);
  }
  const input = join(req.work, 'lines.txt');
  const output = join(req.work, 'lines-out.txt');
  const stem = `graft-connect-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const written = [req.mirrorMaker2?.value ?? `${stem}-0`];
  writeFileSync(input, `${written[0]}\n`);
  firstWritten = Date.now();
  const sink = {
    'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector',
    'tasks.max': '1',
    file: output,
    topics: req.topic,
    'consumer.override.group.id': req.group,
    'consumer.override.auto.offset.reset': 'earliest',
  };
  const connectors: Record<string, Record<string, string>> = req.mirrorMaker2
    ? {
        ...Object.fromEntries(req.mirrorMaker2.connectors.map((c) => [c.name, c.config])),
        // the mirrored records are bytes; the sink writes them as text
        'graft-mirror-sink': { ...sink, 'value.converter': 'org.apache.kafka.connect.storage.StringConverter' },
      }
    : {
        'graft-lines-source': {
          'connector.class': 'org.apache.kafka.connect.file.FileStreamSourceConnector',
          'tasks.max': '1',
          file: input,
          topic: req.topic,
        },
        'graft-lines-sink': sink,
      };
  for (const [name, config] of Object.entries(connectors)) {
    for (;;) {
      const r = await call('PUT', `/connectors/${encodeURIComponent(name)}/config`, config).catch((e: unknown) => ({
        status: 0,
        json: String(e),
      }));
      if (r.status === 200 || r.status === 201) break;
      // 409: a rebalance is in progress
      if (r.status !== 409 || Date.now() > deadline) return finish(false, `creating ${name}: ${r.status} ${JSON.stringify(r.json)}`);
      await sleep(500);
    }
  }
  const soakMs = req.soakMs ?? 0;
  const intervalMs = req.intervalMs ?? 5_000;
  let nextWrite = firstWritten + intervalMs;
  for (;;) {
    const read = new Set(existsSync(output) ? readFileSync(output, 'utf8').split('\n') : []);
    rounds = written.filter((v) => read.has(v)).length;
    const soaking = Date.now() - firstWritten < soakMs;
    if (rounds === written.length && !soaking) {
      // the connectors go, so that the next worker of the same group and config topic starts without them
      for (const name of Object.keys(connectors)) await call('DELETE', `/connectors/${encodeURIComponent(name)}`).catch(() => undefined);
      return finish(true);
    }
    if (soaking && Date.now() >= nextWrite) {
      written.push(`${stem}-${written.length}`);
      appendFileSync(input, `${written[written.length - 1] ?? ''}\n`);
      nextWrite += intervalMs;
    }
    if (exited !== undefined) return finish(false, `the worker exited (${String(exited)})`);
    for (const name of Object.keys(connectors)) {
      const s = await call('GET', `/connectors/${encodeURIComponent(name)}/status`).catch(() => undefined);
      const status = s?.json as
        { connector?: { state?: string; trace?: string }; tasks?: { state?: string; trace?: string }[] } | undefined;
      const failed = [status?.connector, ...(status?.tasks ?? [])].find((x) => x?.state === 'FAILED');
      if (failed) return finish(false, `${name} failed: ${failed.trace ?? ''}`);
    }
    if (Date.now() > deadline)
      return finish(
        false,
        `timeout: the sink did not write ${written.length - rounds} of ${written.length} records (${req.topic}, group ${req.group})`,
      );
    await sleep(500);
  }
}

await main();
