import type { CompileResult } from '../compile/pipeline.js';
import { customerName } from '../check/requirements.js';
import type { ClientEnv } from './origin.js';
import type { PlanId } from '../plan/types.js';
import { bindingClient, isService, type HandoffUnknown, type ServiceNeed, type StreamsApp } from './types.js';

/**
 * Transactional ids and Kafka Streams applications from `graft.yaml`: literal ids and prefixes go to their
 * service; a Streams application's id is its group (with the group prefix when the compile renamed it) and,
 * exactly-once, the prefix of its transactional ids.
 */
export function inferTransactional(
  result: CompileResult,
  env: ClientEnv[],
  service: (name: string, id?: PlanId) => ServiceNeed,
  unknowns: HandoffUnknown[],
): StreamsApp[] {
  const gp = result.spec?.groups?.prefix;
  const streams: StreamsApp[] = [];
  for (const b of result.bindings?.clients.values() ?? []) {
    if (!b.transactionalIds?.length && !b.transactionalIdPrefixes?.length && !b.kafkaStreams) continue;
    const client = bindingClient(b.service, env);
    const s = service(client.service, client.id);
    s.transactionalIds.push(...(b.transactionalIds ?? []));
    s.transactionalIdPrefixes.push(...(b.transactionalIdPrefixes ?? []));
    if (!b.kafkaStreams) continue;
    // application.id is the group id: the compile gives it the group prefix when it renames its variable
    const id = b.kafkaStreams.applicationId;
    const renamed = result.plan.renames.some((r) => isService(s, r.id, r.service) && r.kind === 'group' && r.from === id);
    const applicationId = renamed ? customerName(id, gp) : id;
    if (gp && !renamed && !id.startsWith(gp))
      unknowns.push({
        code: 'HANDOFF_APPLICATION_ID_UNRENAMED',
        message: `Kafka Streams application ${s.service} keeps application.id ${id} outside the group prefix ${gp}: name its variable in graft.yaml groupEnv so the compile renames it`,
      });
    s.groups.push(applicationId);
    streams.push({ service: s.service, applicationId, exactlyOnce: b.kafkaStreams.exactlyOnce ?? false });
    if (b.kafkaStreams.exactlyOnce) s.transactionalIdPrefixes.push(`${applicationId}-`);
    if (result.spec?.topics?.allow)
      unknowns.push({
        code: 'HANDOFF_TOPIC_OUTSIDE_ALLOW_LIST',
        message: `Kafka Streams application ${s.service} creates internal topics ${applicationId}-*-changelog / -repartition, which topics.allow does not list`,
      });
  }
  return streams;
}
