import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { containerSupportProblem, execInNamespace } from './container.js';
import { skippable } from '../support/skips.js';

// Files appear at their container paths inside the namespace only; the host filesystem is left alone.
const skipWhy = containerSupportProblem();

describe.skipIf(skipWhy !== undefined)(skippable('execInNamespace', skipWhy), () => {
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

  it('places a target directly under / (chrooted into an overlay of /) and runs with exactly the given environment', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'graft-container-'));
    writeFileSync(join(dir, 'kafka.yaml'), 'spec');
    writeFileSync(join(dir, 'password'), 's3cret');
    const top = '/graft-conformance-test';
    const mounts = [
      { target: top, source: dir, readOnly: true },
      { target: '/run/secrets/kafka_sasl_password', source: join(dir, 'password'), readOnly: true },
    ];
    const script = `pwd; cat ${top}/kafka.yaml /run/secrets/kafka_sasl_password; echo; env | sort; ls /proc/self/fd >/dev/null && echo proc; touch ${top}/x 2>/dev/null || echo read-only`;
    const r = await execInNamespace(mounts, join(dir, 'scratch'), ['sh', '-c', script], 10_000, { cwd: '/', env: { A: 'b c' } });
    expect(r.stderr).toBe('');
    // sh adds PWD (and SHLVL) itself; nothing of this process's environment gets through
    expect(r.stdout.split('\n').filter((l) => !/^(PWD|SHLVL|_)=/.test(l))).toEqual(['/', 'specs3cret', 'A=b c', 'proc', 'read-only', '']);
    expect(r.code).toBe(0);
    expect(existsSync(top)).toBe(false);
    expect(existsSync('/run/secrets/kafka_sasl_password')).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });
});
