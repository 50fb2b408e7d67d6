import { specSecrets } from '../../check/secrets.js';
import { PREFLIGHT_DIR, PREFLIGHT_IMAGE, PREFLIGHT_NAME, preflightCommand, type PreflightInput } from '../../preflight/index.js';
import { indentLines, renderBlock } from '../yaml/text.js';
import { pairAt, type ComposeFile } from './parse.js';
import { servicePlanId, type RewriteContext } from './context.js';
import { composeSource, SECRETS_DIR } from './secrets.js';

/**
 * Adds the one-shot `graft-preflight` service: graft's bundle checks the customer's Kafka with the same
 * secrets the services mount, and every rewired service waits for it to succeed.
 */
export function addComposePreflight(ctx: RewriteContext, main: ComposeFile, input: PreflightInput, newFiles: Map<string, string>): void {
  newFiles.set(`${PREFLIGHT_NAME}/graft.js`, input.bundle);
  newFiles.set(`${PREFLIGHT_NAME}/kafka.yaml`, input.specText);
  const ed = ctx.editorOf({ file: main });
  const services = main.services;
  // graft check reads every secret of the spec from /run/secrets, also those the services get by interpolation
  // (a `${VAR}` username) rather than as files; Compose can mount only `env` and `file` references
  const preflight = servicePlanId(PREFLIGHT_NAME, main.source.path);
  for (const secret of specSecrets(ctx.spec)) if (composeSource(secret)) ctx.secrets.mount(preflight, secret);
  const secrets = [...ctx.secrets.used.keys()].sort();
  for (const name of secrets) ctx.secrets.used.get(name)?.services.set(PREFLIGHT_NAME, preflight);
  for (const item of ctx.plan.rewired) {
    const def = ctx.analysis.services.get(item.id.name)?.defs[0];
    if (!def || def.file !== main) continue;
    ctx.waits.push({ def, name: PREFLIGHT_NAME });
  }
  if (services && !pairAt(services, PREFLIGHT_NAME)) {
    const service = {
      image: PREFLIGHT_IMAGE,
      command: preflightCommand(`${PREFLIGHT_DIR}/graft.js`, SECRETS_DIR),
      volumes: [`./${PREFLIGHT_NAME}:${PREFLIGHT_DIR}:ro`],
      ...(secrets.length ? { secrets } : {}),
      restart: 'no',
    };
    const body = indentLines(renderBlock(service), '  ');
    ed.appendToMap(services, [
      `# Written by graft: checks the customer's Kafka with the services' own settings before they start.\n${PREFLIGHT_NAME}:\n${body}`,
    ]);
  }
  ctx.plan.notes.push(`${PREFLIGHT_NAME}: runs graft check before the rewired services start; they wait for it to succeed`);
}
