import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readContainers } from './compose-service.js';

// What a compiled service's container sees, read from its Compose file as `docker compose up` builds it.
const project = mkdtempSync(join(tmpdir(), 'graft-compose-service-'));
mkdirSync(join(project, 'config'));
writeFileSync(join(project, 'config', 'client.properties'), 'bootstrap.servers=b:9092\n');
writeFileSync(join(project, 'ca.pem'), 'CA');

const COMPOSE = `
services:
  app:
    image: acme/app:1
    labels: [graft.conformance.runner=go, other=a=b]
    environment:
      - KAFKA_SASL_USERNAME=\${KAFKA_USERNAME:?KAFKA_USERNAME must hold the customer secret sasl.username}
      - JAAS=password="$\${kafka_sasl_password}"
      - FROM_HOST
      - NOT_ON_HOST
    secrets:
      - kafka_sasl_password
      - source: kafka_ca
        target: ca.pem
    configs:
      - source: graft_app_x
        target: /etc/app/x.conf
    volumes:
      - ./config/client.properties:/etc/app/client.properties:ro
      - data:/var/lib/app
      - type: bind
        source: ./config
        target: /opt/config
      - type: volume
        source: rendered
        target: /etc/app/rendered.conf
        read_only: true
        volume:
          subpath: rendered.conf
    depends_on:
      other:
        condition: service_started
      render:
        condition: service_completed_successfully
  other:
    image: acme/other:1
    hostname: other
    command: [node, /app/main.js, --port, 8080, "$\${HOME}", "\${TOPIC:-orders}"]
    environment: { PORT: 8080, DEBUG: true, EMPTY: }
secrets:
  kafka_sasl_password:
    environment: KAFKA_PASSWORD
  kafka_ca:
    file: ./ca.pem
volumes:
  data: {}
  rendered: {}
configs:
  graft_app_x:
    content: |
      token=$$literal
`;

describe('readContainers', async () => {
  afterAll(() => rmSync(project, { recursive: true, force: true }));
  const vars = { KAFKA_USERNAME: 'alice', KAFKA_PASSWORD: 's3cret', FROM_HOST: 'h', EMPTY: 'e' };
  const scratch = join(project, 'scratch');
  const [app, other] = await readContainers(project, COMPOSE, vars, scratch);

  it('gives the environment after interpolation, host values for bare keys', () => {
    expect(app?.env).toEqual({ KAFKA_SASL_USERNAME: 'alice', JAAS: 'password="${kafka_sasl_password}"', FROM_HOST: 'h' });
    expect(other?.env).toEqual({ PORT: '8080', DEBUG: 'true', EMPTY: 'e' });
  });

  it('mounts secrets under /run/secrets, configs and bind mounts at their targets', () => {
    expect(app?.mounts).toEqual([
      { target: '/run/secrets/kafka_sasl_password', source: join(scratch, 'secret-kafka_sasl_password'), readOnly: true },
      { target: '/run/secrets/ca.pem', source: join(project, 'ca.pem'), readOnly: true },
      { target: '/etc/app/x.conf', source: join(scratch, 'config-graft_app_x'), readOnly: true },
      { target: '/etc/app/client.properties', source: join(project, 'config', 'client.properties'), readOnly: true },
      { target: '/var/lib/app', source: join(scratch, 'volume-data'), readOnly: false },
      { target: '/opt/config', source: join(project, 'config'), readOnly: false },
      { target: '/etc/app/rendered.conf', source: join(scratch, 'volume-rendered', 'rendered.conf'), readOnly: true },
    ]);
    expect(readFileSync(join(scratch, 'secret-kafka_sasl_password'), 'utf8')).toBe('s3cret');
    expect(readFileSync(join(scratch, 'config-graft_app_x'), 'utf8')).toBe('token=$literal\n');
  });

  it('names the services that must complete successfully first, not those only started', () => {
    expect(app?.completedFirst).toEqual(['render']);
    expect(other?.completedFirst).toEqual([]);
  });

  it('reads a list-form command, interpolated', () => {
    expect(app?.command).toBeUndefined();
    expect(other?.command).toEqual(['node', '/app/main.js', '--port', '8080', '${HOME}', 'orders']);
  });

  it('reads labels and lists the keys it does not model', () => {
    expect(app?.labels).toEqual({ 'graft.conformance.runner': 'go', other: 'a=b' });
    expect(app?.unmodeled).toEqual([]);
    expect(other?.unmodeled).toEqual(['hostname']);
  });

  it('refuses a file Compose would refuse to load', async () => {
    await expect(readContainers(project, COMPOSE, { ...vars, KAFKA_USERNAME: '' }, scratch)).rejects.toThrow(
      'required variable KAFKA_USERNAME is missing a value: KAFKA_USERNAME must hold the customer secret sasl.username',
    );
    await expect(readContainers(project, COMPOSE, { KAFKA_USERNAME: 'a' }, scratch)).rejects.toThrow(/secret kafka_sasl_password: no file/);
  });
});
