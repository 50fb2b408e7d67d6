import {
  checkJson,
  clearProgress,
  liveProgress,
  parseSecretSource,
  renderChecklist,
  renderCheckDiagnostics,
  renderSummary,
  runCheck,
  type CheckOptions,
  type SecretSource,
} from '../../check/index.js';
import { UsageError, type Io } from '../io.js';

/** The longest bound `--timeout-ms` accepts for one network step: 10 minutes. */
export const MAX_TIMEOUT_MS = 600_000;

/** Options of `graft check` as parsed from argv. */
export interface CheckArgs {
  kafka?: string;
  requirements?: string;
  secrets?: string;
  timeoutMs?: string;
  json: boolean;
  /** Whether stdout is a terminal (live progress, colors). */
  tty: boolean;
}

/** `--secrets` and `--timeout-ms` as `graft check` (and `graft setup`, which runs it) take them; UsageError otherwise. */
export function checkSettings(a: { secrets?: string; timeoutMs?: string }): { secrets: SecretSource; timeoutMs?: number } {
  const secrets = a.secrets === undefined ? { kind: 'env' as const } : parseSecretSource(a.secrets);
  if (!secrets) throw new UsageError(`--secrets takes env, dir:<path> or file-map:<file.json>, not "${a.secrets}"`);
  const timeoutMs = a.timeoutMs === undefined ? undefined : /^\d+$/.test(a.timeoutMs.trim()) ? Number(a.timeoutMs) : NaN;
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs >= 1 && timeoutMs <= MAX_TIMEOUT_MS)) {
    throw new UsageError(
      `--timeout-ms takes a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS} (10 minutes), not "${a.timeoutMs}"`,
    );
  }
  return timeoutMs === undefined ? { secrets } : { secrets, timeoutMs };
}

/** `graft check --kafka <spec> [--requirements <file>] [--secrets ...] [--timeout-ms N] [--json]`: the live preflight. */
export async function runCheckCommand(io: Io, a: CheckArgs): Promise<number> {
  if (!a.kafka) throw new UsageError('graft check needs --kafka <customer-kafka.yaml>');
  const { secrets, timeoutMs } = checkSettings(a);
  const live = a.tty && !a.json;
  const opts: CheckOptions = {
    spec: a.kafka,
    secrets,
    ...(a.requirements ? { requirements: a.requirements } : {}),
    ...(timeoutMs ? { timeoutMs } : {}),
    ...(live ? { onEvent: liveProgress((t) => io.out(t), true) } : {}),
  };
  const report = await runCheck(opts);
  if (a.json) {
    io.out(`${JSON.stringify(checkJson(report), null, 2)}\n`);
    return report.ok ? 0 : 1;
  }
  if (live) {
    // the steps were printed as they finished
    clearProgress((t) => io.out(t));
    io.out(`\n${renderSummary(report)}`);
  } else {
    io.out(renderChecklist(report));
  }
  const diagnostics = renderCheckDiagnostics(report);
  if (diagnostics) io.err(diagnostics);
  return report.ok ? 0 : 1;
}
