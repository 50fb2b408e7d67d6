// The setup page's script, compiled for the browser (src/setup/script.ts) and inlined under the page's CSP nonce. It
// builds the form from the JSON Schema the server sends, so a new spec field shows up without page code; `applies` and
// `choices` say when a field applies.
import type { CheckLine, FieldDiagnostic, Preset, SaveReply, StateReply, ValidateReply, WireItem, WireStep } from '../wire.js';

/** A node of the JSON Schema, as far as the form reads it. */
interface SchemaNode {
  $ref?: string;
  type?: string;
  const?: unknown;
  enum?: string[];
  anyOf?: SchemaNode[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  description?: string;
  definitions?: Record<string, SchemaNode>;
}

type Json = Record<string, unknown>;
type Path = string[];
type ItemStatus = 'confirmed' | 'missing' | 'unchecked' | 'pending';

const token = new URL(location.href).searchParams.get('token') ?? '';
let S: StateReply & { schema: SchemaNode };
let preset: Preset | undefined;
let data: Json = {};
let seq = 0;
let lastDiags: FieldDiagnostic[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;
let items: WireItem[] = [];
// what the last connection test found and confirmed, valid only while the form is what it tested
let checked: { spec: string | null; statuses: Record<string, ItemStatus>; findings: FieldDiagnostic[] } = {
  spec: null,
  statuses: {},
  findings: [],
};
const SECRET_STORE_LABEL: Record<string, string> = {
  env: 'environment variable',
  file: 'file path',
  kubernetes: 'Kubernetes Secret',
  awsSecretsManager: 'AWS Secrets Manager',
  awsSsm: 'AWS SSM parameter',
};

function $<T extends HTMLElement = HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`the page has no #${id}`);
  return e as T;
}

async function api(path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { 'X-Graft-Token': token };
  if (body === undefined) return fetch(path, { method: 'GET', headers });
  headers['Content-Type'] = 'application/json';
  return fetch(path, { method: 'POST', headers, body: JSON.stringify(body) });
}

type Attrs = Record<string, string | boolean | undefined | ((e: Event) => void)>;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs, ...kids: (Node | null | undefined)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === false) continue;
    if (typeof v === 'function') e.addEventListener(k.slice(2), v);
    else if (k === 'text') e.textContent = String(v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const k of kids) if (k) e.append(k);
  return e;
}

const target = <T extends HTMLElement>(e: Event): T => e.target as T;

function resolve(node: SchemaNode | undefined): SchemaNode {
  if (node?.$ref?.startsWith('#/definitions/')) return resolve(S.schema.definitions?.[node.$ref.slice(14)]);
  return node ?? {};
}
const isSecret = (node: SchemaNode | undefined): boolean => node?.$ref === '#/definitions/secret';

