import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { startOidcServer, type OidcServer } from '../oidc/server.js';
import { testbedAcls } from './acls.js';
import { formatStorage, launchBroker, logTail, waitReadyAndApplyAcls, type BrokerProcess } from './broker.js';
import { generateCerts } from './certs.js';
import { classpathOf, fetchKafka } from './fetch.js';
import { compileHelpers } from './java.js';
import { defaultStatePath, kafkaVersion, testbedCacheDir } from './paths.js';
import { freePorts } from './ports.js';
import { writeBrokerConfig, type BrokerPorts } from './server-properties.js';
import { removeStateIfOwned, writeState, type TestbedState } from './state.js';
import { sweepStaleRunDirs } from './sweep.js';

/** Options for {@link startTestbed}. */
export interface TestbedOptions {
  /** Kafka version (default GRAFT_KAFKA_VERSION or DEFAULT_KAFKA_VERSION). */
  version?: string;
  /** Where to write the state JSON; `false` writes none (default `.cache/testbed/state.json`). */
  stateFile?: string | false;
  /** Keep the run directory after stop and skip sweeping stale ones (default: GRAFT_TESTBED_KEEP=1). */
  keepRunDir?: boolean;
  /** Readiness timeout in ms (default 120000). */
  readyTimeoutMs?: number;
  /** Extra server.properties entries appended last (they override the generated ones). */
  serverOverrides?: Record<string, string>;
  /** Progress messages (default: silent). */
  log?: (msg: string) => void;
  /**
   * Adds a PLAINTEXT listener that advertises a loopback port nobody listens on (state `extraListeners.advertisedUnreachable`),
   * for "advertised.listeners unreachable" tests (default false).
   */
  advertisedUnreachableListener?: boolean;
  /** Lifetime of the access tokens the OIDC server issues, in seconds (default 3600). */
  oidcTokenTtlSeconds?: number;
}

/** A running test bed. */
export interface Testbed {
  state: TestbedState;
  oidc: OidcServer;
  stop(): Promise<void>;
}

const ALLOWED_URLS = 'org.apache.kafka.sasl.oauthbearer.allowed.urls';
const secret = (): string => randomBytes(12).toString('hex');

/** A Kafka-style base64url UUID that, like Kafka's Uuid.randomUuid(), never starts with "-" (argparse would take it for an option). */
function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

