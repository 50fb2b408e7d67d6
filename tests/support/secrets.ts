/** Values planted in the environment under every secret env name the test specs use; none may ever appear in output. */
export const PLANTED = 'GRAFT-PLANTED-SECRET-7f3a';

/** Plants a recognizable value in every environment variable a spec's secretRefs name. */
export function plantSecrets(specText: string): () => void {
  const names = [...specText.matchAll(/env:\s*([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] ?? '');
  const saved = new Map(names.map((n) => [n, process.env[n]]));
  for (const n of names) process.env[n] = `${PLANTED}-${n}`;
  return () => {
    for (const [n, v] of saved) {
      if (v === undefined) delete process.env[n];
      else process.env[n] = v;
    }
  };
}
