import type { MskResourceKind } from './msk-arn.js';

/**
 * A resource of an IAM statement as the stack writes it: a literal pattern (a `${…}` placeholder of `Fn::Sub` or an
 * HCL template stands as `*`), or an expression graft cannot read (`!GetAtt Cluster.Arn`, `aws_msk_cluster.x.arn`).
 */
export type PolicyResource = { pattern: string } | { expression: string };

/** One IAM policy statement as far as a stack's text says it; what a format could not read is left out. */
export interface PolicyStatement {
  effect: 'Allow' | 'Deny';
  /** `Action` patterns; `notActions` instead for a `NotAction` statement. */
  actions?: readonly string[];
  notActions?: readonly string[];
  /** `Resource`; `notResources` instead for a `NotResource` statement; neither when the statement names none it could read. */
  resources?: readonly PolicyResource[];
  notResources?: readonly PolicyResource[];
  /** Whether the statement has a `Condition`, which graft does not evaluate. */
  conditional: boolean;
}

/** What a role's policies decide for one action on one kind of MSK resource. */
export type PolicyDecision = 'allow' | 'deny' | 'none';

/** IAM's wildcard match, case-insensitive for actions: `*` any run of characters, `?` one. */
export function globMatches(pattern: string, text: string, ignoreCase = false): boolean {
  const re = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\/]/g, '\\$&')))
    .join('');
  return new RegExp(`^${re}$`, ignoreCase ? 'is' : 's').test(text);
}

/** Whether an action pattern (`kafka-cluster:*`, `kafka-cluster:Read*`, `*`) names `action`. */
export function actionMatches(pattern: string, action: string): boolean {
  return globMatches(pattern.trim(), action, true);
}

/**
 * Whether a resource can name an MSK resource of `kind`: `*`; an ARN pattern whose partition, service and resource
 * type (`cluster/`, `topic/`, `group/`, `transactional-id/`) allow it (the names after the type are not compared: graft
 * points the stack's statements at the customer's cluster and prefixes its names); an expression, whose value only
 * Terraform or CloudFormation knows, is taken to name what it stands beside (graft repointed it at the customer's).
 */
export function resourceCovers(resource: PolicyResource, kind: MskResourceKind): boolean {
  if ('expression' in resource) return true;
  const p = resource.pattern.trim();
  if (p === '*') return true;
  const parts = p.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return false;
  const [, partition = '', service = '', , , ...rest] = parts;
  if (!['aws', 'aws-cn', 'aws-us-gov'].some((x) => globMatches(partition, x))) return false;
  if (!globMatches(service, 'kafka')) return false;
  const res = rest.join(':');
  const slash = res.indexOf('/');
  const type = slash < 0 ? res : res.slice(0, slash);
  // `*` and `?` match `/` too: `arn:aws:kafka:*:*:*` and `arn:aws:kafka:*:*:to*` name topics
  if (slash < 0 || type.includes('*')) return globMatches(res, `${kind}/x/x/x`) || globMatches(type, kind);
  return globMatches(type, kind);
}

/** Whether a statement speaks of `action` on a resource of `kind`, whatever its effect. */
function applies(st: PolicyStatement, action: string, kind: MskResourceKind): boolean {
  const named = st.actions
    ? st.actions.some((a) => actionMatches(a, action))
    : st.notActions
      ? !st.notActions.some((a) => actionMatches(a, action))
      : false;
  if (!named) return false;
  if (st.resources) return st.resources.some((r) => resourceCovers(r, kind));
  if (st.notResources) {
    // an Allow counts only when no excluded resource can be of this kind; a Deny unless it excludes everything
    return st.effect === 'Allow'
      ? !st.notResources.some((r) => resourceCovers(r, kind))
      : !st.notResources.some((r) => 'pattern' in r && r.pattern.trim() === '*');
  }
  // no resource graft could read: a Deny is taken to apply, an Allow not
  return st.effect === 'Deny';
}

/**
 * What the statements decide for `action` on a resource of `kind`, as IAM evaluates one principal's policies: an
 * explicit Deny wins; otherwise an Allow that applies without a condition allows; else nothing does (an Allow under a
 * `Condition` graft cannot evaluate allows nothing for sure, a Deny under one is taken to apply).
 */
export function decide(statements: readonly PolicyStatement[], action: string, kind: MskResourceKind): PolicyDecision {
  if (statements.some((st) => st.effect === 'Deny' && applies(st, action, kind))) return 'deny';
  if (statements.some((st) => st.effect === 'Allow' && !st.conditional && applies(st, action, kind))) return 'allow';
  return 'none';
}

/** The MSK resource kind an action of Lambda's MSK poller acts on. */
export function pollerActionKind(action: string): MskResourceKind {
  const name = action.slice(action.indexOf(':') + 1).toLowerCase();
  if (name === 'readdata' || name === 'describetopic') return 'topic';
  if (name === 'describegroup' || name === 'altergroup') return 'group';
  return 'cluster';
}

/** What a role's policies already do for an MSK poller: whether they allow reading Kafka data, and the poller's actions they do not allow or deny. */
export interface PollerAccess {
  /** `kafka-cluster:ReadData` on topics is allowed and not denied. */
  readsData: boolean;
  /** The poller's actions the policies do not allow (each on its kind of resource). */
  missing: string[];
  /** The poller's actions an explicit Deny refuses: no added Allow can give them. */
  denied: string[];
}

/** Reads what `statements` (all the policies of one role) give an MSK event source's poller whose actions are `actions`. */
export function pollerAccess(statements: readonly PolicyStatement[], actions: readonly string[]): PollerAccess {
  const decisions = actions.map((a) => [a, decide(statements, a, pollerActionKind(a))] as const);
  return {
    readsData: decide(statements, 'kafka-cluster:ReadData', 'topic') === 'allow',
    missing: decisions.filter(([, d]) => d !== 'allow').map(([a]) => a),
    denied: decisions.filter(([, d]) => d === 'deny').map(([a]) => a),
  };
}

/**
 * A statement from a JSON-shaped value (`Effect`, `Action`/`NotAction`, `Resource`/`NotResource`, `Condition`), where
 * `scalar` reads one string-or-expression value as the format writes it (undefined: not readable).
 */
export function statementFromJson<T>(
  get: (key: string) => T | undefined,
  list: (value: T) => T[],
  scalar: (value: T) => PolicyResource | undefined,
  present: (key: string) => boolean,
): PolicyStatement | undefined {
  const effectValue = get('Effect');
  const effect = effectValue === undefined ? undefined : scalar(effectValue);
  const effectText = effect && 'pattern' in effect ? effect.pattern : undefined;
  if (effectText !== 'Allow' && effectText !== 'Deny') return undefined;
  const strings = (key: string): string[] | undefined => {
    const v = get(key);
    if (v === undefined) return undefined;
    return list(v).flatMap((x) => {
      const s = scalar(x);
      return s && 'pattern' in s ? [s.pattern] : [];
    });
  };
  const resources = (key: string): PolicyResource[] | undefined => {
    const v = get(key);
    if (v === undefined) return undefined;
    return list(v).flatMap((x) => {
      const s = scalar(x);
      return s ? [s] : [];
    });
  };
  const actions = strings('Action');
  const notActions = strings('NotAction');
  const res = resources('Resource');
  const notRes = resources('NotResource');
  return {
    effect: effectText,
    ...(actions ? { actions } : {}),
    ...(notActions ? { notActions } : {}),
    ...(res ? { resources: res } : {}),
    ...(notRes ? { notResources: notRes } : {}),
    conditional: present('Condition'),
  };
}
