import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './support/cases.js';

// Every place a secret can come from gets its own unique value; each test greps every output stream for all of them.

/** The customer's secret values, in every local source graft check reads: none may appear anywhere, ever. */
const CUSTOMER = {
  env: 'LEAK-customer-env-sasl-9f41c2',
  envRegistry: 'LEAK-customer-env-registry-3b7e0d',
  envOauth: 'LEAK-customer-env-oauth-c61a95',
  fileRef: 'LEAK-customer-file-ref-51d0aa',
  dir: 'LEAK-customer-dir-e0b7f3',
  dirRegistry: 'LEAK-customer-dir-registry-82c4de',
  mapFile: 'LEAK-customer-file-map-file-47ab19',
  mapValue: 'LEAK-customer-file-map-value-0d93e6',
  mapNotJson: 'LEAK-customer-file-map-not-json-6fe281',
};

/** Secrets written into graft's own inputs by mistake: refused, and never echoed. */
const INPUT = {
  specInline: 'LEAK-spec-inline-password-a4c9e1',
  specRegistryUrl: 'LEAK-spec-registry-url-2e6b0f',
  specTokenEndpoint: 'LEAK-spec-token-endpoint-913dd7',
  specBootstrap: 'LEAK-spec-bootstrap-b57c30',
  specQuery: 'LEAK-spec-query-parameter-64e2b9',
  bindings: 'LEAK-bindings-url-7a1f48',
};

/** Literal credentials of the origin stack: never in what graft prints or reports. */
const ORIGIN = {
  brokerJaas: 'LEAK-origin-broker-jaas-15e9b2',
  brokerEnv: 'LEAK-origin-broker-env-d8a311',
  helperJaas: 'LEAK-origin-helper-jaas-90be12',
  helperFlag: 'LEAK-origin-helper-flag-5a7d33',
  clientJaas: 'LEAK-origin-client-jaas-6c0f5e',
  clientEnv: 'LEAK-origin-client-env-f2b874',
  properties: 'LEAK-origin-properties-39ad6c',
  k8sSecret: 'LEAK-origin-k8s-secret-data-4be01a',
  k8sEnv: 'LEAK-origin-k8s-env-7f12c9',
  terraform: 'LEAK-origin-terraform-ae5d70',
  cloudformation: 'LEAK-origin-cloudformation-0b6e93',
  cloudformationEnv: 'LEAK-origin-cloudformation-env-c3f9d8',
};

const ALL = [...Object.values(CUSTOMER), ...Object.values(INPUT), ...Object.values(ORIGIN)];
const BUNDLE = join(ROOT, 'dist', 'graft.js');
// each step starts the bundle as a child process, one at a time: slow on a loaded machine
const SLOW = 300_000;
const tmp = mkdtempSync(join(tmpdir(), 'graft-leaks-'));
const path = (...p: string[]): string => join(tmp, ...p);

const ENV: Record<string, string> = {
  LEAK_SASL_PASSWORD: CUSTOMER.env,
  LEAK_SR_PASSWORD: CUSTOMER.envRegistry,
  LEAK_OAUTH_SECRET: CUSTOMER.envOauth,
};

interface Run {
  what: string;
  code: number;
  out: string;
  err: string;
}

/** Runs the real bundle as a child process with the planted environment. */
function graft(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUNDLE, ...args], { env: { ...process.env, ...ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ what: `graft ${args.join(' ')}`, code: code ?? -1, out, err }));
  });
}

/** Every file under a directory, as [relative path, text]. */
function filesUnder(dir: string, base = dir): [string, string][] {
  return readdirSync(dir).flatMap((n): [string, string][] => {
    const full = join(dir, n);
    if (statSync(full).isDirectory()) return filesUnder(full, base);
    return [[full.slice(base.length + 1), readFileSync(full, 'utf8')]];
  });
}

/** The text as written, plus what its base64 tokens and percent-escapes decode to (a `Basic` credential hides nothing). */
function decodedForms(text: string): string {
  const base64 = [...text.matchAll(/[A-Za-z0-9+/_-]{12,}={0,2}/g)].map((m) => Buffer.from(m[0], 'base64').toString('latin1'));
  let unescaped = '';
  try {
    unescaped = decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    unescaped = text.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  }
  return [text, unescaped, ...base64].join('\n');
}

