// Parses a Mermaid flowchart read from standard input with Mermaid's own
// parser (the `mermaid` package, run under jsdom for the DOM it expects)
// and prints what it read as JSON: vertices, edges, subgraphs and
// tooltips, with every text decoded back to the characters it shows.
// Exit status 1 and the parser's message on standard error when the text
// is not a flowchart Mermaid accepts.
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
// MERMAID_MAX_EDGES raises Mermaid's limit of links (default 500), as a
// site that draws large charts would.
const maxEdges = Number(process.env.MERMAID_MAX_EDGES ?? 500);
mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', maxEdges });

const text = readFileSync(0, 'utf8');
// Mermaid keeps entity codes as placeholders until it draws; undo them as
// it does, then let the DOM decode the HTML entities and line breaks.
const decode = (s) => {
  const html = String(s ?? '')
    .replace(/ﬂ°°/g, '&#')
    .replace(/ﬂ°/g, '&')
    .replace(/¶ß/g, ';')
    .replace(/<br\s*\/?>/g, '\n');
  const area = document.createElement('textarea');
  area.innerHTML = html;
  return area.value;
};
let diagram;
try {
  await mermaid.parse(text);
  diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
} catch (e) {
  console.error(`mermaid: ${e.message}`);
  process.exit(1);
}
const db = diagram.db;
const vertices = [...db.getVertices().values()].map((v) => ({
  id: v.id,
  text: decode(v.text),
  classes: v.classes,
  tooltip: db.getTooltip(v.id) === undefined ? null : decode(db.getTooltip(v.id)),
}));
const edges = db.getEdges().map((e) => ({
  start: e.start,
  end: e.end,
  text: decode(e.text),
  stroke: e.stroke,
}));
const subgraphs = db.getSubGraphs().map((s) => ({ id: s.id, title: decode(s.title), nodes: s.nodes }));
console.log(JSON.stringify({ type: diagram.type, vertices, edges, subgraphs }));
