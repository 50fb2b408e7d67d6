import type { Platform } from './matrix.js';
import type { Outcome } from './setups.js';

// What the matrix must show. A cell is `pass` (produced and consumed on the prefixed topic with the
// prefixed group), `fail (auth|tls|acl|jaas)` (the runner failed with the library's own error of that
// kind), or `refused (CODE)` (graft refused at compile time with that diagnostic code).

/** One cell of the matrix. */
export type Cell = string;

/**
 * A cell that is wrong today because of a compiler bug: what it shows until the bug is fixed, and why. With `check`, it is
 * no bug but a limit of the family: no rendering lets its client read such a value, so `graft check` reports the secret
 * with that code before deployment, and the cell shows the code and what the client, deployed anyway, does.
 */
export interface KnownBug {
  cell: Cell;
  note: string;
  /** The `graft check` code that reports the value before deployment. */
  check?: string;
}

const RUNS: Record<Outcome, Cell> = {
  pass: 'pass',
  'fail:auth': 'fail (auth)',
  'fail:tls': 'fail (tls)',
  'fail:acl': 'fail (acl)',
  'compile-only': 'refused',
};

const NO_IAM = 'refused (CLIENT_MECHANISM_UNSUPPORTED)';

/**
 * Cells that differ from what the setup's outcome gives every service, by setup id and service. librdkafka reads its
 * password only inside its properties file: a one-shot render service assembles it before the client starts
 * (`src/formats/compose/render-config.ts`), so audit runs every row.
 */
export const EXCEPTIONS: Record<string, Record<string, Cell>> = {
  // no family can sign AWS IAM requests from configuration alone
  'aws-msk-iam': { orders: NO_IAM, payments: NO_IAM, notifier: NO_IAM, shipping: NO_IAM, ledger: NO_IAM, audit: NO_IAM },
};

// No rendering carries these values for kafka-clients: a SCRAM or PLAIN password (an OAuth client secret before
// kafka-clients 4.1) is read only from the `sasl.jaas.config` line, and every way a secret reaches that line — a config
// provider's `${…}`, a Spring placeholder, the kubelet's `$(VAR)`, an image's env templating — substitutes the raw value
// before JaasConfig tokenizes the line. So `graft check` reports such a value before deployment, with its code.
const JAAS_LIMIT =
  'kafka-clients reads the password only from `sasl.jaas.config`, and whatever brings the secret into that line (a config ' +
  "provider's `${…}`, a Spring placeholder, the kubelet's `$(VAR)`, an image's env templating) substitutes the raw value before " +
  'JaasConfig tokenizes it (a `StreamTokenizer`: `"` ends the quoted value, `\\` starts an escape); no provider escapes a value and ' +
  'the login modules have no file or variable option, so `graft check` reports the secret (`CHECK_SECRET_JAAS_UNSAFE`) before ' +
  'deployment, and the client deployed anyway refuses the line';
const NEWLINE_LIMIT =
  'a secret that ends with a line break reaches the JAAS line with it (DirectoryConfigProvider and EnvVarConfigProvider return ' +
  "the raw value, and so do the kubelet's `$(VAR)` and an ECS variable); a line break ends JaasConfig's quoted value, so " +
  "`graft check` reports the secret (`CHECK_SECRET_TRAILING_NEWLINE`, with `printf '%s'` as the fix) before deployment; " +
  "Spring's config tree and the env runners' *_FILE reading strip it";
const jaasLimit: KnownBug = { cell: 'fail (jaas)', note: JAAS_LIMIT, check: 'CHECK_SECRET_JAAS_UNSAFE' };
const newlineLimit: KnownBug = { cell: 'fail (jaas)', note: NEWLINE_LIMIT, check: 'CHECK_SECRET_TRAILING_NEWLINE' };
const limits = (services: readonly string[], limit: KnownBug): Record<string, KnownBug> =>
  Object.fromEntries(services.map((s) => [s, limit]));

/** Cells that a compiler bug makes wrong today (when one is fixed its test fails until the entry is removed), and limits. */
export const KNOWN_BUGS: Record<string, Record<string, KnownBug>> = {
  'password-special-chars': limits(['orders', 'ledger'], jaasLimit),
  'secret-file-newline': limits(['ledger'], newlineLimit),
};

const K8S_ALL = ['orders', 'payments', 'notifier', 'shipping', 'ledger', 'audit', 'events', 'connect'];

/** Cells of the Kubernetes matrix that differ from what the setup's outcome gives every Deployment. */
// librdkafka reads its password only inside its properties file: on Kubernetes an init container appends it to the
// ConfigMap's file when the pod starts (`src/formats/kubernetes/assemble.ts`), so the audit Deployment runs every row.
export const K8S_EXCEPTIONS: Record<string, Record<string, Cell>> = {
  'aws-msk-iam': Object.fromEntries(K8S_ALL.map((s) => [s, 'refused (CLIENT_MECHANISM_UNSUPPORTED)'])),
};