/** Fails naming the stream and the planted value when any of `values` appears in `text`, even encoded. */
function expectNoneIn(where: string, text: string, values: readonly string[]): void {
  const all = decodedForms(text);
  const found = values.filter((v) => all.includes(v));
  expect(found, `${where} contains planted secret(s)`).toEqual([]);
}

function expectClean(r: Run, values: readonly string[] = ALL): void {
  expectNoneIn(`stdout of ${r.what}`, r.out, values);
  expectNoneIn(`stderr of ${r.what}`, r.err, values);
}

// ---- the inputs ----

const COMPOSE = `services:
  kafka:
    image: apache/kafka:4.1.0
    hostname: kafka
    environment:
      KAFKA_NODE_ID: 1
      KAFKA_PROCESS_ROLES: broker,controller
      KAFKA_LISTENERS: SASL_PLAINTEXT://:9092,CONTROLLER://:9093
      KAFKA_ADVERTISED_LISTENERS: SASL_PLAINTEXT://kafka:9092
      KAFKA_CONTROLLER_QUORUM_VOTERS: 1@kafka:9093
      KAFKA_CONTROLLER_LISTENER_NAMES: CONTROLLER
      KAFKA_LISTENER_NAME_SASL_PLAINTEXT_PLAIN_SASL_JAAS_CONFIG: org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="${ORIGIN.brokerJaas}" user_admin="${ORIGIN.brokerJaas}";
      KAFKA_CLIENT_PASSWORDS: ${ORIGIN.brokerEnv}

  kafka-init:
    image: apache/kafka:4.1.0
    depends_on: [kafka]
    command: ["bash", "-c", "echo 'sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\\"admin\\" password=\\"${ORIGIN.helperJaas}\\";' > /tmp/c.properties && /opt/kafka/bin/kafka-topics.sh --bootstrap-server kafka:9092 --command-config /tmp/c.properties --create --topic $$TOPIC && rpk topic create $$OTHER --brokers kafka:9092 --user admin --password ${ORIGIN.helperFlag}"]

  orders:
    image: registry.example.com/shop/orders:3.2.0
    environment:
      SPRING_KAFKA_BOOTSTRAP_SERVERS: kafka:9092
      SPRING_KAFKA_PROPERTIES_SECURITY_PROTOCOL: SASL_PLAINTEXT
      SPRING_KAFKA_PROPERTIES_SASL_MECHANISM: PLAIN
      SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG: org.apache.kafka.common.security.plain.PlainLoginModule required username="orders" password="${ORIGIN.clientJaas}";
      ORDERS_TOPIC: orders

  payments:
    image: registry.example.com/shop/payments:1.8.0
    environment:
      - KAFKA_BOOTSTRAP_SERVERS=kafka:9092
      - KAFKA_SASL_PASSWORD=${ORIGIN.clientEnv}
      - PAYMENTS_TOPIC=payments

  connector:
    image: registry.example.com/shop/connector:1.0.0
    volumes:
      - ./client.properties:/etc/app/client.properties:ro
`;

const PROPERTIES = `bootstrap.servers=kafka:9092
security.protocol=SASL_PLAINTEXT
ssl.truststore.password=${ORIGIN.properties}
group.id=connector
`;

const BINDINGS = `apiVersion: graft.dev/v1
kind: Bindings
kafka:
  clients:
    payments:
      family: env
      env:
        bootstrapServers: KAFKA_BOOTSTRAP_SERVERS
        securityProtocol: KAFKA_SECURITY_PROTOCOL
        saslMechanism: KAFKA_SASL_MECHANISM
        saslUsername: KAFKA_SASL_USERNAME
        saslPasswordFile: KAFKA_SASL_PASSWORD_FILE
        caFile: KAFKA_SSL_CA_FILE
      consumes: [payments]
    connector:
      family: java-properties
      configFile: /etc/app/client.properties
`;

const BAD_BINDINGS = BINDINGS.replace(
  '/etc/app/client.properties',
  `https://vendor:${INPUT.bindings}@config.example.com/client.properties`,
);

function spec(bootstrap: string, registry: string): string {
  return `apiVersion: graft.dev/v1
kind: CustomerKafka
bootstrapServers: ${bootstrap}
securityProtocol: SASL_SSL
sasl:
  mechanism: PLAIN
  username: acme-app
  password: { secretRef: { env: LEAK_SASL_PASSWORD } }
tls:
  ca: { secretRef: { file: ${path('ca.pem')} } }
schemaRegistry:
  url: ${registry}
  basicAuth:
    username: sr-user
    password: { secretRef: { env: LEAK_SR_PASSWORD } }
topics: { prefix: acme. }
`;
}

