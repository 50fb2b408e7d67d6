/** Diagnostic codes of the compile pipeline itself, raised before any format runs. */
export const PIPELINE_CODES = {
  GRAFT_CANNOT_READ: 'an input file or directory cannot be read (missing, a directory where a file belongs, a device or FIFO)',
  GRAFT_INPUT_TOO_LARGE: 'the spec or bindings file is larger than graft reads (4 MiB)',
  GRAFT_NO_STACK_FILES: 'the stack holds no file graft can compile',
  GRAFT_PREFLIGHT_NO_BUNDLE: "--with-preflight cannot find graft's single-file bundle",
} as const;

/** Diagnostic codes of the output directory: `--out` refused, or the write failed. */
export const OUT_DIR_CODES = {
  GRAFT_OUT_OVERLAPS_INPUT:
    '--out is, holds or lies inside the stack, or is or holds the spec, the bindings, the current or the home directory (compared after resolving symlinks; --force does not change this)',
  GRAFT_OUT_NOT_GRAFT_OUTPUT: '--out is a non-empty directory graft did not write (it has no `.graft-output`), or an existing file',
  GRAFT_OUT_MODIFIED: "--out is graft's earlier output, but files were added or changed in it since graft wrote it",
  GRAFT_OUT_PATH_CONFLICT:
    'a stack file is named like a directory graft writes (`handoff`), or holds a path graft writes (`graft-report.json/...`)',
  GRAFT_WRITE_FAILED:
    'the system refused the write (permissions, a path under a file, a mount point, a read-only or full disk); nothing was written',
} as const;

/** Diagnostic codes of the output verification: what graft would write, checked before anything is written. */
export const OUTPUT_CODES = {
  OUTPUT_DROPPED_ENDPOINT:
    "a kept file of the stack (any file but documentation such as `*.md`, `*.txt`, `LICENSE`, `NOTICE`, `SOURCE`; that is env files, `.env`, mounted configs, scripts, manifests, templates) still names a dropped service by `host:port` or URL, outside comments: whatever reads it would reach nothing; nothing is written. A Kubernetes Service's names are the forms its DNS resolves: `svc`, `svc.ns`, `svc.ns.svc`, `svc.ns.svc.<cluster domain>`, and `<pod>.<svc>…` for a StatefulSet's pods, `ns` being a namespace of the stack (any, when the dropped Service has none); a host that merely starts with the name (`kafka.example.com`) is not one, and the customer's own bootstrap and registry hosts never are",
  OUTPUT_DROPPED_REFERENCE:
    'a `depends_on`, `links`, `volumes_from`, `network_mode: service:` (Compose), `DependsOn`, `Ref`, `GetAtt`, `Sub` (CloudFormation) or a ConfigMap, Secret, claim or service account a workload reads (Kubernetes) still names a service, resource or parameter graft dropped; nothing is written',
  OUTPUT_UNPARSEABLE:
    'internal error: a file graft would write does not parse again in its own format (a YAML error, or a warning the origin did not have such as a duplicate key or an unresolved tag; a different number of YAML documents than the origin minus the documents graft dropped; a JSON or HCL syntax error; a properties entry graft did not touch whose value changed); nothing is written',
} as const;

/** Every diagnostic code of the pipeline, the output directory and the output verification. */
export const GRAFT_CODES = { ...PIPELINE_CODES, ...OUT_DIR_CODES, ...OUTPUT_CODES } as const;
