/**
 * The setup page: one HTML document with its style and script inline (bundled into graft; nothing loads from anywhere
 * else). The script builds the form from the JSON Schema the server sends, so a new spec field shows up without page
 * code; `applies` and `choices` say when a field applies.
 */
export function pageHtml(nonce: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>graft setup — your Kafka</title>
<link rel="icon" href="data:,">
<style nonce="${nonce}">${CSS}</style>
</head>
<body>
<header><h1>Connect your Kafka</h1>
<p>Describe the Kafka cluster this deployment will use, test the connection, and save the spec. Secrets are never entered here: each one is a reference to where it lives in your store, and graft reads it on this machine only to test.</p></header>
<main>
<section aria-labelledby="h-preset"><h2 id="h-preset">1. Start from</h2>
<div class="row"><label for="preset">Kind of cluster</label><select id="preset"><option value="">— choose a preset (optional) —</option></select></div>
<p id="preset-note" class="note"></p></section>
<section aria-labelledby="h-form"><h2 id="h-form">2. Your cluster</h2>
<div id="summary" role="status" aria-live="polite"></div>
<form id="form" novalidate></form>
<details><summary>The spec file as it stands</summary><pre id="yaml"></pre></details></section>
<section aria-labelledby="h-check"><h2 id="h-check">3. Test the connection</h2>
<p class="note">Runs <code>graft check</code> on this machine with the form as it stands; secrets are read here the way <code>graft check</code> reads them.</p>
<button type="button" id="check">Test connection</button>
<p id="check-status" role="status" aria-live="polite"></p>
<ol id="steps" class="steps" aria-label="Check results"></ol></section>
<section id="req-section" aria-labelledby="h-req" hidden><h2 id="h-req">What to create and grant</h2>
<p class="note">From <code id="req-path"></code>. Each item is ticked when the connection test confirms it.</p>
<ul id="req" class="req"></ul></section>
<section aria-labelledby="h-save"><h2 id="h-save">4. Save</h2>
<div class="row"><label for="save-path">File</label><input id="save-path" type="text" autocomplete="off" spellcheck="false"></div>
<button type="button" id="save">Save</button>
<div id="save-result" role="status" aria-live="polite"></div></section>
</main>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>
`;
}

const CSS = `
:root { color-scheme: light; --fg: #1a1a1a; --muted: #4a4a4a; --bad: #a50016; --good: #0b6b2b; --warn: #7a4b00; --line: #8a8a8a; --focus: #0047b3; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--fg); background: #fff; margin: 0; }
header, main { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 1rem 0 0.25rem; } h2 { font-size: 1.2rem; margin: 1.5rem 0 0.5rem; border-bottom: 1px solid var(--line); }
fieldset { border: 1px solid var(--line); border-radius: 4px; margin: 0.5rem 0; padding: 0.25rem 0.75rem 0.5rem; }
legend { font-weight: 600; padding: 0 0.25rem; }
.row { display: grid; grid-template-columns: 16rem 1fr; gap: 0.5rem; align-items: start; margin: 0.4rem 0; }
label { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.95rem; padding-top: 0.3rem; }
input[type=text], select { font: inherit; padding: 0.3rem 0.4rem; border: 1px solid #5a5a5a; border-radius: 3px; width: 100%; background: #fff; color: var(--fg); }
input[type=checkbox] { width: 1.2rem; height: 1.2rem; margin-top: 0.4rem; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
[aria-invalid=true] { border-color: var(--bad) !important; border-width: 2px !important; }
button { font: inherit; padding: 0.45rem 1rem; border: 0; border-radius: 4px; background: #0047b3; color: #fff; cursor: pointer; }
button:disabled { background: #5a5a5a; }
.note, .desc { color: var(--muted); font-size: 0.9rem; margin: 0.1rem 0; }
.diag { margin: 0.2rem 0 0.4rem; padding: 0.3rem 0.5rem; border-left: 4px solid var(--bad); background: #fff4f5; }
.diag.warning { border-color: var(--warn); background: #fff8eb; }
.row > .diag { grid-column: 1 / -1; }
.diag code { font-weight: 600; } .help { margin: 0; }
.steps { list-style: none; padding: 0; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.9rem; }
.steps li { margin: 0.2rem 0; }
.mark { display: inline-block; width: 1.5em; font-weight: 700; }
.pass .mark, .confirmed .mark { color: var(--good); } .fail .mark, .missing .mark { color: var(--bad); } .warn .mark { color: var(--warn); } .skip .mark, .unchecked .mark { color: var(--muted); }
.req { list-style: none; padding: 0; } .req li { margin: 0.5rem 0; }
pre { background: #f3f3f3; padding: 0.5rem; font-size: 0.85rem; white-space: pre-wrap; overflow-wrap: anywhere; }
#summary:empty, #save-result:empty { display: none; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

const SCRIPT = `
'use strict';
const token = new URL(location.href).searchParams.get('token');
const $ = (id) => document.getElementById(id);
let S = null; let data = {}; let seq = 0; let lastDiags = []; let timer = 0; let items = [];
// what the last connection test confirmed, valid only while the form is what it tested
let checked = { spec: null, statuses: {} };
const SECRET_STORE_LABEL = { env: 'environment variable', file: 'file path', kubernetes: 'Kubernetes Secret', awsSecretsManager: 'AWS Secrets Manager', awsSsm: 'AWS SSM parameter' };

async function api(path, body) {
  const init = { method: body === undefined ? 'GET' : 'POST', headers: { 'X-Graft-Token': token } };
  if (body !== undefined) { init.headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
  return fetch(path, init);
}
function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === false) continue;
    if (k === 'text') e.textContent = v; else if (k.startsWith('on')) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v === true ? '' : v);
  }
  for (const k of kids) if (k) e.append(k);
  return e;
}
function resolve(node) {
  if (node && node.$ref && node.$ref.startsWith('#/definitions/')) return resolve(S.schema.definitions[node.$ref.slice(14)]);
  return node || {};
}
const isSecret = (node) => !!(node && node.$ref === '#/definitions/secret');
function get(path) { let cur = data; for (const p of path) { if (cur == null || typeof cur !== 'object') return undefined; cur = cur[p]; } return cur; }
function set(path, value) {
  let cur = data;
  for (const p of path.slice(0, -1)) { if (typeof cur[p] !== 'object' || cur[p] === null || Array.isArray(cur[p])) cur[p] = {}; cur = cur[p]; }
  const last = path[path.length - 1];
  if (value === undefined) delete cur[last]; else cur[last] = value;
}
function applies(path) {
  const dotted = path.join('.');
  for (const rule of S.applies) {
    if (!(dotted === rule.path || dotted.startsWith(rule.path + '.'))) continue;
    for (const c of rule.when) if (!c.in.includes(get(c.path.split('.')))) return false;
  }
  return true;
}
/** The spec the form stands for: fields that do not apply, empty values and empty objects left out. */
function clean(value, path) {
  if (path.length > 0 && !applies(path)) return undefined;
  if (Array.isArray(value)) { const a = value.filter((x) => x !== ''); return a.length ? a : undefined; }
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) { const c = clean(v, path.concat(k)); if (c !== undefined) out[k] = c; }
    return Object.keys(out).length ? out : undefined;
  }
  return value === '' ? undefined : value;
}
const spec = () => clean(data, []) || {};
const idOf = (path) => 'f-' + path.join('-');
function describe(node) { const d = node.description; return d ? el('p', { class: 'desc', id: 'd-' + Math.random().toString(36).slice(2), text: d }) : null; }

function row(path, label, input, node) {
  const desc = node ? describe(node) : null;
  input.id = idOf(path); input.dataset.path = path.join('.');
  if (desc) input.setAttribute('aria-describedby', desc.id);
  return el('div', { class: 'row', 'data-field': path.join('.') }, el('label', { for: input.id, text: label }), el('div', {}, input, desc));
}
function textInput(path, value, onValue, placeholder) {
  return el('input', { type: 'text', value: value == null ? '' : String(value), autocomplete: 'off', spellcheck: 'false', placeholder,
    oninput: (e) => { onValue(e.target.value); schedule(); } });
}
function field(key, node, path, required) {
  // a field that applies only under a condition is needed whenever it shows
  if (S.applies.some((r) => r.path === path.join('.'))) required = true;
  const label = path.join('.') + (required ? '' : ' (optional)');
  if (!applies(path)) return null;
  if (node.const !== undefined) { set(path, node.const); return null; }
  if (isSecret(node)) return secretField(path, label, required);
  const n = resolve(node);
  if (n.anyOf) {
    const kinds = n.anyOf.map(resolve);
    if (n.anyOf.some(isSecret)) return stringOrSecret(path, label, required);
    if (kinds.some((k) => k.type === 'array')) {
      const v = get(path);
      const example = path.join('.') === 'bootstrapServers' && S.preset ? S.preset.bootstrapExample : 'host:port, host:port';
      return row(path, label, textInput(path, Array.isArray(v) ? v.join(',') : v, (x) => set(path, x), example), node);
    }
  }
  if (n.enum) {
    const sel = el('select', { onchange: (e) => { set(path, e.target.value || undefined); render(); } }, el('option', { value: '', text: '— choose —' }));
    for (const v of n.enum) sel.append(el('option', { value: v, text: v, selected: get(path) === v }));
    return row(path, label, sel, n);
  }
  if (n.type === 'boolean') {
    return row(path, label, el('input', { type: 'checkbox', checked: get(path) === true, onchange: (e) => { set(path, e.target.checked || undefined); render(); } }), n);
  }
  if (n.type === 'array') {
    const v = get(path);
    return row(path, label + ' (comma-separated)', textInput(path, Array.isArray(v) ? v.join(',') : '', (x) => set(path, x.split(',').map((s) => s.trim()).filter(Boolean)), ''), n);
  }
  if (n.type === 'object' && n.properties) return objectField(path, label, n, required);
  return row(path, label, textInput(path, get(path), (x) => set(path, x)), n);
}
function objectField(path, label, n, required) {
  const dotted = path.join('.');
  const gated = S.applies.some((r) => r.path === dotted);
  const fs = el('fieldset', { 'data-field': dotted }, el('legend', { text: label.replace(' (optional)', '') }), describe(n));
  if (!required && !gated) {
    const on = get(path) !== undefined;
    const box = el('input', { type: 'checkbox', id: idOf(path) + '-use', checked: on, onchange: (e) => { set(path, e.target.checked ? {} : undefined); render(); } });
    fs.append(el('div', { class: 'row' }, el('label', { for: box.id, text: 'set ' + dotted }), box));
    if (!on) return fs;
  }
  const choice = S.choices[dotted];
  let props = Object.entries(n.properties);
  if (choice) {
    const current = choice.find((k) => get(path.concat(k)) !== undefined) || choice[0];
    const group = el('div', { role: 'radiogroup', 'aria-label': dotted, class: 'row' }, el('span', { text: 'one of' }));
    const radios = el('div', {});
    for (const k of choice) {
      const r = el('input', { type: 'radio', name: idOf(path) + '-choice', id: idOf(path.concat(k)) + '-choice', value: k, checked: k === current,
        onchange: () => { for (const o of choice) if (o !== k) set(path.concat(o), undefined); render(); } });
      radios.append(r, el('label', { for: r.id, text: ' ' + k + ' ' }));
    }
    group.append(radios); fs.append(group);
    props = props.filter(([k]) => !choice.includes(k) || k === current);
  }
  for (const [k, child] of props) { const f = field(k, child, path.concat(k), (n.required || []).includes(k)); if (f) fs.append(f); }
  return fs;
}
function stringOrSecret(path, label, required) {
  const v = get(path);
  const asSecret = v && typeof v === 'object';
  const dotted = path.join('.');
  const fs = el('fieldset', { 'data-field': dotted }, el('legend', { text: label }));
  const sel = el('select', { id: idOf(path) + '-kind', onchange: (e) => { set(path, e.target.value === 'secret' ? { secretRef: {} } : undefined); render(); } },
    el('option', { value: 'text', text: 'a value', selected: !asSecret }), el('option', { value: 'secret', text: 'a secret reference', selected: !!asSecret }));
  fs.append(el('div', { class: 'row' }, el('label', { for: sel.id, text: dotted + ' is' }), sel));
  if (asSecret) fs.append(secretField(path, dotted + ' secret', required, true));
  else fs.append(row(path, dotted, textInput(path, v, (x) => set(path, x))));
  return fs;
}
function secretField(path, label, required, inner) {
  const dotted = path.join('.');
  const refSchema = resolve(S.schema.definitions.secretRef);
  const ref = (get(path) || {}).secretRef || {};
  const store = Object.keys(ref)[0] || '';
  const fs = el('fieldset', { 'data-field': dotted, class: inner ? 'inner' : '' }, el('legend', { text: label + ' — a reference, never the value' }));
  const sel = el('select', { id: idOf(path) + '-store', onchange: (e) => { set(path, e.target.value ? { secretRef: { [e.target.value]: '' } } : undefined); render(); } },
    el('option', { value: '', text: required ? '— choose a store —' : '— none —' }));
  for (const k of Object.keys(refSchema.properties)) sel.append(el('option', { value: k, text: SECRET_STORE_LABEL[k] || k, selected: k === store }));
  fs.append(el('div', { class: 'row' }, el('label', { for: sel.id, text: dotted + ' store' }), sel));
  if (store) {
    const ss = resolve(refSchema.properties[store]);
    if (ss.type === 'object') {
      for (const [k, child] of Object.entries(ss.properties)) {
        const p = path.concat('secretRef', store, k);
        const req = (ss.required || []).includes(k);
        fs.append(row(p, dotted + ' ' + k + (req ? '' : ' (optional)'), textInput(p, get(p), (x) => set(p, x)), resolve(child)));
      }
    } else {
      const p = path.concat('secretRef', store);
      const v = get(p);
      fs.append(row(p, dotted + ' ' + store, textInput(p, typeof v === 'string' ? v : '', (x) => set(p, x)), ss));
    }
  }
  return fs;
}

function render() {
  const focused = document.activeElement && document.activeElement.id;
  const form = $('form'); form.replaceChildren();
  const root = S.schema;
  for (const [k, node] of Object.entries(root.properties)) { const f = field(k, node, [k], (root.required || []).includes(k)); if (f) form.append(f); }
  if (focused && $(focused)) $(focused).focus();
  showDiagnostics(lastDiags);
  schedule(0);
}
function schedule(ms) { clearTimeout(timer); timer = setTimeout(validate, ms === undefined ? 150 : ms); }

function diagBox(d) {
  const box = el('div', { class: 'diag ' + d.severity, id: 'e-' + Math.random().toString(36).slice(2) });
  box.append(el('p', { class: 'msg' }, el('code', { text: d.code }), document.createTextNode(': ' + d.message + (d.line ? ' (line ' + d.line + ':' + d.col + ')' : ''))));
  if (d.help) box.append(el('p', { class: 'help', text: 'help: ' + d.help }));
  return box;
}
function showDiagnostics(diags) {
  lastDiags = diags;
  for (const e of document.querySelectorAll('#form .diag')) e.remove();
  for (const e of document.querySelectorAll('#form [aria-invalid]')) { e.removeAttribute('aria-invalid'); e.removeAttribute('aria-errormessage'); }
  const loose = [];
  for (const d of diags) {
    const parts = d.path ? d.path.split('.') : [];
    let target = null;
    while (parts.length && !target) { target = document.querySelector('#form [data-field="' + parts.join('.') + '"]'); if (!target) parts.pop(); }
    if (!target) { loose.push(d); continue; }
    const box = diagBox(d);
    target.append(box);
    const input = target.querySelector('input, select');
    if (input && d.severity === 'error') { input.setAttribute('aria-invalid', 'true'); input.setAttribute('aria-errormessage', box.id); }
  }
  const errors = diags.filter((d) => d.severity === 'error').length;
  const sum = $('summary'); sum.replaceChildren();
  if (diags.length) sum.append(el('p', { text: errors ? errors + ' problem' + (errors === 1 ? '' : 's') + ' (as graft validate reports them)' : 'valid, with warnings' }));
  for (const d of loose) sum.append(diagBox(d));
}
async function validate() {
  const n = ++seq;
  const res = await api('/api/validate', { spec: spec() });
  if (n !== seq) return;
  const r = await res.json();
  showDiagnostics(r.diagnostics);
  $('yaml').textContent = r.yaml === undefined ? '(hidden: the form holds a secret value)' : r.yaml;
  showItems(r.requirements, checked.spec === JSON.stringify(spec()) ? checked.statuses : {});
}
function showItems(list, statuses) {
  items = list;
  const ul = $('req'); ul.replaceChildren();
  for (const it of list) {
    const st = statuses[it.id] || 'pending';
    const mark = { confirmed: '✓', missing: '✗', unchecked: '-', pending: '☐' }[st];
    const word = { confirmed: 'confirmed', missing: 'not there yet', unchecked: 'not checked', pending: 'to do' }[st];
    ul.append(el('li', { class: st + (statuses[it.id] ? ' done' : ''), 'data-item': it.id },
      el('span', { class: 'mark', 'aria-hidden': 'true', text: mark }), el('span', { text: it.title + ' — ' + word }),
      el('pre', {}, el('code', { text: it.commands.join('\\n') }))));
  }
}
const MARK = { pass: '✓', fail: '✗', warn: '!', skip: '-' };
async function check() {
  const btn = $('check'); btn.disabled = true;
  $('steps').replaceChildren(); $('check-status').textContent = 'Testing…';
  try {
    checked = { spec: JSON.stringify(spec()), statuses: {} };
    const res = await api('/api/check', { spec: spec() });
    const reader = res.body.getReader(); const dec = new TextDecoder(); let buf = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += dec.decode(value, { stream: true });
      let i;
      while ((i = buf.indexOf('\\n')) >= 0) { const line = buf.slice(0, i); buf = buf.slice(i + 1); if (line) onEvent(JSON.parse(line)); }
    }
  } catch (e) { $('check-status').textContent = 'The test could not run: ' + e.message; }
  btn.disabled = false;
}
function onEvent(e) {
  if (e.type === 'start') { $('check-status').textContent = 'Testing: ' + e.probe + ' ' + e.target + '…'; return; }
  if (e.type === 'end') {
    const s = e.step;
    const li = el('li', { class: s.status, 'data-probe': s.probe },
      el('span', { class: 'mark', 'aria-hidden': 'true', text: MARK[s.status] }),
      el('span', { class: 'sr', text: s.status + ' ' }), document.createTextNode(s.probe + ' ' + s.target + ' — ' + s.detail));
    for (const d of s.diagnostics) li.append(diagBox(d));
    $('steps').append(li); return;
  }
  if (e.type === 'done') {
    const c = e.counts;
    $('check-status').textContent = (e.ok ? 'PASS' : 'FAIL') + ': ' + c.pass + ' passed, ' + c.fail + ' failed, ' + c.warn + ' warned, ' + c.skip + ' skipped in ' + e.wallMs + ' ms';
    if (e.diagnostics.length) showDiagnostics(e.diagnostics);
    checked.statuses = e.items;
    showItems(items, e.items);
  }
}
async function save() {
  const out = $('save-result'); out.replaceChildren(el('p', { text: 'Saving…' }));
  const r = await (await api('/api/save', { spec: spec(), path: $('save-path').value })).json();
  out.replaceChildren();
  if (!r.ok) { out.append(el('p', { text: 'Not saved:' })); for (const d of r.diagnostics) out.append(diagBox(d)); showDiagnostics(r.diagnostics.filter((d) => d.path)); return; }
  out.append(el('p', { text: 'Saved ' + r.path + '. The same from the command line:' }), el('pre', {}, el('code', { text: r.commands.join('\\n') })));
}
async function start() {
  S = await (await api('/api/state')).json();
  data = S.data || {};
  for (const p of S.presets) $('preset').append(el('option', { value: p.id, text: p.title }));
  $('preset').addEventListener('change', (e) => {
    const p = S.presets.find((x) => x.id === e.target.value);
    S.preset = p; $('preset-note').textContent = p ? p.note : '';
    // what is not about the kind of cluster stays: the servers, naming, the schema registry
    if (p) { const keep = {}; for (const k of ['bootstrapServers', 'schemaRegistry', 'topics', 'groups']) if (data[k] !== undefined) keep[k] = data[k]; data = Object.assign(JSON.parse(JSON.stringify(p.spec)), keep); }
    render();
  });
  $('form').addEventListener('submit', (e) => e.preventDefault());
  $('save-path').value = S.specPath;
  if (S.requirementsPath) { $('req-section').hidden = false; $('req-path').textContent = S.requirementsPath; }
  $('check').addEventListener('click', check);
  $('save').addEventListener('click', save);
  render();
}
start();
`;
