import { isMap, isScalar, type Pair, type Scalar } from 'yaml';
import { needsSecurity } from '../../configure/stage.js';
import { scalarText } from '../yaml/nodes.js';
import { planId, rewireText, type K8sContext } from './context.js';
import { spanOf, type Resource } from './parse.js';

/**
 * A Secret of the stack whose data names the dropped Kafka (a client properties file kept as a Secret): its addresses
 * are rewired when the customer's cluster needs nothing more; otherwise graft refuses, since completing it would mean
 * writing the customer's credentials into the Secret.
 */
export function rewireStackSecret(ctx: K8sContext, r: Resource): void {
  for (const { field, p, value, encoded, text } of secretTexts(r)) {
    const next = rewireText(ctx, text);
    if (!next.matched) continue;
    const key = scalarText(p.key);
    const at = spanOf(r, p.key);
    const users = ctx.analysis.workloads.filter((w) => !ctx.analysis.dropped.has(w.resource) && w.secrets.has(r.name));
    if (needsSecurity(ctx.spec)) {
      const names = users.map((w) => w.resource.id).join(', ');
      ctx.diagnostics.push({
        code: 'K8S_SECRET_DATA_NAMES_KAFKA',
        severity: 'error',
        message: `${r.id} ${field} "${key}" names the dropped Kafka${names ? ` and is read by ${names}` : ''}; graft does not write ${ctx.spec.securityProtocol} credentials into a Secret`,
        help: `create ${r.name} yourself with the customer's bootstrap servers and ${ctx.spec.securityProtocol} settings (and drop it from the stack), or move the non-secret settings to a ConfigMap, which graft completes with references to the customer's secrets`,
        subject: at,
      });
      continue;
    }
    ctx.editorOf(r).setScalar(value, encoded ? Buffer.from(next.text, 'utf8').toString('base64') : next.text);
    ctx.plan.rewired.push({
      service: r.id,
      id: planId(r),
      family: 'secret-data',
      matched: [`${field} ${key}`],
      changed: [`${field}.${key}`],
      notes: [],
      at,
    });
  }
}

/** Whether a Secret of the stack names the dropped Kafka in its data: rewireStackSecret rewires or refuses it. */
export function secretNamesKafka(ctx: K8sContext, r: Resource): boolean {
  return secretTexts(r).some(({ text }) => rewireText(ctx, text).matched);
}

/** One string entry of a Secret's `data` (its text decoded from base64) or `stringData`, with where it stands. */
interface SecretText {
  field: 'data' | 'stringData';
  p: Pair;
  value: Scalar;
  encoded: boolean;
  text: string;
}

function secretTexts(r: Resource): SecretText[] {
  const out: SecretText[] = [];
  for (const field of ['data', 'stringData'] as const) {
    const data = r.root.get(field, true);
    if (!isMap(data)) continue;
    for (const p of data.items) {
      const value = p.value;
      if (!isScalar(value) || typeof value.value !== 'string') continue;
      const encoded = field === 'data';
      const text = encoded ? Buffer.from(value.value.replace(/\s+/g, ''), 'base64').toString('utf8') : value.value;
      out.push({ field, p, value, encoded, text });
    }
  }
  return out;
}
