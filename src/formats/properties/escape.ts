// Escaping as java.util.Properties reads it (Properties.load and its LineReader).

const NAMED: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r', '\f': '\\f', '\\': '\\\\' };

function escapeChar(ch: string): string | undefined {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  // Kafka loads properties as ISO-8859-1 bytes, so anything outside printable ASCII goes as \uXXXX.
  if (code < 0x20 || code > 0x7e) return `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return undefined;
}

/** Escapes a property key: separators, comment marks and spaces would otherwise end or hide it. */
export function escapePropertyKey(key: string): string {
  let out = '';
  for (const ch of key) {
    if (ch === ' ' || ch === '=' || ch === ':' || ch === '#' || ch === '!') out += `\\${ch}`;
    else out += escapeChar(ch) ?? ch;
  }
  return out;
}

/** Escapes a property value, leaving `=`, `:` and inner spaces readable (the reader keeps them). */
export function escapePropertyValue(value: string): string {
  let out = '';
  let first = true;
  for (const ch of value) {
    // Leading whitespace would be skipped as part of the separator.
    if (first && (ch === ' ' || ch === '\t' || ch === '\f')) out += ch === ' ' ? '\\ ' : escapeChar(ch);
    else out += escapeChar(ch) ?? ch;
    first = false;
  }
  return out;
}

/** Reverses Properties escapes: `\t \n \r \f`, `\uXXXX`, and a backslash before any other character. */
export function unescapeProperty(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw.charAt(i);
    if (ch !== '\\' || i === raw.length - 1) {
      if (ch !== '\\') out += ch;
      continue;
    }
    const next = raw.charAt(++i);
    if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(raw.slice(i + 1, i + 5))) {
      out += String.fromCharCode(parseInt(raw.slice(i + 1, i + 5), 16));
      i += 4;
    } else {
      out += { t: '\t', n: '\n', r: '\r', f: '\f' }[next] ?? next;
    }
  }
  return out;
}

/** Writes settings as a new properties file, one `key=value` line each, in the given order. */
export function formatProperties(settings: Record<string, string>, eol = '\n'): string {
  return Object.entries(settings)
    .map(([k, v]) => `${escapePropertyKey(k)}=${escapePropertyValue(v)}${eol}`)
    .join('');
}
