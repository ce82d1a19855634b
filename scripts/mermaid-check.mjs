// mermaid-check parses every ```mermaid block of the markdown files named on
// the command line with mermaid's own parser, the library GitHub renders
// these blocks with, and exits 1 if any block does not parse. It runs in
// Node.js with jsdom standing in for the browser; .ci/mermaid.sh installs
// both at pinned versions.
import { JSDOM } from 'jsdom';
import fs from 'node:fs';

const dom = new JSDOM('<!DOCTYPE html><body></body>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;

const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });

let blocks = 0;
let bad = 0;
for (const file of process.argv.slice(2)) {
  const md = fs.readFileSync(file, 'utf8');
  for (const m of md.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)) {
    blocks++;
    const line = md.slice(0, m.index).split('\n').length;
    try {
      const r = await mermaid.parse(m[1]);
      console.log(`ok   ${file}:${line} ${r.diagramType}`);
    } catch (e) {
      bad++;
      console.log(`FAIL ${file}:${line}: ${String(e.message || e)}`);
    }
  }
}
console.log(`${blocks} mermaid block(s), ${bad} that do not parse`);
process.exit(bad > 0 ? 1 : 0);
