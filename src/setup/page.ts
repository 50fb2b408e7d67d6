import { pageScript } from './script.js';

/**
 * The setup page: one HTML document with its style and script inline (bundled into graft; nothing loads from anywhere
 * else). The script is `client/page.ts`, compiled for the browser: it builds the form from the JSON Schema the server
 * sends, so a new spec field shows up without page code; `applies` and `choices` say when a field applies.
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
<div class="row"><label for="tool">Commands for</label><select id="tool"></select></div>
<p id="tool-note" class="note"></p>
<ul id="req" class="req"></ul></section>
<section aria-labelledby="h-save"><h2 id="h-save">4. Save</h2>
<div class="row"><label for="save-path">File</label><input id="save-path" type="text" autocomplete="off" spellcheck="false"></div>
<button type="button" id="save">Save</button>
<div id="save-result" role="status" aria-live="polite"></div></section>
</main>
<script nonce="${nonce}">${inlineScript(pageScript())}</script>
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
.req { list-style: none; padding: 0; } .req li { margin: 0.5rem 0; } .verifies { margin: 0.1rem 0 0 1.5em; color: var(--muted); font-size: 0.9rem; }
.diag.check { border-left-style: double; border-left-width: 6px; } .diag .source { font-weight: 600; }
pre { background: #f3f3f3; padding: 0.5rem; font-size: 0.85rem; white-space: pre-wrap; overflow-wrap: anywhere; }
#summary:empty, #save-result:empty { display: none; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

/** A script's text as the content of a `<script>` element: nothing in it can close the element. */
function inlineScript(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}
