// Prints the module that replaces src/setup/script.ts in the bundle: the setup page's script, compiled once at build time.
import { pageScript } from '../src/setup/script.js';

process.stdout.write(`export function pageScript() { return ${JSON.stringify(pageScript())}; }\n`);
