import { existsSync } from 'node:fs';
import { loadRequirements } from '../../check/requirements.js';
import { INPUT_READ_CODES } from '../../compile/pipeline.js';
import type { Diagnostic } from '../../core/diagnostic.js';
import { isReadFailure, readInputSource } from '../../core/read.js';
import type { SourceFile } from '../../core/span.js';
import { parseYamlDoc } from '../../core/yaml-doc.js';
import { loadSpec } from '../../spec/validate.js';
import { SECRET_CODES, type SpecData } from '../../setup/form.js';
import { startSetupServer, type SetupOptions, type SetupServer } from '../../setup/server.js';
import { reportDiagnostics, UsageError, type Io } from '../io.js';
import { checkSettings } from './check.js';

/** Options of `graft setup` as parsed from argv. */
export interface SetupArgs {
  spec?: string;
  requirements?: string;
  port?: string;
  secrets?: string;
  timeoutMs?: string;
}

/** The spec file the page saves to when `--spec` is not given. */
export const DEFAULT_SPEC = 'customer-kafka.yaml';

/**
 * Reads what `graft setup` starts from: the spec (when the file exists; a spec holding a secret value is refused, so
 * the page never receives one) and the requirements. Diagnostics when either cannot be used.
 */
export function setupInputs(a: SetupArgs): {
  options?: Omit<SetupOptions, 'port' | 'secrets'>;
  diagnostics: Diagnostic[];
  sources: SourceFile[];
} {
  const specPath = a.spec ?? DEFAULT_SPEC;
  const sources: SourceFile[] = [];
  const options: Omit<SetupOptions, 'port' | 'secrets'> = { specPath };
  if (existsSync(specPath)) {
    const source = readInputSource(
      specPath,
      'the spec',
      INPUT_READ_CODES,
      'pass a customer spec (kind: CustomerKafka), or a new file name',
    );
    if (isReadFailure(source)) return { diagnostics: [source], sources };
    sources.push(source);
    const { diagnostics } = loadSpec(source);
    // the page shows every other problem at its field
    const fatal = diagnostics.filter((d) => SECRET_CODES.has(d.code) || d.code === 'SPEC_YAML_SYNTAX');
    const data = parseYamlDoc(source, 'SPEC').doc?.data;
    if (fatal.length > 0 || typeof data !== 'object' || data === null || Array.isArray(data))
      return { diagnostics: fatal.length > 0 ? fatal : diagnostics, sources };
    const initial = { ...(data as SpecData) };
    delete initial['apiVersion'];
    delete initial['kind'];
    options.initial = initial;
  }
  if (a.requirements) {
    const source = readInputSource(a.requirements, 'the requirements file', INPUT_READ_CODES, "pass the handoff's requirements.json");
    if (isReadFailure(source)) return { diagnostics: [source], sources };
    sources.push(source);
    const r = loadRequirements(source);
    if (!r.requirements) return { diagnostics: r.diagnostics, sources };
    options.requirements = { path: a.requirements, requirements: r.requirements };
  }
  return { options, diagnostics: [], sources };
}

/** `graft setup`: serves the page until interrupted; exit code 0 then, 1 when an input cannot be used. */
export async function runSetupCommand(io: Io, a: SetupArgs, until?: Promise<void>): Promise<number> {
  const { secrets, timeoutMs } = checkSettings(a);
  const port = a.port === undefined ? 0 : /^\d+$/.test(a.port.trim()) ? Number(a.port) : NaN;
  if (!(Number.isInteger(port) && port >= 0 && port <= 65535))
    throw new UsageError(`--port takes a port number from 0 to 65535, not "${a.port}"`);
  const inputs = setupInputs(a);
  if (!inputs.options) {
    reportDiagnostics(io, inputs.diagnostics, (p) => inputs.sources.find((s) => s.path === p));
    return 1;
  }
  let server: SetupServer;
  try {
    server = await startSetupServer({
      ...inputs.options,
      port,
      secrets,
      ...(a.secrets ? { secretsArg: a.secrets } : {}),
      ...(timeoutMs ? { timeoutMs } : {}),
    });
  } catch (e) {
    io.err(
      `graft: cannot listen on 127.0.0.1:${port}: ${(e as Error).message}\n  help: choose another --port, or leave it out for any free port\n`,
    );
    return 1;
  }
  io.out(`graft setup: open ${server.url}\n(only this machine can reach it; Ctrl-C stops it)\n`);
  await (until ??
    new Promise<void>((r) => {
      process.once('SIGINT', () => r());
      process.once('SIGTERM', () => r());
    }));
  await server.close();
  return 0;
}
