import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../core/edit.js';
import type { SourceFile } from '../../core/span.js';
import { editProperties } from './edit.js';
import { escapePropertyValue, formatProperties, unescapeProperty } from './escape.js';
import { parseProperties } from './parse.js';

const file = (text: string): SourceFile => ({ path: 'app.properties', text });
const edit = (text: string, set: Record<string, string>): string => {
  const source = file(text);
  return applyEdits(source, editProperties(source, set));
};
const values = (text: string): Record<string, string> => Object.fromEntries([...parseProperties(file(text))].map(([k, e]) => [k, e.value]));

describe('parseProperties', () => {
  it('reads separators, comments, blank lines and escapes as java.util.Properties does', () => {
    const text = [
      '# comment = not a key',
      '! also a comment',
      '',
      'a=1',
      'b = 2',
      'c: 3',
      'd 4',
      '   e\t=\t5',
      'f',
      'g=',
      'h\\ key=x\\ty\\u0041\\\\',
      'i=\\ leading',
    ].join('\n');
    expect(values(text)).toEqual({
      a: '1',
      b: '2',
      c: '3',
      d: '4',
      e: '5',
      f: '',
      g: '',
      'h key': 'x\tyA\\',
      i: ' leading',
    });
  });

  it('joins continuation lines and skips the next line’s leading whitespace', () => {
    const text = 'sasl.jaas.config=org.Module required \\\n    username="u" \\\n    password="p";\nnext=1\n';
    expect(values(text)).toEqual({ 'sasl.jaas.config': 'org.Module required username="u" password="p";', next: '1' });
  });

  it('does not continue a comment line, and an even number of backslashes ends the line', () => {
    expect(values('# ends with \\\na=1\\\\\nb=2')).toEqual({ a: '1\\', b: '2' });
  });

  it('keeps the last of a repeated key and spans its raw value', () => {
    const text = 'a=1\na = two\n';
    const entry = parseProperties(file(text)).get('a');
    expect(entry?.value).toBe('two');
    expect(text.slice(entry?.span.start, entry?.span.end)).toBe('two');
    expect(entry?.separator).toBe(' = ');
  });

  it('reads CRLF and CR line endings', () => {
    expect(values('a=1\r\nb=2\rc=3\r\n')).toEqual({ a: '1', b: '2', c: '3' });
  });
});

