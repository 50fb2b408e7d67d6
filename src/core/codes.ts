/** Diagnostic codes of the compile pipeline itself. */
export const GRAFT_CODES = {
  GRAFT_CANNOT_READ: 'an input file or directory cannot be read (missing, a directory, a device or FIFO)',
  GRAFT_INPUT_TOO_LARGE: 'the spec or bindings file is larger than graft reads (4 MiB)',
  GRAFT_NO_STACK_FILES: 'the stack holds no file graft can compile',
  GRAFT_PREFLIGHT_NO_BUNDLE: "--with-preflight cannot find graft's single-file bundle",
} as const;
