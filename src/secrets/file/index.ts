import type { SecretStore } from '../types.js';
export type { FileRef } from './ref.js';

/** A host file: Compose mounts it; `graft check` reads it at its path. */
export const fileStore: SecretStore<'file'> = {
  kind: 'file',
  schema: { type: 'string', minLength: 1, description: 'An absolute file path on the host that runs the stack.' },
  check: (ref) =>
    typeof ref.file === 'string' && !ref.file.startsWith('/')
      ? [
          {
            code: 'SPEC_FILE_NOT_ABSOLUTE',
            at: ['file'],
            message: `file reference "${ref.file}" is relative`,
            help: 'give the absolute path on the host that runs the stack',
          },
        ]
      : [],
  describe: (ref) => `file ${ref.file}`,
  source: (ref) => `file ${ref.file}`,
  compose: (ref) => ({ key: 'file', value: ref.file, customerFile: true }),
  kubernetes: () => undefined,
  aws: () => undefined,
  local: (ref) => ({ kind: 'file', path: ref.file }),
  handoff: {
    phase: 1,
    group: (ref) => ref.file,
    // every value is copied byte for byte from the file the customer wrote it into (a typed value's final newline
    // already dropped: the clients read a newline at the end of a password file as part of the password)
    commands: (group, ctx) => group.map((s) => `install -m 0400 ./${ctx.file(s)} ${s.secretRef.file}`),
  },
};
