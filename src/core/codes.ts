/** Diagnostic codes of the compile pipeline itself. */
export const GRAFT_CODES = {
  GRAFT_CANNOT_READ: 'an input file or directory cannot be read',
  GRAFT_NO_STACK_FILES: 'the stack holds no file graft can compile',
  GRAFT_PREFLIGHT_NO_BUNDLE: "--with-preflight cannot find graft's single-file bundle",
  OUTPUT_DROPPED_ENDPOINT: 'a kept file still names a dropped service by host:port or URL; nothing is written',
  OUTPUT_DROPPED_REFERENCE:
    'a depends_on, links, volumes_from, DependsOn or reference still names a dropped service or resource; nothing is written',
  OUTPUT_UNPARSEABLE: 'internal error: a file graft would write does not parse again in its own format; nothing is written',
} as const;
