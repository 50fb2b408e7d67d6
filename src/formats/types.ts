import type { Bindings } from '../bindings/types.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { Edit } from '../core/edit.js';
import type { SourceFile } from '../core/span.js';
import type { Document } from 'yaml';
import type { Plan } from '../plan/types.js';
import type { PreflightInput } from '../preflight/index.js';
import type { CustomerKafka } from '../spec/types.js';

/** Reads a stack file by its path relative to the stack root, registering it as a source. */
export type StackReader = (relPath: string) => SourceFile | undefined;

/** Choices the user makes for one compile. */
export interface CompileOptions {
  /** Kubernetes: sync secrets from other stores through this External Secrets Operator store (`name` or `SecretStore/name`). */
  externalSecretStore?: string;
  /** Add a one-shot job that runs `graft check` with the services' own configuration before they start. */
  preflight?: PreflightInput;
}

/** What the compile dropped, which no kept file may still name: host names of dropped services (`host:port`, URLs). */
export interface Leftovers {
  hosts: string[];
  /** A pattern after each host name its DNS forms may carry (e.g. `.namespace.svc.cluster.local`). */
  hostSuffix?: string;
  /** Names of dropped services or resources, which no reference in a kept file of the format may name. */
  names?: string[];
  /** The references in one file of the format (`depends_on`, `links`, `DependsOn`, `!Ref`, ...), as offsets into its text. */
  references?: (file: SourceFile, docs?: readonly Document.Parsed[]) => Reference[];
  /**
   * What only dropped services read: stack paths (files or folders, such as a broker's mounted `server.properties`),
   * or a part of a file (`start`/`end` offsets, such as a service definition only dropped services extend).
   */
  unread?: { path: string; start?: number; end?: number }[];
}

/** A reference from a stack file to a service or resource by name. */
export interface Reference {
  name: string;
  via: string;
  start: number;
  end: number;
}

/** How a format adapter plugs into the compile pipeline. */
export interface FormatAdapter {
  name: string;
  /** Loads what the format needs before its first compile (e.g. a parser in WebAssembly). */
  prepare?(): Promise<void>;
  /** Tells whether `prepare` has completed. */
  ready?(): boolean;
  /** Picks the files of a stack this format handles, in the order they apply; `peek` reads a file's text. */
  select(paths: readonly string[], peek: (relPath: string) => string): string[];
  /** Files of the stack that look like the format's own but `select` left out, which the compile would silently miss. */
  overlooked?(paths: readonly string[], selected: readonly string[], peek: (relPath: string) => string): Diagnostic[];
  /** Parses, analyzes and rewrites; returns edits per file path. */
  compile(
    files: SourceFile[],
    spec: CustomerKafka,
    bindings: Bindings | undefined,
    read: StackReader,
    options: CompileOptions,
  ): { edits: Map<string, Edit[]>; plan?: Plan; diagnostics: Diagnostic[]; newFiles?: Map<string, string>; leftovers?: Leftovers };
}
