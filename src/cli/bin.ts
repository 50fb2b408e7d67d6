import * as nodeModule from 'node:module';
import { quickAnswer } from './usage.js';

// Node.js caches the compiled bundle between runs (Node >= 22.1)
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

const argv = process.argv.slice(2);
const quick = quickAnswer(argv);
if (quick) {
  (quick.code === 0 ? process.stdout : process.stderr).write(quick.text);
  process.exitCode = quick.code;
} else {
  // commands, formats and the Kafka client load only when a command runs
  const { runCli } = await import('./main.js');
  process.exitCode = await runCli(argv);
}