/** Cells of the Kubernetes matrix that a compiler bug makes wrong today, and limits. */
export const K8S_KNOWN_BUGS: Record<string, Record<string, KnownBug>> = {
  'password-special-chars': limits(['orders', 'ledger', 'events', 'connect'], jaasLimit),
  'secret-file-newline': limits(['ledger', 'events', 'connect'], newlineLimit),
};

// ECS injects secrets only as environment variables: the JVM families read the private CA as PEM content from its
// variable (`ssl.truststore.certificates`, Spring's `trust-store-certificates`), and the env family from the variable its
// binding declares for it (`caPem`; `certPem` and `keyPem` for mTLS); kafka-env's JAAS line reads the password through
// EnvVarConfigProvider. The properties files the properties families read are inside their images: a non-essential
// container of the same image rewrites each into a task volume when the task starts (`src/formats/aws/ecs-config.ts`),
// ledger's secrets through EnvVarConfigProvider, audit's written into the file from the variables only that container
// receives, so both run every row.
const ECS_ALL = ['orders', 'payments', 'notifier', 'shipping', 'ledger', 'audit', 'events', 'connect'];
const everyone = (cell: Cell): Record<string, Cell> => Object.fromEntries(ECS_ALL.map((s) => [s, cell]));

/** Cells of the ECS matrix that differ from what the setup's outcome gives every container. */
export const ECS_EXCEPTIONS: Record<string, Record<string, Cell>> = {
  'aws-msk-iam': everyone('refused (CLIENT_MECHANISM_UNSUPPORTED)'),
};

// ECS puts a secret into its variable byte for byte, so a trailing line break reaches the env family's clients as part
// of the password they send, and the broker refuses it (on Compose and Kubernetes they read a file and strip it).
const NEWLINE_ENV_LIMIT =
  'ECS puts a secret into its variable byte for byte, so a trailing line break is part of the password the env-family ' +
  'clients send and the broker refuses it (where they read the secret from a file they strip it); `graft check` reports the ' +
  "secret (`CHECK_SECRET_TRAILING_NEWLINE`, with `printf '%s'` as the fix) before deployment";
const newlineEnvLimit: KnownBug = { cell: 'fail (auth)', note: NEWLINE_ENV_LIMIT, check: 'CHECK_SECRET_TRAILING_NEWLINE' };

/** Cells of the ECS matrix that a compiler bug makes wrong today, and limits. */
export const ECS_KNOWN_BUGS: Record<string, Record<string, KnownBug>> = {
  'password-special-chars': limits(['orders', 'ledger', 'events', 'connect'], jaasLimit),
  'secret-file-newline': {
    ...limits(['orders', 'ledger', 'events', 'connect'], newlineLimit),
    ...limits(['payments', 'notifier', 'shipping'], newlineEnvLimit),
  },
};

/**
 * Cells of the Terraform ECS matrix: the same as CloudFormation's, since both configure their containers through the
 * one configure stage and the ECS sink (MSK IAM included: no family here carries the aws-msk-iam-auth library).
 */
export const ECS_TF_EXCEPTIONS: Record<string, Record<string, Cell>> = ECS_EXCEPTIONS;

// Strimzi's KafkaConnect takes no AWS_MSK_IAM (a username kept in a Secret goes through `type: custom`).
const STRIMZI_AUTH = { connect: 'refused (K8S_STRIMZI_AUTH_UNSUPPORTED)' };

/** Cells of the Strimzi KafkaConnect matrix that differ from what the setup's outcome gives. */
export const STRIMZI_EXCEPTIONS: Record<string, Record<string, Cell>> = {
  'aws-msk-iam': STRIMZI_AUTH,
};

/** Cells of the Strimzi KafkaConnect matrix that a compiler bug makes wrong today, and limits (the operator renders the line). */
export const STRIMZI_KNOWN_BUGS: Record<string, Record<string, KnownBug>> = {
  'password-special-chars': limits(['connect'], jaasLimit),
  'secret-file-newline': limits(['connect'], newlineLimit),
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
  const bug = knownBugs(setup.id, platform)[service];
  if (bug?.check) return checkedCell([bug.check], bug.cell);
  return bug?.cell ?? TABLES[platform].exceptions[setup.id]?.[service] ?? RUNS[setup.outcome];
}

/** The cell of a limit: the codes `graft check` reported for the setup's secrets (`clean` for none), then the run's cell. */
export function checkedCell(codes: readonly string[], run: Cell): Cell {
  return `check (${codes.length ? codes.join(', ') : 'clean'}) → ${run}`;
}

/** A setup's notes on one platform, by service: the known bugs' and the limits' apart, as the matrix marks them. */
export function rowNotes(setupId: string, platform: Platform): { bugs: Map<string, string>; limits: Map<string, string> } {
  const entries = Object.entries(knownBugs(setupId, platform));
  return {
    bugs: new Map(entries.filter(([, b]) => !b.check).map(([service, b]) => [service, b.note])),
    limits: new Map(entries.filter(([, b]) => b.check).map(([service, b]) => [service, b.note])),
  };
}
