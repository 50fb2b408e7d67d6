import type { PlanId } from '../../plan/types.js';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Diagnostic } from '../../core/diagnostic.js';
import type { SecretFile, SettingValue } from '../../clients/types.js';
import { storeOf, type ComposeSource } from '../../secrets/index.js';
import { describeSecretRef, secretName } from '../../secrets/names.js';
import type { SecretValue } from '../../spec/types.js';
import type { YamlEditor } from '../yaml/editor.js';
import { addBlock, appendTopLevel } from './env-state.js';
import type { ComposeFile, ComposeService } from './parse.js';
import { pairAt } from './parse.js';
import { scalarText } from '../yaml/nodes.js';

/** Where Compose mounts service secrets. */
export const SECRETS_DIR = '/run/secrets';

/** How Compose reads a secret (a top-level `secrets:` entry, a host variable), undefined when it cannot. */
export function composeSource(secret: SecretValue): ComposeSource | undefined {
  return storeOf(secret.secretRef).compose(secret.secretRef);
}

/** Escapes literal text for a Compose value, where `$` starts an interpolation. */
export function composeLiteral(s: string): string {
  return s.replace(/\$/g, '$$$$');
}

/** Customer secrets the stack references through Compose `secrets:`, and which services mount them. */
export class ComposeSecrets {
  readonly used = new Map<string, { secret: SecretValue; services: Map<string, PlanId> }>();
  readonly diagnostics: Diagnostic[] = [];
  private readonly reported = new Set<string>();

  /** Mounts a secret into a service and tells where it appears. */
  mount(service: PlanId, secret: SecretValue): SecretFile {
    const name = secretName(secret);
    if (!composeSource(secret)) this.refuse(secret, name);
    const entry = this.used.get(name) ?? { secret, services: new Map<string, PlanId>() };
    entry.services.set(service.name, service);
    this.used.set(name, entry);
    return { dir: SECRETS_DIR, name, path: `${SECRETS_DIR}/${name}` };
  }

  /** Renders a setting for Compose: literals escaped, secret values interpolated from the host environment. */
  render(service: string, setting: string, value: SettingValue): string {
    if (typeof value === 'string') return composeLiteral(value);
    return value.parts
      .map((p) => {
        if (typeof p === 'string') return composeLiteral(p);
        const variable = composeSource(p.secret)?.variable;
        if (variable) return `\${${variable}:?${variable} must hold the customer secret ${p.secret.path}}`;
        this.diagnostics.push({
          code: 'COMPOSE_SECRET_NEEDS_ENV_REF',
          severity: 'error',
          message: `service "${service}" reads ${p.secret.path} from the value of ${setting}; Compose can fill a variable only from a host environment variable, but it is ${describeSecretRef(p.secret)}`,
          help: `declare a *File binding in graft.yaml so graft can mount it as a file, or reference the secret as { env: NAME }`,
          subject: p.secret.span,
        });
        return '';
      })
      .join('');
  }

  private refuse(secret: SecretValue, name: string): void {
    if (this.reported.has(name)) return;
    this.reported.add(name);
    this.diagnostics.push({
      code: 'COMPOSE_SECRET_STORE_UNSUPPORTED',
      severity: 'error',
      message: `${secret.path} lives in ${describeSecretRef(secret)}; Docker Compose can read secrets only from a host file or environment variable`,
      help: 'materialize it on the Docker host (e.g. into a root-only file) and reference it as { secretRef: { file: /path } } or { env: NAME }',
      subject: secret.span,
    });
  }

  /** Writes top-level `secrets:` definitions into the main file. */
  defineIn(file: ComposeFile, ed: YamlEditor): void {
    const root = file.doc.contents;
    if (!isMap(root) || this.used.size === 0) return;
    const top = root.get('secrets', true);
    const wanted = [...this.used.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    const body = (s: SecretValue): string => {
      const source = composeSource(s);
      return source ? `${source.key}: ${source.value}` : '';
    };
    const missing: string[] = [];
    for (const [name, { secret }] of wanted) {
      const existing = isMap(top) ? pairAt(top, name) : undefined;
      if (existing && isMap(existing.value)) {
        const def = body(secret);
        const [k, v] = def.split(': ');
        const cur = existing.value.get(k ?? '', true);
        if (isScalar(cur) && String(cur.value) === v && existing.value.items.length === 1) continue;
        ed.removeBlockEntry(existing.key as Node);
      }
      missing.push(`${name}:\n  ${body(secret)}`);
    }
    appendTopLevel(ed, 'secrets', top, missing);
  }

  /** Adds the secrets a service uses to its `secrets:` list. */
  attachTo(service: ComposeService, ed: YamlEditor): void {
    const names = [...this.used.entries()]
      .filter(([, u]) => u.services.has(service.name))
      .map(([n]) => n)
      .sort();
    if (names.length === 0) return;
    const list = service.map.get('secrets', true);
    if (isSeq(list)) {
      const present = new Set(list.items.map((i) => (isScalar(i) ? String(i.value) : isMap(i) ? scalarText(i.get('source', true)) : '')));
      ed.appendToSeq(
        list,
        names.filter((n) => !present.has(n)),
      );
    } else {
      addBlock(
        ed,
        service.map,
        service,
        'secrets',
        names.map((n) => `- ${n}`),
      );
    }
  }
}
