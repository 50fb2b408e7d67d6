import type { HandoffModel } from './types.js';
import { collectSecrets } from '../spec/rules.js';
import type { SecretValue } from '../spec/types.js';
import { creationCommands, updateCommands, type HandoffContext } from '../secrets/index.js';
import { secretName } from '../secrets/names.js';

/** Every secret reference of the spec, in spec order. */
export function specSecrets(model: HandoffModel): SecretValue[] {
  return collectSecrets(model.spec);
}

const isPem = (v: SecretValue): boolean => /^(tls|schemaRegistry)\.(ca|clientCert|clientKey)$/.test(v.path);

/** The appliance's own credentials, which the rotation below replaces: not the CA nor the schema registry's. */
const rotated = (v: SecretValue): boolean => /^(sasl\.|tls\.client)/.test(v.path);

const context = (namespaces: string[]): HandoffContext => ({
  namespaces,
  isPem,
  file: (v) => `${secretName(v)}${isPem(v) ? '.pem' : ''}`,
});

/** The commands that create each secret in the customer's store, each value read from its file (`secretFiles`). */
export function secretCommands(model: HandoffModel, namespaces: string[]): string[] {
  return creationCommands(specSecrets(model), context(namespaces));
}

/** The files the customer writes the values into, in spec order: all of them, and those of typed (not PEM) values. */
export function secretFiles(secrets: readonly SecretValue[]): { files: string[]; typed: string[] } {
  const ctx = context([]);
  return {
    files: [...new Set(secrets.map((s) => ctx.file(s)))],
    typed: [...new Set(secrets.filter((s) => !isPem(s)).map((s) => ctx.file(s)))],
  };
}

/**
 * The shell line that drops the final newline an editor leaves at the end of each typed value's file (the clients
 * would read it as part of the value); a PEM file keeps its bytes.
 */
export function dropFinalNewlines(typed: readonly string[]): string[] {
  return typed.length > 0 ? [`for f in ${typed.join(' ')}; do v="$(cat "$f")" && printf '%s' "$v" > "$f"; done`] : [];
}

/** The newline loop over the typed values' files that the Kubernetes Secrets' commands read (`dropFinalNewlines`). */
export function kubernetesTrim(model: HandoffModel): string[] {
  return dropFinalNewlines(secretFiles(specSecrets(model).filter((s) => 'kubernetes' in s.secretRef)).typed);
}

/**
 * The handoff's secret creation block: what to write into which file, then the shell lines (the newline loop, each
 * store's commands reading the files); none when the spec references no secret.
 */
export function secretCreation(model: HandoffModel, namespaces: string[]): { lead: string; lines: string[] } | undefined {
  const commands = secretCommands(model, namespaces);
  if (commands.length === 0) return undefined;
  const { files, typed } = secretFiles(specSecrets(model));
  return {
    lead:
      `Create these in your store. Write each value into a file of its own in the current directory (${files.map((f) => `\`${f}\``).join(', ')}) ` +
      'from your password manager or an editor, never on a command line (graft never sees a value), then run these. ' +
      (typed.length > 0 ? 'The loop drops the trailing newline an editor adds to a typed value (a PEM file keeps its bytes); ' : '') +
      'each command reads the value from its file, so every character arrives as it is (a `\'`, `"`, `\\` or `$` too) and none lands in ' +
      'your shell history.',
    lines: [...dropFinalNewlines(typed), ...commands],
  };
}

/**
 * At rotation, the steps that put the new values into the stores whose objects are updated in place (AWS): each value in
 * a file named as at creation, a trailing newline dropped from every typed value (a PEM file keeps its bytes), then
 * each store's update commands, which read the files.
 */
export function secretStoreUpdates(model: HandoffModel): string[] {
  const ctx = context([]);
  const { reads, commands } = updateCommands(specSecrets(model), rotated, ctx);
  if (commands.length === 0) return [];
  const { files, typed } = secretFiles(reads);
  return [
    `Step 2 in your AWS account: write each new value into a file of its own in the current directory (${files.map((f) => `\`${f}\``).join(', ')}) ` +
      'from your password manager or an editor, never on a command line, then run these. The loop drops the trailing newline ' +
      'an editor adds to a typed value (a PEM file keeps its bytes); `jq` puts every key of a JSON secret into one document, as ' +
      '`put-secret-value` replaces the whole secret (a key graft does not read must be added to it too); the AWS CLI reads each ' +
      'value from its file (`file://`), so none lands in your shell history.',
    '',
    '```sh',
    ...dropFinalNewlines(typed),
    ...commands,
    '```',
    '',
  ];
}

/** Whether the handoff updates the stored secrets with commands of their own (a Kubernetes Secret, AWS), after the procedure. */
function updatedInPlace(model: HandoffModel): boolean {
  return (
    secretCommands(model, []).some((c) => c.startsWith('kubectl create secret ')) ||
    updateCommands(specSecrets(model), rotated, context([])).commands.length > 0
  );
}

/** How the customer rotates the appliance's credentials, for the spec's mechanism. */
export function rotationProcedure(model: HandoffModel): string[] {
  const s = model.spec;
  const m = s.sasl?.mechanism;
  const restart = 'restart the workloads that read them (below: they read credentials at start-up)';
  const put = updatedInPlace(model) ? 'the update commands below' : 'the commands above';
  if (m === 'PLAIN' || m === 'SCRAM-SHA-256' || m === 'SCRAM-SHA-512')
    return [
      `**${m}** — rotation needs a restart:`,
      '1. Create a second user with the same grants (run `acls.sh` with `PRINCIPAL=User:<new user>`)' +
        (m === 'PLAIN'
          ? '.'
          : ` and its credential: \`kafka-configs.sh --bootstrap-server "$BOOTSTRAP" --alter --add-config '${m}=[password=<new password>]' --entity-type users --entity-name <new user>\`.`),
      `2. Put the new username and password into your secret store (${put}), then ${restart}.`,
      '3. Run `graft check` with the new credentials, then delete the old user and its ACLs.',
    ];
  if (m === 'OAUTHBEARER')
    return [
      '**OAUTHBEARER** — managed by your identity provider: access tokens are short-lived and the clients refresh them',
      'on their own. To rotate the client secret, add a second secret at the IdP, update your secret store, ' + restart + ',',
      'then revoke the old secret. ACLs follow the token subject, which does not change.',
    ];
  if (m === 'AWS_MSK_IAM')
    return [
      '**AWS_MSK_IAM** — automatic: the clients sign short-lived tokens with credentials of the IAM role, which AWS',
      "rotates. Nothing to rotate; to change permissions, edit the role's policy.",
    ];
  if (s.tls?.clientCert)
    return [
      '**mTLS** — rotation needs a restart:',
      '1. Issue a new client certificate from the CA the brokers trust before the old one expires (graft check warns 30 days ahead). ' +
        'With the same subject the principal and its ACLs stay, but the old certificate is accepted until it expires (the brokers ' +
        'check no revocation list by default); to retire it at once, give the new certificate its own subject and grant that ' +
        'principal the same ACLs (run `acls.sh` with `PRINCIPAL=User:<new principal>`, as `ssl.principal.mapping.rules` map the subject).',
      `2. Put the new certificate and key into your secret store (${put}), then ${restart}.`,
      "3. Run `graft check` with the new certificate; with a new subject, then remove the old principal's ACLs (`acls.sh` with " +
        '`PRINCIPAL=User:<old principal>` and `--add` replaced by `--remove --force`): the old certificate is refused from then on.',
    ];
  return ['No credentials: nothing to rotate.'];
}
