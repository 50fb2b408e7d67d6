import type { Node } from 'yaml';
import type { Diagnostic } from '../../core/diagnostic.js';
import type { Bindings } from '../../bindings/types.js';
import type { ComposeAnalysis } from './analyze.js';
import { spanOfNode } from './parse.js';

/**
 * COMPOSE_CLIENTS_ELSEWHERE: one Compose file compiled by path keeps no service — its Kafka had no client in it — while
 * other Compose files sit beside it. A Kafka layer run with `docker compose -f app.yml -f kafka.yml` has its clients in
 * the other files, which a compile of the layer alone would leave pointing at the dropped broker.
 */
export function clientsElsewhere(
  analysis: Pick<ComposeAnalysis, 'services' | 'dropped' | 'files'>,
  beside: { paths: readonly string[]; peek: (rel: string) => string } | undefined,
  stackPaths: readonly string[] | undefined,
  bindings: Bindings | undefined,
): Diagnostic[] {
  if (!beside || bindings?.noClients) return [];
  const { services, dropped } = analysis;
  const brokers = [...dropped].filter(([, d]) => d.role === 'broker' || d.role === 'controller').map(([name]) => name);
  if (brokers.length === 0 || [...services.keys()].some((name) => !dropped.has(name))) return [];
  const compiled = analysis.files.map((f) => f.rel);
  const others = beside.paths.filter(
    (p) =>
      /\.ya?ml$/.test(p) &&
      p !== 'graft.yaml' &&
      !compiled.includes(p) &&
      !(stackPaths ?? []).includes(p) &&
      /^\uFEFF?services\s*:/m.test(beside.peek(p)),
  );
  if (others.length === 0) return [];
  const def = services.get(brokers[0] ?? '')?.defs[0];
  const files = others.join(', ');
  const many = others.length > 1;
  const layer = compiled[0] ?? '';
  return [
    {
      code: 'COMPOSE_CLIENTS_ELSEWHERE',
      severity: 'error',
      message: `${layer} keeps no service: graft drops ${andList([...dropped.keys()])}, none of them a client of the Kafka, but ${files} beside it ${many ? 'are Compose files' : 'is a Compose file'} that may run its clients (a layer run as docker compose -f ${others[0] ?? ''} -f ${layer}); compiled alone, they would keep the dropped Kafka's address`,
      help: `compile the folder instead, listing the files the project runs together in its .env as Docker Compose reads them (COMPOSE_FILE=${[...others, layer].join(':')}, or only those it runs); if the Kafka really has no client in the stack, declare it in graft.yaml (kafka.noClients: true) and pass it with --bindings`,
      ...(def ? { subject: spanOfNode(def.file.source, def.pair.key as Node) } : {}),
    },
  ];
}

function andList(names: readonly string[]): string {
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}` : (names[0] ?? '');
}