function oauthSpec(bootstrap: string, tokenEndpoint: string): string {
  return `apiVersion: graft.dev/v1
kind: CustomerKafka
bootstrapServers: ${bootstrap}
securityProtocol: SASL_SSL
sasl:
  mechanism: OAUTHBEARER
  oauth:
    tokenEndpoint: ${tokenEndpoint}
    clientId: acme-app
    clientSecret: { secretRef: { env: LEAK_OAUTH_SECRET } }
`;
}

const INLINE_SPEC = `apiVersion: graft.dev/v1
kind: CustomerKafka
bootstrapServers: broker-1.example.com:9093
securityProtocol: SASL_SSL
sasl: { mechanism: PLAIN, username: acme-app, password: ${INPUT.specInline} }
`;

const URL_SPEC = `apiVersion: graft.dev/v1
kind: CustomerKafka
bootstrapServers: "broker-1.example.com:9093,acme:${INPUT.specBootstrap}@broker-2.example.com:9093"
securityProtocol: SASL_SSL
sasl:
  mechanism: OAUTHBEARER
  oauth:
    tokenEndpoint: https://acme-app:${INPUT.specTokenEndpoint}@idp.example.com/oauth2/token
    clientId: acme-app
    clientSecret: { secretRef: { env: LEAK_OAUTH_SECRET } }
schemaRegistry:
  url: "https://SRKEY:${INPUT.specRegistryUrl}@sr.example.com/?api_key=${INPUT.specQuery}"
`;

/** A server that answers 401 and echoes the request back, credentials and all: what graft prints must not. */
function echoServer(): Promise<{ url: string; server: Server }> {
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString('utf8')));
    req.on('end', () => {
      const auth = req.headers.authorization ?? '';
      const decoded = Buffer.from(auth.replace(/^Basic /, ''), 'base64').toString('utf8');
      res.writeHead(401, { 'content-type': 'application/json' });
      const echo = `got ${auth} (${decoded}) body ${body} = ${decodeURIComponent(body)}`;
      res.end(JSON.stringify({ error: 'invalid_client', error_description: echo, message: echo }));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server })),
  );
}

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = createTcpServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

let echo: { url: string; server: Server };
let bootstrap = '';

