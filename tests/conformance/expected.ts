import type { Platform } from './matrix.js';
import type { Outcome } from './setups.js';

// What the matrix must show. A cell is `pass` (produced and consumed on the prefixed topic with the
// prefixed group), `fail (auth|tls|acl|jaas)` (the runner failed with the library's own error of that
// kind), or `refused (CODE)` (graft refused at compile time with that diagnostic code).

/** One cell of the matrix. */
export type Cell = string;

/** A cell that is wrong today because of a compiler bug: what it shows until the bug is fixed, and why. */
export interface KnownBug {
  cell: Cell;
  note: string;
}

const RUNS: Record<Outcome, Cell> = {
  pass: 'pass',
  'fail:auth': 'fail (auth)',
  'fail:tls': 'fail (tls)',
  'fail:acl': 'fail (acl)',
  'compile-only': 'refused',
};

// librdkafka has no config provider and no *_file setting for a password or client secret.
const NEEDS_VALUE = { audit: 'refused (CLIENT_SECRET_NEEDS_VALUE)' };
const NO_IAM = 'refused (CLIENT_MECHANISM_UNSUPPORTED)';

/** Cells that differ from what the setup's outcome gives every service, by setup id and service. */
export const EXCEPTIONS: Record<string, Record<string, Cell>> = {
  'sasl-plaintext-scram-512': NEEDS_VALUE,
  'sasl-ssl-plain': NEEDS_VALUE,
  'sasl-ssl-scram-256': NEEDS_VALUE,
  'sasl-ssl-oauthbearer': NEEDS_VALUE,
  'password-special-chars': NEEDS_VALUE,
  'secret-file-newline': NEEDS_VALUE,
  'wrong-password': NEEDS_VALUE,
  'no-write-acl': NEEDS_VALUE,
  // no family can sign AWS IAM requests from configuration alone
  'aws-msk-iam': { orders: NO_IAM, payments: NO_IAM, notifier: NO_IAM, shipping: NO_IAM, ledger: NO_IAM, audit: NO_IAM },
};

const JAAS_INLINE =
  'the JVM families put the secret inside a quoted JAAS value (`password="${secrets:…}"`, `password="${kafka_sasl_password}"`) ' +
  'and the value is substituted before the JAAS line is parsed: a `"` breaks the line, a `\\` is taken as an escape, and Spring ' +
  'also resolves a `${…}` inside the secret as a placeholder';
const PROVIDER_NEWLINE =
  "Kafka's DirectoryConfigProvider keeps a secret file's trailing newline, which lands inside the JAAS line " +
  "(graft's plan only notes that the file must not end with one); Spring's config tree and the env runners' *_FILE reading strip it";

/** Cells that a compiler bug makes wrong today; when one is fixed its test fails until the entry is removed. */
export const KNOWN_BUGS: Record<string, Record<string, KnownBug>> = {
  'password-special-chars': {
    orders: { cell: 'fail (jaas)', note: JAAS_INLINE },
    ledger: { cell: 'fail (jaas)', note: JAAS_INLINE },
  },
  'secret-file-newline': { ledger: { cell: 'fail (jaas)', note: PROVIDER_NEWLINE } },
};

const K8S_ALL = ['orders', 'payments', 'notifier', 'shipping', 'ledger', 'audit', 'events', 'connect'];

/** Cells of the Kubernetes matrix that differ from what the setup's outcome gives every Deployment. */
export const K8S_EXCEPTIONS: Record<string, Record<string, Cell>> = {
  ...EXCEPTIONS,
  'aws-msk-iam': Object.fromEntries(K8S_ALL.map((s) => [s, 'refused (CLIENT_MECHANISM_UNSUPPORTED)'])),
};

const JAAS_INLINE_K8S =
  'the JVM families put the secret inside a quoted JAAS value (`password="${secrets:/etc/graft/secrets:…}"`, ' +
  '`password="${kafka_sasl_password}"`, `password="$(GRAFT_KAFKA_SASL_PASSWORD)"`) and the value is substituted before the JAAS ' +
  'line is parsed: a `"` breaks the line, a `\\` is taken as an escape, and Spring also resolves a `${…}` inside the secret as a placeholder';
const NEWLINE_K8S =
  "a Secret made `--from-file` keeps the file's trailing newline, and DirectoryConfigProvider (ledger, connect) and the " +
  "kubelet's `$(GRAFT_…)` expansion (events) put it inside the JAAS line (graft's plan only notes that the value must not end with " +
  "one); Spring's config tree and the env runners' *_FILE reading strip it";

/** Cells of the Kubernetes matrix that a compiler bug makes wrong today. */
export const K8S_KNOWN_BUGS: Record<string, Record<string, KnownBug>> = {
  'password-special-chars': Object.fromEntries(
    ['orders', 'ledger', 'events', 'connect'].map((s) => [s, { cell: 'fail (jaas)', note: JAAS_INLINE_K8S }]),
  ),
  'secret-file-newline': Object.fromEntries(['ledger', 'events', 'connect'].map((s) => [s, { cell: 'fail (jaas)', note: NEWLINE_K8S }])),
};

// ECS injects secrets only as environment variables: a client that must read the private CA from a file cannot be
// configured there (the env family binds only a CA *file*); the JVM families read the PEM itself from a variable
// (`ssl.truststore.certificates`, Spring's `trust-store-certificates`).
const ECS_NO_FILE = 'refused (CLIENT_SECRET_FILE_UNSUPPORTED)';
const ECS_ALL = ['orders', 'payments', 'notifier', 'shipping', 'connect'];
const everyone = (cell: Cell): Record<string, Cell> => Object.fromEntries(ECS_ALL.map((s) => [s, cell]));
const envFamily = (cell: Cell): Record<string, Cell> => Object.fromEntries(['payments', 'notifier', 'shipping'].map((s) => [s, cell]));

