/** Diagnostic codes of the compile pipeline itself. */
export const GRAFT_CODES = {
  GRAFT_CANNOT_READ: 'an input file or directory cannot be read',
  GRAFT_NO_STACK_FILES: 'the stack holds no file graft can compile',
  GRAFT_PREFLIGHT_NO_BUNDLE: "--with-preflight cannot find graft's single-file bundle",
  OUTPUT_UNPARSEABLE: 'internal error: a file graft would write does not parse again in its own format; nothing is written',
} as const;
