import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { containerSupportProblem, execInNamespace } from './container.js';

// Files appear at their container paths inside the namespace only; the host filesystem is left alone.
describe.skipIf(containerSupportProblem() !== undefined)('execInNamespace', () => {
  it('shows each mount at its target, read-only when asked, and changes nothing outside', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'graft-container-'));
    writeFileSync(join(dir, 'password'), 's3cret');
    writeFileSync(join(dir, 'client.properties'), 'a=b\n');
    const targets = ['/run/secrets/kafka_sasl_password', '/etc/graft-conformance-test/app/client.properties'];
    const mounts = [
      { target: targets[0] ?? '', source: join(dir, 'password'), readOnly: true },
      { target: targets[1] ?? '', source: join(dir, 'client.properties'), readOnly: false },
    ];
    const script = `cat ${targets.join(' ')} && ls /etc/hostname && ({ echo x > ${targets[0]}; } 2>/dev/null && echo writable || echo read-only)`;
    const r = await execInNamespace(mounts, join(dir, 'scratch'), ['sh', '-c', script], 10_000);
    expect(r.log).toBe('s3creta=b\n/etc/hostname\nread-only\n');
    expect(r.code).toBe(0);
    expect(existsSync('/etc/graft-conformance-test')).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });
});