describe('editProperties', () => {
  it('makes no edits when every key already has its value (round trip)', () => {
    const text = '# keep me\r\na = 1\r\nb: two\r\n';
    expect(editProperties(file(text), { a: '1', b: 'two' })).toEqual([]);
    expect(edit(text, {})).toBe(text);
  });

  it('replaces values in place, keeping comments, order and each line’s separator', () => {
    const text = '# broker\nbootstrap.servers = kafka:9092\n! auth\nsecurity.protocol: PLAINTEXT\nclient.id app\n';
    expect(edit(text, { 'security.protocol': 'SASL_SSL', 'bootstrap.servers': 'b1:9094,b2:9094', 'client.id': 'app' })).toBe(
      '# broker\nbootstrap.servers = b1:9094,b2:9094\n! auth\nsecurity.protocol: SASL_SSL\nclient.id app\n',
    );
  });

  it('does what the README shows', () => {
    const text = '# broker\nbootstrap.servers = kafka:9092\nsecurity.protocol: PLAINTEXT\n';
    expect(edit(text, { 'bootstrap.servers': 'b1:9094', 'security.protocol': 'SASL_SSL', 'sasl.mechanism': 'SCRAM-SHA-512' })).toBe(
      '# broker\nbootstrap.servers = b1:9094\nsecurity.protocol: SASL_SSL\nsasl.mechanism = SCRAM-SHA-512\n',
    );
  });

  it('keeps CRLF line endings and appends new keys in the file’s style', () => {
    const text = 'a = 1\r\n# end\r\n';
    expect(edit(text, { a: '2', 'sasl.mechanism': 'SCRAM-SHA-512' })).toBe('a = 2\r\n# end\r\nsasl.mechanism = SCRAM-SHA-512\r\n');
  });

  it('adds a line break before appending to a file without a final newline', () => {
    expect(edit('a=1', { b: '2' })).toBe('a=1\nb=2\n');
    expect(edit('', { b: '2' })).toBe('b=2\n');
  });

  it('replaces a value that spans continuation lines', () => {
    const text = 'sasl.jaas.config=old \\\n   value;\nafter=1\n';
    expect(edit(text, { 'sasl.jaas.config': 'new;' })).toBe('sasl.jaas.config=new;\nafter=1\n');
  });

  it('adds a separator to a key written without one', () => {
    expect(edit('flag\nx=1\n', { flag: 'on' })).toBe('flag=on\nx=1\n');
  });

  it('escapes what the reader would alter, and the result reads back to the same values', () => {
    const set = { 'ssl.truststore.location': 'C:\\certs\\ca.pem', note: ' leading space', 'key with space': 'line\nbreak', u: 'é' };
    const out = edit('x=1\n', set);
    expect(out).toBe(
      'x=1\nssl.truststore.location=C:\\\\certs\\\\ca.pem\nnote=\\ leading space\nkey\\ with\\ space=line\\nbreak\nu=\\u00E9\n',
    );
    expect(values(out)).toEqual({ x: '1', ...set });
    expect(edit(out, set)).toBe(out);
  });

  it('writes a config provider reference unescaped', () => {
    expect(edit('', { 'sasl.jaas.config': 'M required password="${secrets:/run/secrets:kafka_sasl_password}";' })).toBe(
      'sasl.jaas.config=M required password="${secrets:/run/secrets:kafka_sasl_password}";\n',
    );
  });
});

describe('escaping', () => {
  it('round-trips through escape and unescape', () => {
    for (const v of ['plain', ' a', 'a\\b', 'tab\there', 'x=y:z', '€']) expect(unescapeProperty(escapePropertyValue(v))).toBe(v);
  });

  it('formats a new file', () => {
    expect(formatProperties({ a: '1', 'b c': 'd' })).toBe('a=1\nb\\ c=d\n');
  });
});

describe('editProperties removals', () => {
  const remove = (text: string, keys: string[], set: Record<string, string> = {}): string => {
    const source = file(text);
    return applyEdits(source, editProperties(source, set, keys));
  };

  it('deletes every line of a removed key, continuations, line break and its own comment included', () => {
    const text =
      '# client\nbootstrap.servers=b:9092\n\n# dev login\nsasl.jaas.config=a \\\n  b;\nssl.truststore.password=x\nacks=all\nssl.truststore.password=y\n';
    expect(remove(text, ['sasl.jaas.config', 'ssl.truststore.password'])).toBe('# client\nbootstrap.servers=b:9092\n\nacks=all\n');
  });

  it('keeps a comment that belongs to a kept setting', () => {
    expect(remove('# TLS\nssl.truststore.location=a\nssl.truststore.password=x\n', ['ssl.truststore.password'])).toBe(
      '# TLS\nssl.truststore.location=a\n',
    );
    expect(remove('\uFEFF# old\r\nssl.key.password=x\r\nacks=all\r\n', ['ssl.key.password'])).toBe('\uFEFFacks=all\r\n');
  });

  it('keeps CRLF, a BOM and a last line without a line break intact', () => {
    expect(remove('\uFEFFssl.key.password=x\r\nacks=all\r\n', ['ssl.key.password'])).toBe('\uFEFFacks=all\r\n');
    expect(remove('acks=all\nssl.key.password=x', ['ssl.key.password'])).toBe('acks=all');
    expect(remove('acks=all\nssl.key.password=x', ['ssl.key.password'], { 'security.protocol': 'SSL' })).toBe(
      'acks=all\nsecurity.protocol=SSL\n',
    );
  });
});
