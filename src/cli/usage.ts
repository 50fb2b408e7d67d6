import { parseArgs } from 'node:util';
import { STACK_FORMATS } from '../formats/kinds.js';
import { GRAFT_VERSION } from '../plan/version.js';
import { UsageError } from './io.js';

/** The commands graft runs. */
export type CommandName = 'compile' | 'plan' | 'handoff' | 'validate' | 'check' | 'setup' | 'schema';

/** One command: its arguments, what it does, and more about it for its own --help. */
interface Command {
  name: CommandName;
  args: string;
  summary: string;
  more?: string;
  /** Shows the <stack> formats in its help. */
  stack?: true;
}

/** One option: parsing and every help text come from this. */
interface Flag {
  name: string;
  short?: string;
  /** The value it takes, as shown in help; a flag without one is a switch. */
  value?: string;
  /** Shown in the command's usage line rather than under [options]. */
  required?: readonly CommandName[];
  commands: readonly CommandName[];
  help: string;
}

export const COMMANDS: readonly Command[] = [
  {
    name: 'compile',
    args: '<stack>',
    summary: 'write the deployment stack and the customer handoff',
    more: 'Writes the deployment stack to --out atomically (nothing on any error), with graft-report.json and the\ncustomer handoff in <out>/handoff/.',
    stack: true,
  },
  {
    name: 'plan',
    args: '<stack>',
    summary: 'print what compile would change, with a unified diff; writes nothing',
    stack: true,
  },
  {
    name: 'handoff',
    args: '<stack>',
    summary: 'write only the customer handoff (topics, grants, secrets, egress)',
    stack: true,
  },
  {
    name: 'validate',
    args: '<spec.yaml | graft.yaml>',
    summary: 'check a customer spec or a vendor bindings file, every problem at once',
  },
  {
    name: 'check',
    args: '',
    summary: "check the customer's live Kafka: network, TLS, SASL, topics, ACLs",
    more: "Connects with exactly the spec's settings; exit code 1 on any failure.",
  },
  {
    name: 'setup',
    args: '',
    summary: 'serve a local page to describe your Kafka, test the connection and save the spec',
    more: 'Listens on 127.0.0.1 only, behind a random token in the URL it prints; runs until interrupted (Ctrl-C).\nThe connection test is graft check; secrets are read on this machine, never shown on the page.',
  },
  {
    name: 'schema',
    args: '[customer-kafka | bindings | requirements]',
    summary: 'print a JSON Schema (draft-07) for editors',
  },
];

const STACK: readonly CommandName[] = ['compile', 'plan', 'handoff'];

/** Every option of every command, one line each. */
export const FLAGS: readonly Flag[] = [
  {
    name: 'kafka',
    short: 'k',
    value: '<spec.yaml>',
    required: [...STACK, 'check'],
    commands: [...STACK, 'check'],
    help: "the customer's Kafka (kind: CustomerKafka)",
  },
  {
    name: 'out',
    short: 'o',
    value: '<dir>',
    required: ['compile', 'handoff'],
    commands: ['compile', 'handoff'],
    help: 'the directory to write; it must not be inside the stack',
  },
  {
    name: 'bindings',
    short: 'b',
    value: '<graft.yaml>',
    commands: STACK,
    help: "the vendor's bindings (default: graft.yaml at the stack root)",
  },
  {
    name: 'external-secrets',
    value: '<store>',
    commands: ['compile', 'plan'],
    help: 'Kubernetes: sync awsSecretsManager / awsSsm secrets with an External Secrets Operator\nClusterSecretStore of this name (or SecretStore/<name>)',
  },
  {
    name: 'reloader',
    commands: ['compile', 'plan'],
    help: 'Kubernetes: annotate each workload with the customer Secrets it reads, for Stakater\nReloader to restart it when one changes',
  },
  {
    name: 'with-preflight',
    commands: ['compile', 'plan'],
    help: 'add a one-shot graft check that runs before the services start (Compose service,\nKubernetes Job)',
  },
  {
    name: 'force',
    commands: ['compile', 'handoff'],
    help: 'replace an --out directory graft did not write (never the stack, spec, bindings or\ncurrent directory)',
  },
  { name: 'no-diff', commands: ['plan'], help: 'leave out the unified diff' },
  {
    name: 'spec',
    value: '<spec.yaml>',
    commands: ['setup'],
    help: 'the spec to start from and save to (default: customer-kafka.yaml)',
  },
  {
    name: 'port',
    value: 'N',
    commands: ['setup'],
    help: 'the port on 127.0.0.1 to serve the page on (default: any free port)',
  },
  {
    name: 'requirements',
    short: 'r',
    value: '<requirements.json>',
    commands: ['check', 'setup'],
    help: "what the stack needs (the handoff's requirements.json): topics, groups, grants",
  },
  {
    name: 'secrets',
    value: 'env|dir:<path>|file-map:<file>',
    commands: ['check', 'setup'],
    help: 'where the secrets the spec references are read (default: env)',
  },
  {
    name: 'timeout-ms',
    value: 'N',
    commands: ['check', 'setup'],
    help: 'bound on every network step, in milliseconds, 1 to 600000 (default: 10000)',
  },
  { name: 'json', commands: ['compile', 'plan', 'validate', 'check'], help: 'print JSON instead of text' },
  { name: 'help', short: 'h', commands: ['compile', 'plan', 'handoff', 'validate', 'check', 'setup', 'schema'], help: 'print this help' },
];

