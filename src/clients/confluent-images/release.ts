import { problem } from '../common.js';
import type { EmitContext, Problem } from '../types.js';

/** The Confluent Platform release (major, minor) a `confluentinc/cp-*` image's tag names, e.g. `5.5.12` → [5, 5]. */
export function cpRelease(image: string | undefined): [number, number] | undefined {
  const m = /(?:^|\/)confluentinc\/cp-[a-z0-9-]+:(\d+)\.(\d+)(?:\.\d+)?(?:-[\w.-]+)?$/.exec(image ?? '');
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** The Apache Kafka release a Confluent Platform release ships (3.3 → 0.11, 4.x → 1.x, 5.x → 2.x, 6.0 → 2.6, 6.1 → 2.7). */
function kafkaOf([major, minor]: [number, number]): string {
  if (major <= 3) return ['0.10.0', '0.10.1', '0.10.2', '0.11'][minor] ?? 'before 1.0';
  if (major === 4) return `1.${minor}`;
  if (major === 5) return `2.${minor}`;
  return `2.${6 + minor}`;
}

/**
 * Confluent Platform before 6.1 ships Apache Kafka before 2.7, which has neither Kafka's DirectoryConfigProvider (how
 * graft hands the image its secrets) nor PEM key and trust stores (KIP-651): a worker configured with them does not
 * start. The tag decides; a tag graft cannot read (`latest`, `${VERSION}`) is taken as recent.
 */
export function checkRelease(ctx: EmitContext, title: string, usesProvider: boolean, usesPem: boolean, problems: Problem[]): void {
  const release = cpRelease(ctx.service.image);
  if (!release || release[0] > 6 || (release[0] === 6 && release[1] >= 1)) return;
  if (!usesProvider && !usesPem) return;
  const needs = [
    ...(usesProvider ? ["DirectoryConfigProvider (how graft hands it the customer's secrets)"] : []),
    ...(usesPem ? ['PEM key and trust stores (how graft hands it the certificates)'] : []),
  ];
  const what = needs.length > 1 ? `neither ${needs.join(' nor ')}; both` : `no ${needs.join('')}; it`;
  problems.push(
    problem(
      'CLIENT_IMAGE_TOO_OLD',
      `service "${ctx.service.name}" (${title}) runs ${ctx.service.image ?? ''}: Confluent Platform ${release.join('.')} ships Apache Kafka ${kafkaOf(release)}, which has ${what} came with Apache Kafka 2.7 (Confluent Platform 6.1)`,
      'move the service to a Confluent Platform 6.1 or later image (the tag in the stack), then compile again',
    ),
  );
}
