import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretStore } from './setups.js';

/** A customer's secret store for one setup: files in a directory and the host environment Compose runs with. */
export interface TestSecretStore extends SecretStore {
  dir: string;
  /** The host environment of `docker compose up`: Compose interpolates from it and reads `environment:` secrets. */
  vars: Record<string, string>;
  /** Contents of the files written so far. */
  written(): string[];
}

/** Creates an empty store whose files live under `dir`. */
export function createSecretStore(dir: string): TestSecretStore {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const vars: Record<string, string> = {};
  const contents: string[] = [];
  return {
    dir,
    vars,
    written: () => [...contents],
    file(name, content) {
      const path = join(dir, name);
      // as customers' secret files usually are: no trailing newline, readable by the owner only
      writeFileSync(path, content, { mode: 0o600 });
      contents.push(content);
      return { secretRef: { file: path } };
    },
    env(name, value) {
      vars[name] = value;
      return { secretRef: { env: name } };
    },
  };
}