beforeAll(async () => {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'ignore' });
  echo = await echoServer();
  bootstrap = `127.0.0.1:${await closedPort()}`;

  mkdirSync(path('compose'));
  writeFileSync(path('compose', 'docker-compose.yml'), COMPOSE);
  writeFileSync(path('compose', 'client.properties'), PROPERTIES);
  writeFileSync(path('compose', 'graft.yaml'), BINDINGS);
  writeFileSync(path('bad-bindings.yaml'), BAD_BINDINGS);
  writeFileSync(path('ca.pem'), `-----BEGIN CERTIFICATE-----\n${CUSTOMER.fileRef}\n-----END CERTIFICATE-----\n`);
  writeFileSync(path('spec.yaml'), spec(bootstrap, echo.url));
  writeFileSync(
    path('store.yaml'),
    spec(bootstrap, echo.url)
      .replace('{ env: LEAK_SASL_PASSWORD }', '{ kubernetes: { name: kafka, key: password } }')
      .replace('{ env: LEAK_SR_PASSWORD }', '{ kubernetes: { name: registry, key: password } }'),
  );
  writeFileSync(path('oauth.yaml'), oauthSpec(bootstrap, `${echo.url}/token`));
  writeFileSync(path('inline.yaml'), INLINE_SPEC);
  writeFileSync(path('url.yaml'), URL_SPEC);

  // graft check's secret sources
  mkdirSync(path('secrets'));
  writeFileSync(path('secrets', 'kafka_sasl_password'), `${CUSTOMER.dir}\n`);
  writeFileSync(path('secrets', 'schema_registry_password'), `${CUSTOMER.dirRegistry}\n`);
  writeFileSync(path('mapped.txt'), CUSTOMER.mapFile);
  writeFileSync(
    path('map.json'),
    JSON.stringify({ kafka_sasl_password: 'mapped.txt', 'schemaRegistry.basicAuth.password': path('mapped.txt') }),
  );
  // a map written with a value where a path belongs, and a secret file passed as the map
  writeFileSync(path('map-values.json'), JSON.stringify({ kafka_sasl_password: CUSTOMER.mapValue }));
  // not JSON, nor valid YAML either
  writeFileSync(path('map-not-json'), `${CUSTOMER.mapNotJson}: not: json\n`);

  // Kubernetes: a rendered Helm chart with its own Kafka; literals on the broker's Secret and env, and on a client
  const k8s = join(ROOT, 'src', 'formats', 'kubernetes', 'cases', 'bitnami-statefulset');
  cpSync(join(k8s, 'input'), path('k8s'), { recursive: true });
  cpSync(join(k8s, 'kafka.yaml'), path('k8s-spec.yaml'));
  const kafka = readFileSync(path('k8s', 'kafka.yaml'), 'utf8');
  const withSecret = kafka.replace(
    'data:\n  kraft-cluster-id: "WmZxTnlPbjRTN2VYeHdVcUh6NVhvZw=="\n',
    `data:\n  kraft-cluster-id: "WmZxTnlPbjRTN2VYeHdVcUh6NVhvZw=="\nstringData:\n  client-passwords: ${ORIGIN.k8sSecret}\n`,
  );
  const withEnv = withSecret.replace(
    '            - name: BITNAMI_DEBUG\n',
    `            - name: KAFKA_CLIENT_PASSWORDS\n              value: ${ORIGIN.k8sEnv}\n            - name: BITNAMI_DEBUG\n`,
  );
  expect(withEnv).toContain(ORIGIN.k8sSecret);
  expect(withEnv).toContain(ORIGIN.k8sEnv);
  writeFileSync(path('k8s', 'kafka.yaml'), withEnv);

  // Terraform: the MSK SCRAM user's secret written as a literal
  const tf = join(ROOT, 'src', 'formats', 'terraform', 'cases', 'msk-ecs-spring');
  cpSync(join(tf, 'input'), path('tf'), { recursive: true });
  cpSync(join(tf, 'kafka.yaml'), path('tf-spec.yaml'));
  const msk = readFileSync(path('tf', 'msk.tf'), 'utf8').replace('password = var.app_kafka_password', `password = "${ORIGIN.terraform}"`);
  expect(msk).toContain(ORIGIN.terraform);
  writeFileSync(path('tf', 'msk.tf'), msk);

  // CloudFormation: the SCRAM secret as a literal, and an old password on the rewired ECS container
  const cfn = join(ROOT, 'src', 'formats', 'cloudformation', 'cases', 'provisioned-ecs-scram');
  cpSync(join(cfn, 'input'), path('cfn'), { recursive: true });
  cpSync(join(cfn, 'kafka.yaml'), path('cfn-spec.yaml'));
  const stack = readFileSync(path('cfn', 'stack.yaml'), 'utf8')
    .replace(
      '      GenerateSecretString:\n        SecretStringTemplate: \'{"username": "orders"}\'\n        GenerateStringKey: password\n',
      `      SecretString: '{"username": "orders", "password": "${ORIGIN.cloudformation}"}'\n`,
    )
    .replace(
      '            - Name: ORDERS_TOPIC\n',
      `            - Name: SPRING_KAFKA_PROPERTIES_SSL_TRUSTSTORE_PASSWORD\n              Value: ${ORIGIN.cloudformationEnv}\n            - Name: ORDERS_TOPIC\n`,
    );
  expect(stack).toContain(ORIGIN.cloudformation);
  expect(stack).toContain(ORIGIN.cloudformationEnv);
  writeFileSync(path('cfn', 'stack.yaml'), stack);
}, 60_000);

afterAll(async () => {
  await new Promise<void>((r) => (echo ? echo.server.close(() => r()) : r()));
  rmSync(tmp, { recursive: true, force: true });
});

