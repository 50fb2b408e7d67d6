// Prints docs/diagnostics.md from the codes tables: `npx tsx scripts/diagnostics-doc.ts > docs/diagnostics.md`.
import { BINDINGS_CODES } from '../src/bindings/load.js';
import { CHECK_CODES } from '../src/check/codes.js';
import { CLIENT_CODES } from '../src/clients/codes.js';
import { GRAFT_CODES } from '../src/core/codes.js';
import { adapters } from '../src/formats/index.js';
import { SPEC_CODES } from '../src/spec/codes.js';
import { HANDOFF_CODES } from '../src/handoff/codes.js';

const areas: [string, string, Record<string, string>][] = [
  ['Customer spec', 'Raised by `graft validate` and every compile for the `--kafka` file.', SPEC_CODES],
  ['Bindings (graft.yaml)', "Raised for the vendor's bindings file.", BINDINGS_CODES],
  ['Compile pipeline', 'Raised before any format runs.', GRAFT_CODES],
  ...adapters.map((a): [string, string, Record<string, string>] => [a.title, a.codesIntro, a.codes]),
  ['Client families', 'Raised when a client cannot receive what the customer cluster needs.', CLIENT_CODES],
  [
    'Live preflight (graft check)',
    'Raised by `graft check` against the live cluster; each names the host, topic or principal.',
    CHECK_CODES,
  ],
  [
    'Customer handoff',
    'Listed under "What graft could not tell" in `handoff/README.md`: what the stack does not say, never guessed silently.',
    HANDOFF_CODES,
  ],
];
const out = [
  '# Diagnostics',
  '',
  'Every problem graft reports has a stable code, a location (`file:line:col`), a one-line message and a `help:` line that',
  'says what to do. Errors stop a compile and nothing is written; warnings do not. `--json` gives the same data as JSON.',
  '',
  'Example:',
  '',
  '```text',
  'docker-compose.yml:4:3 - error CLIENT_UNKNOWN_FAMILY: service "indexer" uses Kafka (env BROKERS = kafka:9092) but graft cannot tell how it reads SASL_SSL settings',
  '',
  '4   indexer:',
  '    ~~~~~~~',
  '',
  '  help: declare it in graft.yaml: kafka.clients.indexer: { family: env, env: { bootstrapServers: ..., securityProtocol: ..., ... } }',
  '```',
  '',
];
for (const [title, intro, codes] of areas) {
  out.push(`## ${title}`, '', intro, '', '| code | meaning |', '| --- | --- |');
  for (const [code, meaning] of Object.entries(codes)) out.push(`| \`${code}\` | ${meaning} |`);
  out.push('');
}
process.stdout.write(out.join('\n'));
