import type { SourceFile } from './span.js';

/** A half-open range of offsets into one text. */
export interface Range {
  start: number;
  end: number;
}

// scheme://userinfo@ — the userinfo is group 2; it stops at the characters that end a URL's authority
const URL_USERINFO = /\b([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^\s/?#@'"`<>]+)@/g;
// key=value or key="value" inside a longer text (JAAS lines, -D flags, properties): the value of a secret key
const INLINE_ASSIGNMENT = /([A-Za-z0-9_.-]+)\s*=\s*(?:\\"(.*?)\\"|"([^"\n]*)"|'([^'\n]*)'|([^\s"',;)\\]+))/dg;
// a line that sets one key: YAML `key: value` (maybe a list item or quoted key), `KEY=value`, HCL `key = value`
const KEY_LINE = /^(\s*(?:-\s+)?)(["']?)([A-Za-z0-9_.-]+)\2(\s*(?::(?=\s|$)|=)\s*)(.*)$/;
const NAME_LINE = /^\s*(?:-\s+)?["']?(?:name|Name)["']?\s*[:=]\s*["']?([A-Za-z0-9_.-]+)["']?\s*,?\s*$/;
const VALUE_LINE = /^(\s*(?:-\s+)?["']?(?:value|Value)["']?\s*[:=]\s*)(.*)$/;
// an HCL or JSON-ish object on one line: { name = "X", value = "Y" } or {"name": "X", "value": "Y"}
const NAME_VALUE_INLINE = /["']?(?:name|Name)["']?\s*[:=]\s*["']([A-Za-z0-9_.-]+)["']\s*,\s*["']?(?:value|Value)["']?\s*[:=]\s*/g;

const SECRET_WORDS = new Set([
  'password',
  'passwords',
  'passwd',
  'pass',
  'pwd',
  'passphrase',
  'secret',
  'token',
  'credential',
  'credentials',
]);
const SECRET_PAIRS = new Set(['private key', 'api key', 'access key', 'signing key', 'secret string']);
// a command-line flag with its value as the next word: --password x, --sasl-client-secret "x"
const CLI_FLAG = /--([A-Za-z0-9_.-]+)[ \t]+(?:"([^"\n]*)"|'([^'\n]*)'|([^\s"'-][^\s"']*))/dg;
// "key": "value" inside a longer text (JSON in a string), quotes maybe escaped
const INLINE_JSON_PAIR = /(\\?)"([A-Za-z0-9_.-]+)\1"\s*:\s*\1"(.*?)\1"/dg;

/** Tells whether a setting's name says its value is a secret (`KAFKA_SASL_PASSWORD`, `ssl.truststore.password`, `ClientSecret`). */
export function isSecretKey(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_.-]+/)
    .map((w) => w.toLowerCase())
    .filter((w) => w.length > 0);
  // Terraform write-only arguments: password_wo
  if (words[words.length - 1] === 'wo') words.pop();
  const last = words[words.length - 1] ?? '';
  return SECRET_WORDS.has(last) || SECRET_PAIRS.has(`${words[words.length - 2] ?? ''} ${last}`);
}

