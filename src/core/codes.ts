/** Diagnostic codes of the compile pipeline itself. */
export const GRAFT_CODES = {
  GRAFT_CANNOT_READ: 'an input file or directory cannot be read (missing, a directory, a device or FIFO)',
  GRAFT_INPUT_TOO_LARGE: 'the spec or bindings file is larger than graft reads (4 MiB)',
  GRAFT_NO_STACK_FILES: 'the stack holds no file graft can compile',
  GRAFT_OUT_OVERLAPS_INPUT:
    '--out is, holds or lies inside the stack, or is or holds the spec, the bindings, the current or the home directory (even with --force)',
  GRAFT_OUT_NOT_GRAFT_OUTPUT: '--out is a non-empty directory graft did not write (no .graft-output), or an existing file',
  GRAFT_OUT_MODIFIED: "--out is graft's earlier output, but files were added or changed in it since",
  GRAFT_OUT_PATH_CONFLICT: 'a stack file is named like a directory graft writes (handoff/), or holds a path graft writes',
  GRAFT_WRITE_FAILED: 'the system refused the write (permissions, a path under a file, a mount point, a full disk); nothing was written',
  GRAFT_PREFLIGHT_NO_BUNDLE: "--with-preflight cannot find graft's single-file bundle",
  OUTPUT_DROPPED_ENDPOINT: 'a kept file still names a dropped service by host:port or URL; nothing is written',
  OUTPUT_DROPPED_REFERENCE:
    'a depends_on, links, volumes_from, DependsOn or reference still names a dropped service or resource; nothing is written',
  OUTPUT_UNPARSEABLE: 'internal error: a file graft would write does not parse again in its own format; nothing is written',
} as const;