const EXIT_CODES = 'Exit codes: 0 success, 1 the input has errors (nothing written) or a graft check failed, 2 usage error.\n';

const flagsOf = (c: CommandName): Flag[] => FLAGS.filter((f) => f.commands.includes(c));
const flagText = (f: Flag): string => `--${f.name}${f.value ? ` ${f.value}` : ''}`;

function stackText(): string {
  const width = Math.max(...STACK_FORMATS.map((f) => f.name.length));
  return (
    '<stack> is one of (the first of these that finds files decides):\n' +
    STACK_FORMATS.map((f) => `  ${f.name.padEnd(width)}  ${f.looks}\n`).join('')
  );
}

/** The usage line of a command: required options spelled out, the rest as [options]. */
function usageLine(c: Command): string {
  const required = flagsOf(c.name).filter((f) => f.required?.includes(c.name));
  return ['graft', c.name, c.args, ...required.map(flagText), '[options]'].filter((s) => s !== '').join(' ');
}

/** `graft --help`: every command, every stack format. */
export function globalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return (
    `graft ${GRAFT_VERSION} — rewire a vendor stack from its bundled Kafka to the customer's own\n\n` +
    'Usage: graft <command> [options]   (graft <command> --help lists its options)\n\n' +
    'Commands:\n' +
    COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}\n    ${usageLine(c)}\n`).join('') +
    '\n' +
    stackText() +
    '\n' +
    'graft --version prints the version.\n' +
    EXIT_CODES
  );
}

/** `graft <command> --help`: its usage and every option it takes. */
export function commandHelp(name: CommandName): string {
  const c = COMMANDS.find((x) => x.name === name)!;
  const flags = flagsOf(name);
  const left = flags.map((f) => `${f.short ? `-${f.short}, ` : '    '}${flagText(f)}`);
  const width = Math.max(...left.map((l) => l.length));
  const pad = ' '.repeat(width + 4);
  const options = flags.map((f, i) => `  ${left[i].padEnd(width)}  ${f.help.split('\n').join(`\n${pad}`)}\n`).join('');
  return (
    `Usage: ${usageLine(c)}\n\n` +
    `${c.summary[0].toUpperCase()}${c.summary.slice(1)}.\n` +
    (c.more ? `${c.more}\n` : '') +
    `\nOptions:\n${options}` +
    (c.stack ? `\n${stackText()}` : '') +
    `\n${EXIT_CODES}`
  );
}

/** What the command line asks for. */
export type Invocation =
  | { kind: 'text'; text: string; code: number }
  | { kind: 'run'; command: CommandName; positionals: string[]; values: Record<string, string | boolean | undefined> };

const isCommand = (s: string | undefined): s is CommandName => COMMANDS.some((c) => c.name === s);

/**
 * Parses argv (command first) with the command's own options; help and version are answered here, without loading
 * any command. Throws UsageError (or parseArgs' TypeError) on a usage error.
 */
export function parseInvocation(argv: readonly string[]): Invocation {
  const [first, ...rest] = argv;
  if (first === undefined) return { kind: 'text', text: globalHelp(), code: 2 };
  if (first === '--help' || first === '-h') return { kind: 'text', text: globalHelp(), code: 0 };
  if (first === '--version' || first === '-v') return { kind: 'text', text: `${GRAFT_VERSION}\n`, code: 0 };
  if (!isCommand(first)) {
    if (first.startsWith('-')) throw new UsageError(`put the command first: graft <command> ${first} ...`);
    throw new UsageError(`unknown command "${first}"; the commands are ${COMMANDS.map((c) => c.name).join(', ')}`);
  }
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const f of flagsOf(first)) options[f.name] = { type: f.value ? 'string' : 'boolean', ...(f.short ? { short: f.short } : {}) };
  const { values, positionals } = parseArgs({ args: [...rest], allowPositionals: true, options, strict: true });
  if (values['help'] === true) return { kind: 'text', text: commandHelp(first), code: 0 };
  const flat: Record<string, string | boolean | undefined> = {};
  for (const [k, v] of Object.entries(values)) if (!Array.isArray(v)) flat[k] = v;
  return { kind: 'run', command: first, positionals, values: flat };
}

/** A usage error from graft or from parseArgs: exit code 2. */
export function isUsageError(e: unknown): e is Error {
  return e instanceof UsageError || (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'));
}

/** The text printed for a usage error. */
export function usageErrorText(message: string, argv: readonly string[]): string {
  const command = isCommand(argv[0]) ? argv[0] : undefined;
  return `graft: ${message}\nRun graft ${command ? `${command} ` : ''}--help for usage.\n`;
}

/**
 * What to print without loading any command: help, the version, or a usage error the command line alone shows.
 * Undefined when a command must run.
 */
export function quickAnswer(argv: readonly string[]): { text: string; code: number } | undefined {
  try {
    const inv = parseInvocation(argv);
    return inv.kind === 'text' ? { text: inv.text, code: inv.code } : undefined;
  } catch (e) {
    if (!isUsageError(e)) throw e;
    return { text: usageErrorText(e.message, argv), code: 2 };
  }
}
