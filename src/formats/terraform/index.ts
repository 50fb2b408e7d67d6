import type { FormatAdapter } from '../types.js';
import {
  analyzeTerraform,
  parseTerraform,
  rewriteTerraform,
  terraformLeftovers,
  terraformStackFacts,
  type TfAnalysis,
  type TfParsed,
  type TfRewriteState,
} from './rewrite.js';
import { hclReady, loadHcl } from './hcl.js';
import { TF_CODES } from './codes.js';

const TF_FILE = /\.tf(\.json)?$|\.tfvars(\.json)?$/;
// Terraform's own cache, and the Terraform forms graft writes into a compiled stack's handoff/
const SKIP = /(^|\/)\.terraform\/|^handoff\//;

/** Terraform / OpenTofu root modules: drops MSK, Confluent Cloud clusters and in-cluster Kafka, rewires every reference. */
export const terraform = {
  name: 'terraform',
  title: 'Terraform / OpenTofu',
  codes: TF_CODES,
  codesIntro: 'Raised while compiling a Terraform root module.',
  // a root module has .tf files at the stack root; files below it are its local child modules
  select: (paths) => {
    const files = paths.filter((p) => TF_FILE.test(p) && !SKIP.test(p));
    return files.some((p) => !p.includes('/') && !/\.tfvars(\.json)?$/.test(p)) ? files : [];
  },
  prepare: loadHcl,
  ready: hclReady,
  parse: (sources) => parseTerraform(sources),
  analyze: (parsed, input) => analyzeTerraform(parsed, input),
  rewrite: (analysis, parsed, input) => rewriteTerraform(analysis, parsed, input),
  facts: (_analysis, rewritten) => terraformStackFacts(rewritten),
  verify: (_analysis, rewritten) => terraformLeftovers(rewritten),
} satisfies FormatAdapter<TfParsed, TfAnalysis, TfRewriteState>;
