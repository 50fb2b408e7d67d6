// ClickHouse Kafka-engine tables: where their broker lists live in a Compose stack, rewired where they stand.
import { findEndpointRuns } from '../../core/endpoints.js';
import { positionAt, type SourceFile } from '../../core/span.js';
import { clickhouse } from '../../clients/clickhouse/index.js';
import { nameSite, nameSplices, type NamingOutcome } from '../../configure/naming.js';
import { handoffName } from '../../plan/types.js';
import type { ServiceInfo } from './analyze.js';
import { servicePlanId, type RewriteContext } from './context.js';

/** `kafka_broker_list = '…'` in a `CREATE TABLE … ENGINE = Kafka SETTINGS` statement, or the named-collection element. */
const BROKER_LIST = /\bkafka_broker_list\s*=\s*'([^']*)'|<kafka_broker_list>([^<]*)<\/kafka_broker_list>/g;
/** Files that hold DDL a ClickHouse server runs: SQL, and the shell init scripts that feed SQL to clickhouse-client. */
const DDL_FILE = /\.(sql|sh|xml)$/;

function isClickhouse(info: ServiceInfo): boolean {
  const image = info.built ? info.baseImage : info.image;
  return image !== undefined && clickhouse.detect({ name: info.name, image, env: new Map() }) !== undefined;
}

/**
 * The stack files whose Kafka-engine tables a ClickHouse service runs: the files it mounts (init scripts in
 * `docker-entrypoint-initdb.d`, named collections in `config.d`), and, for the stack's only ClickHouse server, the SQL
 * files no service mounts (a `setup.sql` fed to clickhouse-client by hand: no other service can run it).
 */
function ddlFiles(ctx: RewriteContext, info: ServiceInfo): { rel: string; file: SourceFile }[] {
  const { analysis } = ctx;
  const mounted = info.defs.flatMap((d) => analysis.model.mountedFiles(d, analysis.list)).filter((m) => DDL_FILE.test(m.rel));
  const servers = [...analysis.services.values()].filter((s) => !analysis.dropped.has(s.name) && isClickhouse(s));
  if (servers.length !== 1 || !analysis.paths) return mounted;
  const anyMounted = new Set(
    [...analysis.services.values()].flatMap((s) => s.defs.flatMap((d) => analysis.model.mountedFiles(d, analysis.list).map((m) => m.rel))),
  );
  const loose = [...analysis.paths]
    .sort()
    .filter((p) => p.endsWith('.sql') && !anyMounted.has(p))
    .flatMap((rel) => {
      const file = ctx.read(rel);
      return file ? [{ rel, file }] : [];
    });
  return [...mounted, ...loose];
}

/** A table's own settings that override the server's `<kafka>` section graft writes. */
const TABLE_SECURITY = /\bkafka_(security_protocol|sasl_[a-z_]+|ssl_[a-z_]+)\s*=|<kafka_(security_protocol|sasl_[a-z_]+)>/;
/** The settings of a Kafka-engine table that hold names: its topics and its consumer group. */
const NAMES: [RegExp, 'topic' | 'group'][] = [
  [/\bkafka_topic_list\s*=\s*'([^']*)'|<kafka_topic_list>([^<]*)<\/kafka_topic_list>/, 'topic'],
  [/\bkafka_group_name\s*=\s*'([^']*)'|<kafka_group_name>([^<]*)<\/kafka_group_name>/, 'group'],
];

/** The statement a match stands in: from the `;` before it to the one after it (a whole XML file is one). */
function statementAround(text: string, at: number, xml: boolean): { start: number; end: number } {
  if (xml) return { start: 0, end: text.length };
  const start = text.lastIndexOf(';', at) + 1;
  const next = text.indexOf(';', at);
  return { start, end: next < 0 ? text.length : next };
}

/**
 * Rewires the broker lists of a ClickHouse service's Kafka-engine tables that name the dropped Kafka to the customer's
 * bootstrap servers, in the files where they stand, and gives each table's topics and group the customer's naming.
 * A table that sets its own security settings is refused: they override the server's `<kafka>` section. Returns what
 * matched, for the plan (and so that the configure stage takes the server for a client of the `clickhouse` family).
 */
export function rewireKafkaEngine(ctx: RewriteContext, info: ServiceInfo): string[] {
  if (!isClickhouse(info)) return [];
  const out: string[] = [];
  const client = { subject: `service "${info.name}"`, id: servicePlanId(info.name, info.defs[0]?.file.source.path ?? '') };
  for (const { rel, file } of ddlFiles(ctx, info)) {
    const xml = rel.endsWith('.xml');
    for (const m of file.text.matchAll(BROKER_LIST)) {
      const value = m[1] ?? m[2] ?? '';
      const at = m.index + m[0].indexOf(value);
      const runs = findEndpointRuns(value, ctx.analysis.kafkaHosts);
      if (runs.length === 0) continue;
      for (const r of runs) ctx.fileEdit({ file: file.path, start: at + r.start, end: at + r.end }, ctx.spec.bootstrapServers.join(','));
      out.push(`${rel}:${positionAt(file, m.index).line} kafka_broker_list = '${value}' (Kafka engine)`);
      const stmt = statementAround(file.text, m.index, xml);
      const body = file.text.slice(stmt.start, stmt.end);
      const own = TABLE_SECURITY.exec(body);
      if (own) {
        const start = stmt.start + own.index;
        ctx.diagnostics.push({
          code: 'COMPOSE_CLICKHOUSE_TABLE_SECURITY',
          severity: 'error',
          message: `a Kafka-engine table of service "${info.name}" sets its own security setting (${own[0].replace(/[\s=<>]/g, '')}) in ${rel}, which overrides the customer's ${ctx.spec.securityProtocol} settings graft gives the server's <kafka> section`,
          help: `remove the table's kafka_security_protocol / kafka_sasl_* / kafka_ssl_* settings from ${rel}: the server's <kafka> section (config.d/graft-kafka.xml) carries the customer's`,
          subject: { file: file.path, start, end: start + own[0].length },
        });
      }
      const naming: NamingOutcome = { diagnostics: [], renames: [] };
      for (const [re, kind] of NAMES) {
        const n = re.exec(body);
        const names = n ? (n[1] ?? n[2] ?? '') : undefined;
        if (!n || names === undefined) continue;
        const start = stmt.start + n.index + n[0].indexOf(names);
        const setting = `${rel} ${kind === 'topic' ? 'kafka_topic_list' : 'kafka_group_name'}`;
        ctx.fileNames.push({ service: handoffName(client.id), where: setting, setting, kind, value: names });
        nameSite(
          ctx.spec,
          client,
          kind,
          {
            setting,
            value: names,
            at: { file: file.path, start, end: start + names.length },
            replace: (next) => {
              for (const sp of nameSplices(names, next))
                ctx.fileEdit({ file: file.path, start: start + sp.start, end: start + sp.end }, sp.text);
            },
          },
          naming,
        );
      }
      ctx.diagnostics.push(...naming.diagnostics);
      ctx.plan.renames.push(...naming.renames);
    }
  }
  return out;
}
