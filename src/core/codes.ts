/** Diagnostic codes of the compile pipeline itself. */
export const GRAFT_CODES = {
  GRAFT_CANNOT_READ: 'an input file or directory cannot be read',
  GRAFT_NO_STACK_FILES: 'the stack holds no file graft can compile',
} as const;
