import { renderDiagnostics, type SourceLookup } from '../core/diagnostic.js';
import { diagnosticsJson } from '../cli/io.js';
import type { CheckEvent, CheckReport, CheckStep, StepStatus } from './types.js';

const MARK: Record<StepStatus, string> = { pass: '✓', warn: '!', fail: '✗', skip: '-' };
const COLOR: Record<StepStatus, string> = { pass: '32', warn: '33', fail: '31', skip: '90' };

/** One checklist line, e.g. `✓ tcp           127.0.0.1:9092  connected in 1 ms`. */
export function renderStep(step: CheckStep, color = false): string {
  const mark = color ? `\x1b[${COLOR[step.status]}m${MARK[step.status]}\x1b[0m` : MARK[step.status];
  return `${mark} ${step.probe.padEnd(15)} ${step.target}  ${step.detail}`;
}

/** The final checklist: one line per step, then the summary. */
export function renderChecklist(report: CheckReport, color = false): string {
  if (report.steps.length === 0) return 'FAIL: the check could not start (see the diagnostics)\n';
  return `${report.steps.map((s) => renderStep(s, color)).join('\n')}\n\n${renderSummary(report)}`;
}

/** The verdict line: step counts, wall time, and round trips (Kafka requests, HTTP requests, connections). */
export function renderSummary(report: CheckReport): string {
  const n = (st: StepStatus): number => report.steps.filter((s) => s.status === st).length;
  const requests = Object.values(report.stats.kafka).reduce((a, b) => a + b, 0);
  return (
    `${report.ok ? 'PASS' : 'FAIL'}: ${n('pass')} passed, ${n('fail')} failed, ${n('warn')} warned, ${n('skip')} skipped in ${report.wallMs} ms ` +
    `(${requests} Kafka requests, ${report.stats.http} HTTP requests, ${report.stats.connections} connections)\n`
  );
}

/** The report's diagnostics rendered like tsc, with code frames into the spec and requirements files. */
export function renderCheckDiagnostics(report: CheckReport): string {
  return report.diagnostics.length > 0 ? renderDiagnostics(report.diagnostics, lookupIn(report)) : '';
}

/** The report as JSON for machines: steps, diagnostics with positions, request counts. */
export function checkJson(report: CheckReport): Record<string, unknown> {
  return {
    ok: report.ok,
    spec: report.spec,
    wallMs: report.wallMs,
    stats: report.stats,
    steps: report.steps.map((s) => ({
      probe: s.probe,
      target: s.target,
      status: s.status,
      detail: s.detail,
      ms: s.ms,
      codes: s.diagnostics.map((d) => d.code),
    })),
    diagnostics: diagnosticsJson(report.diagnostics, lookupIn(report)),
  };
}

function lookupIn(report: CheckReport): SourceLookup {
  return (p) => report.sources.get(p);
}

/** Live progress on a terminal: finished steps scroll above one status line naming what still runs. */
export function liveProgress(write: (text: string) => void, color: boolean): (e: CheckEvent) => void {
  const running = new Map<string, number>();
  const status = (): string => {
    const names = [...running.keys()];
    return names.length > 0 ? `… ${names.slice(0, 4).join(', ')}${names.length > 4 ? ` +${names.length - 4}` : ''}` : '';
  };
  return (e) => {
    if (e.type === 'start') {
      const key = `${e.probe} ${e.target}`;
      running.set(key, (running.get(key) ?? 0) + 1);
      write(`\r\x1b[K${status()}`);
      return;
    }
    const key = `${e.step.probe} ${e.step.target}`;
    const left = (running.get(key) ?? 1) - 1;
    if (left > 0) running.set(key, left);
    else running.delete(key);
    write(`\r\x1b[K${renderStep(e.step, color)}\n${status()}`);
  };
}

/** Clears the status line the live progress left. */
export function clearProgress(write: (text: string) => void): void {
  write('\r\x1b[K');
}