describe('no secret leaks from any command', () => {
  it(
    'compile, plan, plan --json and handoff of a Compose stack print and write no secret',
    async () => {
      const out = path('out-compose');
      const handoff = path('handoff-compose');
      const runs = [
        await graft('compile', path('compose'), '--kafka', path('spec.yaml'), '--out', out),
        await graft('compile', path('compose'), '--kafka', path('spec.yaml'), '--out', path('out-compose-json'), '--json'),
        await graft('plan', path('compose'), '--kafka', path('spec.yaml')),
        await graft('plan', path('compose'), '--kafka', path('spec.yaml'), '--json'),
        await graft('handoff', path('compose'), '--kafka', path('spec.yaml'), '--out', handoff),
      ];
      for (const r of runs) {
        expect(r.code, `${r.what}: ${r.err}`).toBe(0);
        expectClean(r);
      }
      // the plan's diff really covers the planted lines: they are shown masked, not left out
      expect(runs[2]?.out).toContain('KAFKA_CLIENT_PASSWORDS: ***');
      expect(runs[2]?.out).toContain('user_admin="***');
      // the handoff quotes the helper command it could not read, credential masked
      expect(readFileSync(join(handoff, 'README.md'), 'utf8')).toContain('--user admin --password ***');
      const written = filesUnder(out);
      const report = written.find(([p]) => p === 'graft-report.json')?.[1] ?? '';
      expect(report).not.toBe('');
      expectNoneIn('graft-report.json', report, ALL);
      for (const [p, text] of written.filter(([f]) => f.startsWith('handoff/'))) expectNoneIn(p, text, ALL);
      for (const [p, text] of filesUnder(handoff)) expectNoneIn(`handoff ${p}`, text, ALL);
      for (const [p, text] of written) {
        // the customer's values never; the dropped broker's literals go with it
        expectNoneIn(p, text, [
          ...Object.values(CUSTOMER),
          ...Object.values(INPUT),
          ORIGIN.brokerJaas,
          ORIGIN.brokerEnv,
          ORIGIN.helperJaas,
          ORIGIN.helperFlag,
        ]);
        // graft replaces the JAAS line of a client it configures (a setting it writes itself)
        expectNoneIn(p, text, [ORIGIN.clientJaas]);
        // ORIGIN.clientEnv (payments' old KAFKA_SASL_PASSWORD) and ORIGIN.properties (the connector file's old
        // truststore password) sit in settings of rewired clients that graft does not write: removing such stale
        // credentials is the old-settings clean-up, not secret masking, so their presence in written files is not
        // asserted here. They are asserted absent from everything graft prints and reports above.
      }
    },
    SLOW,
  );

  it(
    'compile, plan and handoff of Kubernetes, Terraform and CloudFormation stacks print no origin literal',
    async () => {
      const stacks = [
        { stack: 'k8s', spec: 'k8s-spec.yaml', dropped: [ORIGIN.k8sSecret, ORIGIN.k8sEnv] },
        { stack: 'tf', spec: 'tf-spec.yaml', dropped: [ORIGIN.terraform] },
        { stack: 'cfn', spec: 'cfn-spec.yaml', dropped: [ORIGIN.cloudformation] },
      ];
      for (const s of stacks) {
        const out = path(`out-${s.stack}`);
        const runs = [
          await graft('compile', path(s.stack), '--kafka', path(s.spec), '--out', out),
          await graft('plan', path(s.stack), '--kafka', path(s.spec)),
          await graft('plan', path(s.stack), '--kafka', path(s.spec), '--json'),
          await graft('handoff', path(s.stack), '--kafka', path(s.spec), '--out', path(`handoff-${s.stack}`)),
        ];
        for (const r of runs) {
          expect(r.code, `${r.what}: ${r.err}`).toBe(0);
          expectClean(r);
        }
        const written = filesUnder(out);
        for (const [p, text] of written) {
          if (p === 'graft-report.json' || p.startsWith('handoff/')) expectNoneIn(`${s.stack} ${p}`, text, ALL);
          // what only the dropped Kafka used goes with it; the rewired ECS container's old truststore password
          // (ORIGIN.cloudformationEnv) is a stale setting of a kept client, not asserted in written files
          else expectNoneIn(`${s.stack} ${p}`, text, s.dropped);
        }
        for (const [p, text] of filesUnder(path(`handoff-${s.stack}`))) expectNoneIn(`${s.stack} handoff ${p}`, text, ALL);
      }
      // the CloudFormation plan shows the ECS container's environment next to what graft adds, masked
      const plan = await graft('plan', path('cfn'), '--kafka', path('cfn-spec.yaml'));
      expect(plan.out).toContain('SPRING_KAFKA_PROPERTIES_SSL_TRUSTSTORE_PASSWORD');
    },
    SLOW,
  );

  it(
    'validate and every other command refuse secrets written into the spec or graft.yaml, without echoing them',
    async () => {
      for (const bad of ['inline.yaml', 'url.yaml']) {
        const runs = [
          await graft('validate', path(bad)),
          await graft('validate', path(bad), '--json'),
          await graft('compile', path('compose'), '--kafka', path(bad), '--out', path(`out-${bad}`)),
          await graft('compile', path('compose'), '--kafka', path(bad), '--out', path(`out-${bad}`), '--json'),
          await graft('plan', path('compose'), '--kafka', path(bad)),
          await graft('plan', path('compose'), '--kafka', path(bad), '--json'),
          await graft('handoff', path('compose'), '--kafka', path(bad), '--out', path(`handoff-${bad}`)),
          await graft('check', '--kafka', path(bad), '--timeout-ms', '1000'),
          await graft('check', '--kafka', path(bad), '--timeout-ms', '1000', '--json'),
        ];
        for (const r of runs) {
          expect(r.code, r.what).toBe(1);
          expectClean(r);
          expect(r.out + r.err, r.what).toMatch(bad === 'url.yaml' ? /SPEC_URL_CREDENTIALS/ : /SPEC_INLINE_SECRET/);
        }
      }
      // the code frame still shows where: the masked value, the rest of the line
      const url = await graft('validate', path('url.yaml'));
      expect(url.err).toContain('https://***@sr.example.com');
      expect(url.err).toMatch(/url: "https:\/\/\*+@sr\.example\.com\/\?api_key=\*+"/);
      expect(url.err).toContain('***@broker-2.example.com:9093');

      const bindings = [
        await graft('validate', path('bad-bindings.yaml')),
        await graft('validate', path('bad-bindings.yaml'), '--json'),
        await graft('plan', path('compose'), '--kafka', path('spec.yaml'), '--bindings', path('bad-bindings.yaml')),
      ];
      for (const r of bindings) {
        expect(r.code, r.what).toBe(1);
        expectClean(r);
      }
      // a secret file given where a spec belongs is not shown either
      for (const file of [path('secrets', 'kafka_sasl_password'), path('map-not-json')]) {
        for (const r of [await graft('validate', file), await graft('validate', file, '--json'), await graft('check', '--kafka', file)]) {
          expect(r.code, r.what).toBe(1);
          expectClean(r);
        }
      }
      const schemas = [await graft('schema'), await graft('schema', 'bindings'), await graft('schema', 'requirements')];
      for (const r of schemas) {
        expect(r.code).toBe(0);
        expectClean(r);
      }
      const good = await graft('validate', path('spec.yaml'));
      expect(good.code).toBe(0);
      expectClean(good);
    },
    SLOW,
  );

  it(
    'check reads every secret source and never prints a value, even when a server echoes it back',
    async () => {
      const check = (specFile: string, ...rest: string[]): Promise<Run>[] => [
        graft('check', '--kafka', path(specFile), '--timeout-ms', '2000', ...rest),
        graft('check', '--kafka', path(specFile), '--timeout-ms', '2000', '--json', ...rest),
      ];
      const runs = {
        env: await Promise.all(check('spec.yaml')),
        envExplicit: await Promise.all(check('spec.yaml', '--secrets', 'env')),
        dir: await Promise.all(check('store.yaml', '--secrets', `dir:${path('secrets')}`)),
        map: await Promise.all(check('store.yaml', '--secrets', `file-map:${path('map.json')}`)),
        mapValues: await Promise.all(check('store.yaml', '--secrets', `file-map:${path('map-values.json')}`)),
        mapNotJson: await Promise.all(check('store.yaml', '--secrets', `file-map:${path('map-not-json')}`)),
        oauth: await Promise.all(check('oauth.yaml')),
      };
      for (const r of Object.values(runs).flat()) {
        // the bootstrap port is closed: every run fails, after the registry or token endpoint answered
        expect(r.code, r.what).toBe(1);
        expectClean(r);
      }
      // the probes reached the echoing servers with each source's secret, so the scrubbing was exercised
      for (const r of [runs.env[0], runs.envExplicit[0], runs.dir[0], runs.map[0]]) {
        expect(r?.err, r?.what).toContain('CHECK_SR_AUTH');
        expect(r?.err, r?.what).toContain('got Basic ***');
      }
      expect(runs.oauth[0]?.err).toContain('CHECK_OAUTH_CLIENT_REJECTED');
      expect(runs.oauth[0]?.err).toContain('(acme-app:***)');
      // the map that is no JSON, and the one with a value where a path belongs, are reported without their content
      expect(runs.mapNotJson[0]?.err).toContain('is not valid JSON');
      expect(runs.mapValues[0]?.err).toContain('CHECK_SECRET_UNRESOLVED');
      expect(runs.mapValues[1]?.out).toContain('CHECK_SECRET_UNRESOLVED');
    },
    SLOW,
  );
});