/** Tells whether a value names where a secret lives rather than being one: a variable, a path, an expression. */
function isReference(value: string): boolean {
  const v = value.trim();
  if (v === '' || v === 'null' || v === '~' || v === 'true' || v === 'false' || /^[|>][-+0-9]*$/.test(v)) return true;
  // <placeholder>, $VAR, ${VAR}, $(VAR), $${VAR} (escaped for Compose), {{resolve:...}}, a path, a YAML tag or alias
  return /^(?:\$|\{|\[|<|\/|!|&|\*|%\{|ENC\[)/.test(v);
}

// HCL: an unquoted value is an expression (a reference, a call); only quoted strings and heredocs hold literals
const HCL_EXPRESSION = /^(?!["'<])[^\s]/;

/** The range of a value inside a line, without quotes and a trailing comma or comment. */
function valueRange(line: string, from: number): Range | undefined {
  const rest = line.slice(from);
  const q = rest[0];
  if (q === '"' || q === "'") {
    const close = rest.indexOf(q, 1);
    const end = close < 0 ? rest.length : close;
    return end > 1 ? { start: from + 1, end: from + end } : undefined;
  }
  const m = /^(.*?)(?:\s+#.*)?\s*,?\s*$/.exec(rest);
  const len = (m?.[1] ?? rest).replace(/\s+$/, '').length;
  return len > 0 ? { start: from, end: from + len } : undefined;
}

function pushValue(out: Range[], line: string, offset: number, from: number, hcl = false): void {
  if (hcl && HCL_EXPRESSION.test(line.slice(from))) return;
  const r = valueRange(line, from);
  if (r && !isReference(line.slice(r.start, r.end))) out.push({ start: offset + r.start, end: offset + r.end });
}

/** Ranges of URL user info (`user:password` in `https://user:password@host`) in a text. */
export function urlUserinfoRanges(text: string): Range[] {
  const out: Range[] = [];
  for (const m of text.matchAll(URL_USERINFO)) {
    const info = m[2] ?? '';
    // ${USER}:${PASSWORD} names variables; there is no value to hide
    if (info.replace(/\$\{[^}]*\}|\$\([^)]*\)|\$[A-Za-z_][A-Za-z0-9_]*|:/g, '') === '') continue;
    const start = (m.index ?? 0) + (m[1] ?? '').length;
    out.push({ start, end: start + info.length });
  }
  return out;
}

// user:password@host:port without a scheme, as one entry of a comma- or space-separated list
const BARE_USERINFO = /(^|[\s,'"[])([^\s,'"/@[\]]+)@(?=[^\s,'"@]*:\d)/g;

// a URL, to look for credentials in its query (?client_secret=..., &api_key=...)
const URL_TEXT = /\b[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s"'`<>]*/g;

/** Ranges of query parameter values named like secrets in the URLs of a text. */
function urlQueryRanges(text: string): Range[] {
  const out: Range[] = [];
  for (const u of text.matchAll(URL_TEXT)) {
    const url = u[0];
    const q = url.indexOf('?');
    if (q < 0) continue;
    for (const m of url.slice(q).matchAll(/[?&]([^=&#]+)=([^&#]*)/g)) {
      const value = m[2] ?? '';
      if (!isSecretKey(decodeURIComponentSafe(m[1] ?? '')) || value === '') continue;
      const start = (u.index ?? 0) + q + (m.index ?? 0) + 1 + (m[1] ?? '').length + 1;
      out.push({ start, end: start + value.length });
    }
  }
  return out;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Ranges of credentials in a value: URL user info and query parameters named like secrets (`?client_secret=...`),
 * and with `bare` also `user:password@host:port` list entries.
 */
export function userinfoRanges(text: string, bare = false): Range[] {
  const out = [...urlUserinfoRanges(text), ...urlQueryRanges(text)];
  if (bare) {
    for (const m of text.matchAll(BARE_USERINFO)) {
      const start = (m.index ?? 0) + (m[1] ?? '').length;
      if (!out.some((r) => r.start <= start && start < r.end)) out.push({ start, end: start + (m[2] ?? '').length });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Ranges of `secretKey=value` assignments inside a text (JAAS `password="..."`, `-Dssl.keystore.password=...`). */
function inlineAssignmentRanges(text: string, hcl = false): Range[] {
  const out: Range[] = [];
  for (const m of text.matchAll(INLINE_ASSIGNMENT)) {
    // PlainLoginModule's user_<name>="<password>" entries define the broker's users
    if (!isSecretKey(m[1] ?? '') && !/^user_./.test(m[1] ?? '')) continue;
    const group = [2, 3, 4, 5].find((g) => m[g] !== undefined) ?? 5;
    if (hcl && group === 5) continue;
    const at = m.indices?.[group];
    if (!at || at[1] <= at[0] || isReference(text.slice(at[0], at[1]))) continue;
    out.push({ start: at[0], end: at[1] });
  }
  for (const m of text.matchAll(CLI_FLAG)) {
    const group = [2, 3, 4].find((g) => m[g] !== undefined) ?? 4;
    const at = m.indices?.[group];
    if (!isSecretKey(m[1] ?? '') || !at || at[1] <= at[0] || isReference(text.slice(at[0], at[1]))) continue;
    out.push({ start: at[0], end: at[1] });
  }
  for (const m of text.matchAll(INLINE_JSON_PAIR)) {
    const at = m.indices?.[3];
    if (!isSecretKey(m[2] ?? '') || !at || at[1] <= at[0] || isReference(text.slice(at[0], at[1]))) continue;
    out.push({ start: at[0], end: at[1] });
  }
  return out;
}

/**
 * Ranges of what looks like a secret value in configuration text: URL user info, values of settings named like
 * secrets (`KAFKA_SASL_PASSWORD: x`, `ssl.truststore.password=x`, `password = "x"`, JAAS `password="x"`, block
 * scalars under such keys), the `value` of an environment entry whose `name` is such a setting, and every value of
 * a Kubernetes Secret's `data` / `stringData`. References (variables, paths, expressions) stay.
 */
export function secretRanges(text: string, path = ''): Range[] {
  const hcl = /\.(tf|tfvars|hcl)$/.test(path);
  const out: Range[] = [...urlUserinfoRanges(text)];
  let offset = 0;
  let pendingName = false;
  // a Kubernetes Secret's data / stringData: every value is a secret, whatever its key
  let secretDoc = false;
  let inSecretData = false;
  // the lines of a block scalar (`password: |`) that holds a secret: deeper than this indentation
  let blockIndent: number | undefined;
  for (const line of text.split('\n')) {
    const body = line.replace(/\r$/, '');
    const indent = /^\s*/.exec(body)?.[0].length ?? 0;
    const blank = body.trim() === '';
    if (blockIndent !== undefined && (blank || indent > blockIndent)) {
      if (!blank) out.push({ start: offset + indent, end: offset + body.length });
      offset += line.length + 1;
      continue;
    }
    blockIndent = undefined;
    if (/^---/.test(body)) secretDoc = inSecretData = false;
    if (/^kind:\s*["']?Secret["']?\s*$/.test(body)) secretDoc = true;
    if (!blank && indent === 0) inSecretData = secretDoc && /^(?:data|stringData):\s*$/.test(body);
    out.push(...inlineAssignmentRanges(body, hcl).map((r) => ({ start: offset + r.start, end: offset + r.end })));
    const key = KEY_LINE.exec(body);
    const rest = key?.[5] ?? '';
    // `password: password` names the key of a Secret that holds it (Strimzi passwordSecret), not a value
    const namesItself = rest.replace(/^["']|["']?\s*,?$/g, '') === key?.[3];
    const secretData = inSecretData && indent > 0;
    if (key && (secretData || (isSecretKey(key[3] ?? '') && !namesItself))) {
      if (/^[|>][-+0-9]*\s*$/.test(rest)) blockIndent = indent;
      else
        pushValue(
          out,
          body,
          offset,
          (key[1] ?? '').length + 2 * (key[2] ?? '').length + (key[3] ?? '').length + (key[4] ?? '').length,
          hcl,
        );
    }
    const value = VALUE_LINE.exec(body);
    if (value && pendingName) pushValue(out, body, offset, (value[1] ?? '').length, hcl);
    for (const m of body.matchAll(NAME_VALUE_INLINE)) {
      if (isSecretKey(m[1] ?? '')) pushValue(out, body, offset, (m.index ?? 0) + m[0].length, hcl);
    }
    const name = NAME_LINE.exec(body);
    // a `- name: X` entry's value follows on one of the next lines, before the next entry
    if (name) pendingName = isSecretKey(name[1] ?? '');
    else if (/^\s*-\s/.test(body)) pendingName = false;
    offset += line.length + 1;
  }
  return out;
}

/** Replaces the characters of the given ranges with `*`, keeping the text's length, lines and columns. */
export function maskRanges(text: string, ranges: readonly Range[]): string {
  if (ranges.length === 0) return text;
  const chars = [...text.split('')];
  for (const r of ranges) {
    for (let i = Math.max(0, r.start); i < Math.min(chars.length, r.end); i++) {
      if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = '*';
    }
  }
  return chars.join('');
}

/** Configuration text with every secret-looking value masked, same length (for code frames and diffs); `path` tells HCL. */
export function redactText(text: string, path = ''): string {
  return maskRanges(text, secretRanges(text, path));
}

const redactedSources = new WeakMap<SourceFile, SourceFile>();

/** A source's text with secret-looking values masked, same length so offsets, lines and columns still hold. */
export function redactedSource(source: SourceFile): SourceFile {
  let r = redactedSources.get(source);
  if (!r) {
    r = { path: source.path, text: redactText(source.text, source.path) };
    redactedSources.set(source, r);
  }
  return r;
}

/** A message with URL user info and inline secret assignments replaced by `***` (`https://***@sr.example.com`). */
export function redactMessage(text: string): string {
  return replaceRanges(text, [...urlUserinfoRanges(text), ...inlineAssignmentRanges(text)]);
}

/** Masks the credentials in one value (`https://key:secret@sr` → `https://***@sr`; with `bare`, `u:p@h:9092` → `***@h:9092`). */
export function maskUserinfo(value: string, bare = false): string {
  return replaceRanges(value, userinfoRanges(value, bare));
}

// each run of overlapping ranges becomes one `***`
function replaceRanges(text: string, ranges: readonly Range[]): string {
  const merged: Range[] = [];
  for (const r of [...ranges].sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  let out = text;
  for (const r of merged.reverse()) out = out.slice(0, r.start) + '***' + out.slice(r.end);
  return out;
}