function get(path: Path): unknown {
  let cur: unknown = data;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Json)[p];
  }
  return cur;
}
function set(path: Path, value: unknown): void {
  let cur = data;
  for (const p of path.slice(0, -1)) {
    const next = cur[p];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) cur[p] = {};
    cur = cur[p] as Json;
  }
  const last = path[path.length - 1] ?? '';
  if (value === undefined) delete cur[last];
  else cur[last] = value;
}
function applies(path: Path): boolean {
  const dotted = path.join('.');
  for (const rule of S.applies) {
    if (!(dotted === rule.path || dotted.startsWith(rule.path + '.'))) continue;
    for (const c of rule.when) if (!c.in.includes(get(c.path.split('.')) as string)) return false;
  }
  return true;
}
/** The spec the form stands for: fields that do not apply, empty values and empty objects left out. */
function clean(value: unknown, path: Path): unknown {
  if (path.length > 0 && !applies(path)) return undefined;
  if (Array.isArray(value)) {
    const a = value.filter((x) => x !== '');
    return a.length ? a : undefined;
  }
  if (value && typeof value === 'object') {
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) {
      const c = clean(v, path.concat(k));
      if (c !== undefined) out[k] = c;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return value === '' ? undefined : value;
}
const spec = (): Json => (clean(data, []) as Json | undefined) ?? {};
const idOf = (path: Path): string => 'f-' + path.join('-');
const randomId = (prefix: string): string => prefix + Math.random().toString(36).slice(2);

function describe(node: SchemaNode): HTMLElement | null {
  return node.description ? el('p', { class: 'desc', id: randomId('d-'), text: node.description }) : null;
}

function row(path: Path, label: string, input: HTMLInputElement | HTMLSelectElement, node?: SchemaNode): HTMLElement {
  const desc = node ? describe(node) : null;
  input.id = idOf(path);
  input.dataset['path'] = path.join('.');
  if (desc) input.setAttribute('aria-describedby', desc.id);
  return el('div', { class: 'row', 'data-field': path.join('.') }, el('label', { for: input.id, text: label }), el('div', {}, input, desc));
}
function textInput(value: unknown, onValue: (v: string) => void, placeholder?: string): HTMLInputElement {
  return el('input', {
    type: 'text',
    value: value === undefined || value === null ? '' : String(value as string),
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder,
    oninput: (e) => {
      onValue(target<HTMLInputElement>(e).value);
      schedule();
    },
  });
}
function field(node: SchemaNode, path: Path, required: boolean): HTMLElement | null {
  // a field that applies only under a condition is needed whenever it shows
  if (S.applies.some((r) => r.path === path.join('.'))) required = true;
  const label = path.join('.') + (required ? '' : ' (optional)');
  if (!applies(path)) return null;
  if (node.const !== undefined) {
    set(path, node.const);
    return null;
  }
  if (isSecret(node)) return secretField(path, label, required);
  const n = resolve(node);
  if (n.anyOf) {
    const kinds = n.anyOf.map(resolve);
    if (n.anyOf.some(isSecret)) return stringOrSecret(path, label, required);
    if (kinds.some((k) => k.type === 'array')) {
      const v = get(path);
      const example = path.join('.') === 'bootstrapServers' && preset ? preset.bootstrapExample : 'host:port, host:port';
      return row(
        path,
        label,
        textInput(Array.isArray(v) ? v.join(',') : v, (x) => set(path, x), example),
        node,
      );
    }
  }
  if (n.enum) {
    const sel = el(
      'select',
      {
        onchange: (e) => {
          set(path, target<HTMLSelectElement>(e).value || undefined);
          render();
        },
      },
      el('option', { value: '', text: '— choose —' }),
    );
    for (const v of n.enum) sel.append(el('option', { value: v, text: v, selected: get(path) === v }));
    return row(path, label, sel, n);
  }
  if (n.type === 'boolean') {
    const box = el('input', {
      type: 'checkbox',
      checked: get(path) === true,
      onchange: (e) => {
        set(path, target<HTMLInputElement>(e).checked || undefined);
        render();
      },
    });
    return row(path, label, box, n);
  }
  if (n.type === 'array') {
    const v = get(path);
    const split = (x: string): string[] =>
      x
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    return row(
      path,
      label + ' (comma-separated)',
      textInput(Array.isArray(v) ? v.join(',') : '', (x) => set(path, split(x)), ''),
      n,
    );
  }
  if (n.type === 'object' && n.properties) return objectField(path, label, n, required);
  return row(
    path,
    label,
    textInput(get(path), (x) => set(path, x)),
    n,
  );
}
function objectField(path: Path, label: string, n: SchemaNode, required: boolean): HTMLElement {
  const dotted = path.join('.');
  const gated = S.applies.some((r) => r.path === dotted);
  const fs = el('fieldset', { 'data-field': dotted }, el('legend', { text: label.replace(' (optional)', '') }), describe(n));
  if (!required && !gated) {
    const on = get(path) !== undefined;
    const box = el('input', {
      type: 'checkbox',
      id: idOf(path) + '-use',
      checked: on,
      onchange: (e) => {
        set(path, target<HTMLInputElement>(e).checked ? {} : undefined);
        render();
      },
    });
    fs.append(el('div', { class: 'row' }, el('label', { for: box.id, text: 'set ' + dotted }), box));
    if (!on) return fs;
  }
  const choice = S.choices[dotted];
  let props = Object.entries(n.properties ?? {});
  if (choice) {
    const current = choice.find((k) => get(path.concat(k)) !== undefined) ?? choice[0];
    const group = el('div', { role: 'radiogroup', 'aria-label': dotted, class: 'row' }, el('span', { text: 'one of' }));
    const radios = el('div', {});
    for (const k of choice) {
      const r = el('input', {
        type: 'radio',
        name: idOf(path) + '-choice',
        id: idOf(path.concat(k)) + '-choice',
        value: k,
        checked: k === current,
        onchange: () => {
          for (const o of choice) if (o !== k) set(path.concat(o), undefined);
          render();
        },
      });
      radios.append(r, el('label', { for: r.id, text: ' ' + k + ' ' }));
    }
    group.append(radios);
    fs.append(group);
    props = props.filter(([k]) => !choice.includes(k) || k === current);
  }
  for (const [k, child] of props) {
    const f = field(child, path.concat(k), (n.required ?? []).includes(k));
    if (f) fs.append(f);
  }
  return fs;
}
function stringOrSecret(path: Path, label: string, required: boolean): HTMLElement {
  const v = get(path);
  const asSecret = !!v && typeof v === 'object';
  const dotted = path.join('.');
  const fs = el('fieldset', { 'data-field': dotted }, el('legend', { text: label }));
  const sel = el(
    'select',
    {
      id: idOf(path) + '-kind',
      onchange: (e) => {
        set(path, target<HTMLSelectElement>(e).value === 'secret' ? { secretRef: {} } : undefined);
        render();
      },
    },
    el('option', { value: 'text', text: 'a value', selected: !asSecret }),
    el('option', { value: 'secret', text: 'a secret reference', selected: asSecret }),
  );
  fs.append(el('div', { class: 'row' }, el('label', { for: sel.id, text: dotted + ' is' }), sel));
  if (asSecret) fs.append(secretField(path, dotted + ' secret', required, true));
  else
    fs.append(
      row(
        path,
        dotted,
        textInput(v, (x) => set(path, x)),
      ),
    );
  return fs;
}
function secretField(path: Path, label: string, required: boolean, inner = false): HTMLElement {
  const dotted = path.join('.');
  const refSchema = resolve(S.schema.definitions?.['secretRef']);
  const ref = ((get(path) as Json | undefined)?.['secretRef'] ?? {}) as Json;
  const store = Object.keys(ref)[0] ?? '';
  const fs = el(
    'fieldset',
    { 'data-field': dotted, class: inner ? 'inner' : '' },
    el('legend', { text: label + ' — a reference, never the value' }),
  );
  const sel = el(
    'select',
    {
      id: idOf(path) + '-store',
      onchange: (e) => {
        const v = target<HTMLSelectElement>(e).value;
        set(path, v ? { secretRef: { [v]: '' } } : undefined);
        render();
      },
    },
    el('option', { value: '', text: required ? '— choose a store —' : '— none —' }),
  );
  for (const k of Object.keys(refSchema.properties ?? {}))
    sel.append(el('option', { value: k, text: SECRET_STORE_LABEL[k] ?? k, selected: k === store }));
  fs.append(el('div', { class: 'row' }, el('label', { for: sel.id, text: dotted + ' store' }), sel));
  if (store) {
    const ss = resolve(refSchema.properties?.[store]);
    if (ss.type === 'object') {
      for (const [k, child] of Object.entries(ss.properties ?? {})) {
        const p = path.concat('secretRef', store, k);
        const req = (ss.required ?? []).includes(k);
        fs.append(
          row(
            p,
            dotted + ' ' + k + (req ? '' : ' (optional)'),
            textInput(get(p), (x) => set(p, x)),
            resolve(child),
          ),
        );
      }
    } else {
      const p = path.concat('secretRef', store);
      const v = get(p);
      fs.append(
        row(
          p,
          dotted + ' ' + store,
          textInput(typeof v === 'string' ? v : '', (x) => set(p, x)),
          ss,
        ),
      );
    }
  }
  return fs;
}

function render(): void {
  const focused = document.activeElement?.id;
  const form = $('form');
  form.replaceChildren();
  const root = S.schema;
  for (const [k, node] of Object.entries(root.properties ?? {})) {
    const f = field(node, [k], (root.required ?? []).includes(k));
    if (f) form.append(f);
  }
  if (focused) document.getElementById(focused)?.focus();
  showDiagnostics(lastDiags);
  schedule(0);
}
function schedule(ms = 150): void {
  clearTimeout(timer);
  timer = setTimeout(() => void validate(), ms);
}

function diagBox(d: FieldDiagnostic, fromCheck = false): HTMLElement {
  const box = el('div', { class: 'diag ' + d.severity + (fromCheck ? ' check' : ''), id: randomId('e-') });
  const where = d.line ? ` (line ${d.line}:${d.col ?? 1})` : '';
  box.append(
    el(
      'p',
      { class: 'msg' },
      fromCheck ? el('span', { class: 'source', text: 'connection test: ' }) : null,
      el('code', { text: d.code }),
      document.createTextNode(': ' + d.message + where),
    ),
  );
  if (d.help) box.append(el('p', { class: 'help', text: 'help: ' + d.help }));
  return box;
}
/** The form element that shows a field's findings: the field, or the nearest enclosing one the form has. */
function fieldElement(path: string): HTMLElement | null {
  const parts = path ? path.split('.') : [];
  while (parts.length) {
    const found = document.querySelector<HTMLElement>(`#form [data-field="${parts.join('.')}"]`);
    if (found) return found;
    parts.pop();
  }
  return null;
}
function place(d: FieldDiagnostic, fromCheck: boolean): boolean {
  const at = fieldElement(d.path);
  if (!at) return false;
  const box = diagBox(d, fromCheck);
  at.append(box);
  const input = at.querySelector('input, select');
  if (input && d.severity === 'error') {
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-errormessage', box.id);
  }
  return true;
}
function showDiagnostics(diags: FieldDiagnostic[]): void {
  lastDiags = diags;
  for (const e of document.querySelectorAll('#form .diag')) e.remove();
  for (const e of document.querySelectorAll('#form [aria-invalid]')) {
    e.removeAttribute('aria-invalid');
    e.removeAttribute('aria-errormessage');
  }
  const loose = diags.filter((d) => !place(d, false));
  // the connection test's findings stay at their fields while the form is what it tested
  if (checked.spec === JSON.stringify(spec())) for (const d of checked.findings) place(d, true);
  const errors = diags.filter((d) => d.severity === 'error').length;
  const sum = $('summary');
  sum.replaceChildren();
  if (diags.length)
    sum.append(
      el('p', { text: errors ? `${errors} problem${errors === 1 ? '' : 's'} (as graft validate reports them)` : 'valid, with warnings' }),
    );
  for (const d of loose) sum.append(diagBox(d));
}
async function validate(): Promise<void> {
  const n = ++seq;
  const res = await api('/api/validate', { spec: spec(), tool: $<HTMLSelectElement>('tool').value });
  if (n !== seq) return;
  const r = (await res.json()) as ValidateReply;
  showDiagnostics(r.diagnostics);
  $('yaml').textContent = r.yaml === undefined ? '(hidden: the form holds a secret value)' : r.yaml;
  showTool(r.tool);
  showItems(r.requirements, checked.spec === JSON.stringify(spec()) ? checked.statuses : {});
}
function showTool(id: string): void {
  const tool = S.tools.find((t) => t.id === id);
  $('tool-note').textContent = tool ? tool.note : '';
}
function showItems(list: WireItem[], statuses: Record<string, ItemStatus>): void {
  items = list;
  const ul = $('req');
  ul.replaceChildren();
  for (const it of list) {
    const st: ItemStatus = statuses[it.id] ?? 'pending';
    const mark = { confirmed: '✓', missing: '✗', unchecked: '-', pending: '☐' }[st];
    const word = { confirmed: 'confirmed', missing: 'not there yet', unchecked: 'not checked', pending: 'to do' }[st];
    ul.append(
      el(
        'li',
        { class: st + (statuses[it.id] ? ' done' : ''), 'data-item': it.id },
        el('span', { class: 'mark', 'aria-hidden': 'true', text: mark }),
        el('span', { text: it.title + ' — ' + word }),
        el('p', { class: 'verifies', text: 'graft check verifies: ' + it.verifies }),
        it.commands.length ? el('pre', {}, el('code', { text: it.commands.join('\n') })) : null,
      ),
    );
  }
}
const MARK: Record<WireStep['status'], string> = { pass: '✓', fail: '✗', warn: '!', skip: '-' };
async function check(): Promise<void> {
  const btn = $<HTMLButtonElement>('check');
  btn.disabled = true;
  $('steps').replaceChildren();
  $('check-status').textContent = 'Testing…';
  try {
    checked = { spec: JSON.stringify(spec()), statuses: {}, findings: [] };
    showDiagnostics(lastDiags);
    const res = await api('/api/check', { spec: spec(), tool: $<HTMLSelectElement>('tool').value });
    if (!res.body) throw new Error('no response body');
    const reader = res.body.getReader();
    const dec = new TextDecoder();
    let buf = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += dec.decode(value, { stream: true });
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        if (line) onEvent(JSON.parse(line) as CheckLine);
      }
    }
  } catch (e) {
    $('check-status').textContent = 'The test could not run: ' + (e as Error).message;
  }
  btn.disabled = false;
}
function onEvent(e: CheckLine): void {
  if (e.type === 'start') {
    $('check-status').textContent = `Testing: ${e.probe} ${e.target}…`;
    return;
  }
  if (e.type === 'end') {
    const s = e.step;
    const li = el(
      'li',
      { class: s.status, 'data-probe': s.probe },
      el('span', { class: 'mark', 'aria-hidden': 'true', text: MARK[s.status] }),
      el('span', { class: 'sr', text: s.status + ' ' }),
      document.createTextNode(`${s.probe} ${s.target} — ${s.detail}`),
    );
    for (const d of s.diagnostics) li.append(diagBox(d));
    $('steps').append(li);
    const placed = s.diagnostics.filter((d) => d.path);
    if (placed.length) {
      checked.findings.push(...placed);
      showDiagnostics(lastDiags);
    }
    return;
  }
  const c = e.counts;
  $('check-status').textContent =
    `${e.ok ? 'PASS' : 'FAIL'}: ${c.pass} passed, ${c.fail} failed, ${c.warn} warned, ${c.skip} skipped in ${e.wallMs} ms`;
  if (e.diagnostics.length) showDiagnostics(e.diagnostics);
  checked.statuses = e.items;
  showItems(items, e.items);
}
async function save(): Promise<void> {
  const out = $('save-result');
  out.replaceChildren(el('p', { text: 'Saving…' }));
  const r = (await (await api('/api/save', { spec: spec(), path: $<HTMLInputElement>('save-path').value })).json()) as SaveReply;
  out.replaceChildren();
  if (!r.ok) {
    out.append(el('p', { text: 'Not saved:' }));
    for (const d of r.diagnostics) out.append(diagBox(d));
    showDiagnostics(r.diagnostics.filter((d) => d.path));
    return;
  }
  out.append(
    el('p', { text: `Saved ${r.path}. The same from the command line:` }),
    el('pre', {}, el('code', { text: r.commands.join('\n') })),
  );
}
async function start(): Promise<void> {
  S = (await (await api('/api/state')).json()) as StateReply & { schema: SchemaNode };
  data = S.data;
  for (const p of S.presets) $('preset').append(el('option', { value: p.id, text: p.title }));
  const tool = $<HTMLSelectElement>('tool');
  tool.append(el('option', { value: '', text: 'the usual tool for this cluster' }));
  for (const t of S.tools) tool.append(el('option', { value: t.id, text: t.title }));
  tool.addEventListener('change', () => schedule(0));
  $('preset').addEventListener('change', (e) => {
    preset = S.presets.find((x) => x.id === target<HTMLSelectElement>(e).value);
    $('preset-note').textContent = preset ? preset.note : '';
    if (preset) {
      // what is not about the kind of cluster stays: the servers, naming, the schema registry
      const keep: Json = {};
      for (const k of ['bootstrapServers', 'schemaRegistry', 'topics', 'groups']) if (data[k] !== undefined) keep[k] = data[k];
      data = Object.assign(JSON.parse(JSON.stringify(preset.spec)) as Json, keep);
      tool.value = preset.tool;
    }
    render();
  });
  $('form').addEventListener('submit', (e) => e.preventDefault());
  $<HTMLInputElement>('save-path').value = S.specPath;
  if (S.requirementsPath) {
    $('req-section').hidden = false;
    $('req-path').textContent = S.requirementsPath;
  }
  $('check').addEventListener('click', () => void check());
  $('save').addEventListener('click', () => void save());
  render();
}
void start();
