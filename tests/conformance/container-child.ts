// Entry point run by container.ts inside the private mount namespace: `<request.json> <result.json>`.
// It runs testbed/runners' runClient unchanged, so the runner gets exactly the request's environment.
import { readFileSync, writeFileSync } from 'node:fs';
import { runClient, type RunnerName } from '../../testbed/runners/index.js';

const [requestFile, resultFile] = process.argv.slice(2);
if (!requestFile || !resultFile) throw new Error('usage: container-child.ts <request.json> <result.json>');
const request = JSON.parse(readFileSync(requestFile, 'utf8')) as { runner: RunnerName; env: Record<string, string>; timeoutMs: number };
const result = await runClient(request.runner, { env: request.env, timeoutMs: request.timeoutMs });
writeFileSync(resultFile, JSON.stringify(result));
