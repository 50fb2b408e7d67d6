import { InternalError } from '../core/errors.js';
import { stackListing } from '../compile/pipeline.js';
import { prepareFormats } from '../formats/index.js';
import { runCompile, runHandoff, runPlan } from './commands/compile.js';
import { runSchema } from './commands/schema.js';
import { runValidate } from './commands/validate.js';
import { processIo, UsageError, type Io } from './io.js';
import { isUsageError, parseInvocation, usageErrorText, type Invocation } from './usage.js';

/** Runs one parsed command other than `check` and `setup`; returns the exit code. */
function dispatch(inv: Extract<Invocation, { kind: 'run' }>, io: Io): number {
  const { command, positionals: rest, values } = inv;
  const str = (name: string): string | undefined => (typeof values[name] === 'string' ? values[name] : undefined);
  const json = values['json'] === true;
  switch (command) {
    case 'compile':
    case 'handoff':
    case 'plan': {
      const stack = rest[0];
      if (!stack || rest.length > 1) throw new UsageError(`graft ${command} takes one stack path`);
      const kafka = str('kafka');
      if (!kafka) throw new UsageError(`graft ${command} needs --kafka <customer-kafka.yaml>`);
      const bindings = str('bindings');
      const out = str('out');
      const store = str('external-secrets');
      const opts = {
        stack,
        spec: kafka,
        json,
        ...(bindings ? { bindings } : {}),
        ...(out ? { out } : {}),
        ...(store || values['reloader']
          ? { options: { ...(store ? { externalSecretStore: store } : {}), ...(values['reloader'] ? { reloader: true } : {}) } }
          : {}),
        ...(values['with-preflight'] ? { withPreflight: true } : {}),
        ...(values['force'] ? { force: true } : {}),
      };
      if (command === 'handoff') return runHandoff(io, opts);
      return command === 'plan' ? runPlan(io, { ...opts, diff: !values['no-diff'] }) : runCompile(io, opts);
    }
    case 'validate': {
      if (rest.length !== 1 || !rest[0]) throw new UsageError('graft validate takes one file');
      return runValidate(io, rest[0], json);
    }
    case 'schema':
      if (rest.length > 1) throw new UsageError('graft schema takes at most one schema name');
      return runSchema(io, rest[0]);
    case 'check':
    case 'setup':
      throw new UsageError(`graft ${command} talks to the network: run it through runCli`);
  }
}

/** Runs the CLI with the given arguments and returns the exit code (every command but `check` and `setup`, which are asynchronous). */
export function main(argv: readonly string[], io: Io = processIo): number {
  try {
    const inv = parseInvocation(argv);
    if (inv.kind === 'text') {
      if (inv.code === 0) io.out(inv.text);
      else io.err(inv.text);
      return inv.code;
    }
    return dispatch(inv, io);
  } catch (e) {
    if (isUsageError(e)) {
      io.err(usageErrorText(e.message, argv));
      return 2;
    }
    if (e instanceof InternalError) {
      io.err(`graft: ${e.message}\nThis is a bug in graft; please report it with the input that caused it.\n`);
      return 70;
    }
    throw e;
  }
}

/** Runs the CLI like {@link main}, plus `graft check` and `graft setup`, which talk to the network and so are asynchronous. */
export async function runCli(argv: readonly string[], io: Io = processIo, tty = process.stdout.isTTY === true): Promise<number> {
  let inv: Invocation;
  try {
    inv = parseInvocation(argv);
  } catch (e) {
    if (!isUsageError(e)) throw e;
    io.err(usageErrorText(e.message, argv));
    return 2;
  }
  if (inv.kind === 'text' || (inv.command !== 'check' && inv.command !== 'setup')) {
    // parsers in WebAssembly load asynchronously, only the stack's own format's; a format whose parser failed to load
    // reports it when used, and a stack that cannot be read is reported by the compile
    if (inv.kind === 'run' && inv.command !== 'validate' && inv.command !== 'schema') {
      const stack = inv.positionals[0];
      let listing: ReturnType<typeof stackListing> | undefined;
      try {
        listing = stack === undefined ? undefined : stackListing(stack);
      } catch {
        listing = undefined;
      }
      await prepareFormats(listing).catch(() => undefined);
    }
    return main(argv, io);
  }
  const { values, positionals } = inv;
  const str = (name: string): string | undefined => (typeof values[name] === 'string' ? values[name] : undefined);
  try {
    if (positionals.length > 0) throw new UsageError(`graft ${inv.command} takes no positional arguments`);
    if (inv.command === 'setup') {
      const { runSetupCommand } = await import('./commands/setup.js');
      return await runSetupCommand(io, {
        spec: str('spec'),
        requirements: str('requirements'),
        port: str('port'),
        secrets: str('secrets'),
        timeoutMs: str('timeout-ms'),
      });
    }
    // the Kafka client loads only for graft check
    const { runCheckCommand } = await import('./commands/check.js');
    return await runCheckCommand(io, {
      kafka: str('kafka'),
      requirements: str('requirements'),
      secrets: str('secrets'),
      timeoutMs: str('timeout-ms'),
      json: values['json'] === true,
      tty,
    });
  } catch (e) {
    if (!isUsageError(e)) throw e;
    io.err(usageErrorText(e.message, argv));
    return 2;
  }
}