/** Cells of the ECS matrix that differ from what the setup's outcome gives every container. */
export const ECS_EXCEPTIONS: Record<string, Record<string, Cell>> = {
  'sasl-ssl-plain': envFamily(ECS_NO_FILE),
  'sasl-ssl-scram-256': envFamily(ECS_NO_FILE),
  'sasl-ssl-oauthbearer': envFamily(ECS_NO_FILE),
  'ssl-mtls': envFamily(ECS_NO_FILE),
  'secret-file-newline': envFamily(ECS_NO_FILE),
  'wrong-password': envFamily(ECS_NO_FILE),
  'ca-mismatch': envFamily(ECS_NO_FILE),
  'no-write-acl': envFamily(ECS_NO_FILE),
  'aws-msk-iam': everyone('refused (CLIENT_MECHANISM_UNSUPPORTED)'),
};

const JAAS_INLINE_ENV =
  'the JVM families put the secret inside a quoted JAAS value (`password="${GRAFT_KAFKA_SASL_PASSWORD}"` for Spring, ' +
  '`password="${secrets:GRAFT_KAFKA_SASL_PASSWORD}"` through EnvVarConfigProvider for Connect) and the value is substituted before the ' +
  'JAAS line is parsed: a `"` breaks the line, a `\\` is taken as an escape';

const NEWLINE_ENV =
  'a secret value that ends with a newline (a Secrets Manager key filled from a file that had one) arrives with it in its ' +
  "variable, and Spring's `${GRAFT_…}` placeholder and EnvVarConfigProvider put it inside the JAAS line (graft's plan only notes " +
  'that the value must not end with one)';

/** Cells of the ECS matrix that a compiler bug makes wrong today. */
export const ECS_KNOWN_BUGS: Record<string, Record<string, KnownBug>> = {
  'password-special-chars': {
    orders: { cell: 'fail (jaas)', note: JAAS_INLINE_ENV },
    connect: { cell: 'fail (jaas)', note: JAAS_INLINE_ENV },
  },
  'secret-file-newline': {
    orders: { cell: 'fail (jaas)', note: NEWLINE_ENV },
    connect: { cell: 'fail (jaas)', note: NEWLINE_ENV },
  },
};

/**
 * Cells of the Terraform ECS matrix: the same as CloudFormation's, since both configure their containers through the
 * one configure stage and the ECS sink (MSK IAM included: no family here carries the aws-msk-iam-auth library).
 */
export const ECS_TF_EXCEPTIONS: Record<string, Record<string, Cell>> = ECS_EXCEPTIONS;

// Strimzi's KafkaConnect takes a literal username only, and no AWS_MSK_IAM.
const STRIMZI_AUTH = { connect: 'refused (K8S_STRIMZI_AUTH_UNSUPPORTED)' };

/** Cells of the Strimzi KafkaConnect matrix that differ from what the setup's outcome gives. */
export const STRIMZI_EXCEPTIONS: Record<string, Record<string, Cell>> = {
  'sasl-plaintext-scram-512': STRIMZI_AUTH,
  'aws-msk-iam': STRIMZI_AUTH,
};

const JAAS_INLINE_STRIMZI =
  'graft gives Strimzi the password as a Secret reference, and the operator renders it inside a quoted JAAS value ' +
  '(`password="${strimzidir:/opt/kafka/connect-password/<secret>:<key>}"`), substituted before the JAAS line is parsed: a `"` ' +
  'breaks the line, a `\\` is taken as an escape; graft neither warns nor refuses';
const NEWLINE_STRIMZI =
  "a Secret made `--from-file` keeps the file's trailing newline, and the DirectoryConfigProvider of Strimzi's rendering puts it " +
  "inside the JAAS line (graft's plan only notes that the value must not end with one)";

/** Cells of the Strimzi KafkaConnect matrix that a compiler bug makes wrong today. */
export const STRIMZI_KNOWN_BUGS: Record<string, Record<string, KnownBug>> = {
  'password-special-chars': { connect: { cell: 'fail (jaas)', note: JAAS_INLINE_STRIMZI } },
  'secret-file-newline': { connect: { cell: 'fail (jaas)', note: NEWLINE_STRIMZI } },
};

const TABLES: Record<Platform, { exceptions: typeof EXCEPTIONS; bugs: typeof KNOWN_BUGS }> = {
  compose: { exceptions: EXCEPTIONS, bugs: KNOWN_BUGS },
  kubernetes: { exceptions: K8S_EXCEPTIONS, bugs: K8S_KNOWN_BUGS },
  strimzi: { exceptions: STRIMZI_EXCEPTIONS, bugs: STRIMZI_KNOWN_BUGS },
  ecs: { exceptions: ECS_EXCEPTIONS, bugs: ECS_KNOWN_BUGS },
  'ecs-terraform': { exceptions: ECS_TF_EXCEPTIONS, bugs: ECS_KNOWN_BUGS },
};

/** The known bugs of one setup on one platform, by service. */
export function knownBugs(setupId: string, platform: Platform = 'compose'): Record<string, KnownBug> {
  return TABLES[platform].bugs[setupId] ?? {};
}

/** The cell a service must get in a setup on a platform (a known bug's cell while the bug stands). */
export function expectedCell(setup: { id: string; outcome: Outcome }, service: string, platform: Platform = 'compose'): Cell {
  return knownBugs(setup.id, platform)[service]?.cell ?? TABLES[platform].exceptions[setup.id]?.[service] ?? RUNS[setup.outcome];
}
