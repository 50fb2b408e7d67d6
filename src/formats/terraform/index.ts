import type { FormatAdapter } from '../types.js';
import { compileTerraform } from './compile.js';
import { hclReady, loadHcl } from './hcl.js';

const TF_FILE = /\.tf(\.json)?$/;
const SKIP = /(^|\/)\.terraform\//;

/** Terraform / OpenTofu root modules: drops MSK, Confluent Cloud clusters and in-cluster Kafka, rewires every reference. */
export const terraform = {
  name: 'terraform',
  select: (paths) => paths.filter((p) => TF_FILE.test(p) && !SKIP.test(p)),
  prepare: loadHcl,
  ready: hclReady,
  compile: (sources, spec, bindings, _read, options) => compileTerraform(sources, spec, bindings, options),
} satisfies FormatAdapter;