/** Starts the OIDC server and one KRaft broker with all listeners, users and ACLs; resolves when the broker is listed in metadata and ACLs are active. */
export async function startTestbed(opts: TestbedOptions = {}): Promise<Testbed> {
  const t0 = Date.now();
  const log = opts.log ?? ((): void => undefined);
  const version = opts.version ?? kafkaVersion();
  const keep = opts.keepRunDir ?? process.env['GRAFT_TESTBED_KEEP'] === '1';
  if (!keep) for (const d of await sweepStaleRunDirs()) log(`removed stale ${d}`);
  const stamp = new Date(t0).toISOString().replace(/[:.]/g, '-');
  const runDir = join(testbedCacheDir(), `run-${stamp}-${process.pid}`);
  await mkdir(join(runDir, 'data'), { recursive: true });
  const logFile = join(runDir, 'broker.log');
  log(`run dir ${runDir}`);

  const libsP = fetchKafka(version).then(async (libs) => ({
    libs,
    helpers: await compileHelpers(libs),
  }));
  const certsP = generateCerts(join(runDir, 'tls'));
  libsP.catch(() => undefined);
  certsP.catch(() => undefined);
  const users = { alice: secret(), reader: secret(), admin: secret() };
  const clientId = 'graft-app';
  const clientSecret = secret();
  const scope = 'kafka';
  const oidc = await startOidcServer({
    clients: { [clientId]: clientSecret },
    audience: 'kafka',
    defaultScope: scope,
    ...(opts.oidcTokenTtlSeconds === undefined ? {} : { tokenTtlSeconds: opts.oidcTokenTtlSeconds }),
  });
  let broker: BrokerProcess | undefined;
  const cleanup = async (): Promise<void> => {
    await broker?.stop();
    await oidc.close();
  };
  try {
    const [{ libs, helpers }, certs] = await Promise.all([libsP, certsP]);
    log(`kafka ${version} jars in ${libs}`);
    const [plaintext, saslPlaintext, saslSsl, ssl, internal, controller, unreachableBind, unreachableAdvertised] = await freePorts(
      opts.advertisedUnreachableListener ? 8 : 6,
    );
    const ports: BrokerPorts = { plaintext, saslPlaintext, saslSsl, ssl, internal, controller };
    if (unreachableBind !== undefined && unreachableAdvertised !== undefined) {
      ports.unreachable = { bind: unreachableBind, advertised: unreachableAdvertised };
    }
    const { propsFile, adminProps } = await writeBrokerConfig(
      runDir,
      {
        ports,
        dataDir: join(runDir, 'data'),
        plainUsers: users,
        adminPassword: users.admin,
        brokerKeystorePem: certs.brokerKeystorePem,
        caPem: certs.caPem,
        oidc,
      },
      opts.serverOverrides,
    );
    const clusterId = newClusterId();
    await formatStorage(libs, propsFile, clusterId, users);
    log('storage formatted');
    const javaSystemProperties = {
      [ALLOWED_URLS]: `${oidc.jwksUrl},${oidc.tokenEndpoint}`,
    };
    broker = await launchBroker(libs, propsFile, logFile, javaSystemProperties);
    log(`broker pid ${broker.pid}, log ${logFile}`);
    const prefix = 'acme.';
    const ready = await waitReadyAndApplyAcls(broker, {
      libs,
      helpers,
      adminProps,
      runDir,
      acls: testbedAcls(prefix, prefix),
      timeoutMs: opts.readyTimeoutMs ?? 120_000,
    });
    log(ready);
    const hp = (p: number): string => `127.0.0.1:${p}`;
    const { caPem, otherCaPem, clientCertPem, clientKeyPem, clientKeystorePem } = certs;
    const state: TestbedState = {
      pid: broker.pid,
      supervisorPid: process.pid,
      logFile,
      runDir,
      version,
      clusterId,
      listeners: {
        plaintext: hp(ports.plaintext),
        saslPlaintext: hp(ports.saslPlaintext),
        saslSsl: hp(ports.saslSsl),
        ssl: hp(ports.ssl),
      },
      tls: {
        caPem,
        otherCaPem,
        clientCertPem,
        clientKeyPem,
        clientKeystorePem,
      },
      users: {
        alice: { password: users.alice },
        reader: { password: users.reader },
        admin: { password: users.admin },
      },
      oidc: {
        tokenEndpoint: oidc.tokenEndpoint,
        jwksUrl: oidc.jwksUrl,
        issuer: oidc.issuer,
        audience: oidc.audience,
        clientId,
        clientSecret,
        scope,
      },
      javaSystemProperties,
      topicPrefix: prefix,
      groupPrefix: prefix,
      java: {
        kafkaClasspath: classpathOf(libs),
        helpersClasspath: helpers,
        libsDir: libs,
      },
      startedAt: new Date(t0).toISOString(),
      startupMs: Date.now() - t0,
    };
    if (ports.unreachable) {
      state.extraListeners = {
        advertisedUnreachable: { bootstrap: hp(ports.unreachable.bind), advertised: hp(ports.unreachable.advertised) },
      };
    }
    const stateFile = opts.stateFile === undefined ? defaultStatePath() : opts.stateFile;
    if (stateFile !== false) await writeState(state, stateFile);
    let stopping: Promise<void> | undefined;
    const stop = (): Promise<void> =>
      (stopping ??= (async () => {
        await cleanup();
        if (stateFile !== false) await removeStateIfOwned(state.pid, stateFile);
        if (!keep) await rm(runDir, { recursive: true, force: true });
      })());
    return { state, oidc, stop };
  } catch (err) {
    const tail = await logTail(logFile);
    await cleanup().catch(() => undefined);
    const msg = `${(err as Error).message}\n--- broker log (${logFile}) ---\n${tail}`;
    throw new Error(msg, { cause: err });
  }
}
