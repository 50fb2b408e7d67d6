import { parseArgs } from 'node:util';
import { InternalError } from '../core/errors.js';
import { GRAFT_VERSION } from '../plan/report.js';
import { runCheckCommand } from './commands/check.js';
import { runCompile, runHandoff, runPlan } from './commands/compile.js';
import { prepareFormats } from '../formats/index.js';
import { runSchema } from './commands/schema.js';
import { runValidate } from './commands/validate.js';
import { processIo, UsageError, type Io } from './io.js';

const HELP = `graft ${GRAFT_VERSION} — rewire a vendor stack from its bundled Kafka to the customer's own

Usage:
  graft compile <stack> --kafka <spec.yaml> --out <dir> [--bindings <graft.yaml>] [--external-secrets <store>] [--with-preflight] [--json]
  graft plan    <stack> --kafka <spec.yaml> [--bindings <graft.yaml>] [--json] [--no-diff]
  graft handoff <stack> --kafka <spec.yaml> --out <dir> [--bindings <graft.yaml>]
  graft validate <spec.yaml|graft.yaml> [--json]
  graft check   --kafka <spec.yaml> [--requirements <requirements.json>] [--secrets env|dir:<path>|file-map:<file>]
                [--timeout-ms N] [--json]
  graft schema  [customer-kafka|bindings|requirements]

<stack> is a directory holding compose.yaml / docker-compose.yml (and overrides), or one Compose file.
Exit codes: 0 success, 1 the input has errors (nothing written) or a graft check failed, 2 usage error.
`;

/** Runs the CLI with the given arguments and returns the exit code. */
export function main(argv: readonly string[], io: Io = processIo): number {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        kafka: { type: 'string', short: 'k' },
        out: { type: 'string', short: 'o' },
        bindings: { type: 'string', short: 'b' },
        'external-secrets': { type: 'string' },
        'with-preflight': { type: 'boolean' },
        force: { type: 'boolean' },
        json: { type: 'boolean' },
        'no-diff': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
    const [command, ...rest] = positionals;
    if (values.version) {
      io.out(`${GRAFT_VERSION}\n`);
      return 0;
    }
    if (values.help || !command) {
      io.out(HELP);
      return command || values.help ? 0 : 2;
    }
    const json = values.json === true;
    switch (command) {
      case 'compile':
      case 'handoff':
      case 'plan': {
        const stack = rest[0];
        if (!stack || rest.length > 1) throw new UsageError(`graft ${command} takes one stack path`);
        if (!values.kafka) throw new UsageError(`graft ${command} needs --kafka <customer-kafka.yaml>`);
        const opts = {
          stack,
          spec: values.kafka,
          json,
          ...(values.bindings ? { bindings: values.bindings } : {}),
          ...(values.out ? { out: values.out } : {}),
          ...(values['external-secrets'] ? { options: { externalSecretStore: values['external-secrets'] } } : {}),
          ...(values['with-preflight'] ? { withPreflight: true } : {}),
          ...(values.force ? { force: true } : {}),
        };
        if (command === 'handoff') return runHandoff(io, opts);
        return command === 'plan' ? runPlan(io, { ...opts, diff: !values['no-diff'] }) : runCompile(io, opts);
      }
      case 'validate': {
        if (rest.length !== 1 || !rest[0]) throw new UsageError('graft validate takes one file');
        return runValidate(io, rest[0], json);
      }
      case 'schema':
        return runSchema(io, rest[0]);
      case 'check':
        throw new UsageError('put the command first: graft check --kafka <spec.yaml> ...');
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError || (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))) {
      io.err(`graft: ${e.message}\nRun graft --help for usage.\n`);
      return 2;
    }
    if (e instanceof InternalError) {
      io.err(`graft: ${e.message}\nThis is a bug in graft; please report it with the input that caused it.\n`);
      return 70;
    }
    throw e;
  }
}

/** Runs the CLI like {@link main}, plus `graft check`, which talks to the network and so is asynchronous. */
export async function runCli(argv: readonly string[], io: Io = processIo, tty = process.stdout.isTTY === true): Promise<number> {
  if (argv[0] !== 'check') {
    // parsers in WebAssembly load asynchronously; a format whose parser failed to load reports it when used
    if (argv[0] === 'compile' || argv[0] === 'plan' || argv[0] === 'handoff') await prepareFormats().catch(() => undefined);
    return main(argv, io);
  }
  try {
    const { values, positionals } = parseArgs({
      args: argv.slice(1),
      allowPositionals: true,
      options: {
        kafka: { type: 'string', short: 'k' },
        requirements: { type: 'string', short: 'r' },
        secrets: { type: 'string' },
        'timeout-ms': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) return main(['--help'], io);
    if (positionals.length > 0) throw new UsageError('graft check takes no positional arguments');
    return await runCheckCommand(io, {
      kafka: values.kafka,
      requirements: values.requirements,
      secrets: values.secrets,
      timeoutMs: values['timeout-ms'],
      json: values.json === true,
      tty,
    });
  } catch (e) {
    if (e instanceof UsageError || (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))) {
      io.err(`graft: ${e.message}\nRun graft --help for usage.\n`);
      return 2;
    }
    throw e;
  }
}
