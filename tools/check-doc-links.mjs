// Checks the links of the generated documentation (default:
// target/doc/carepath, after `cargo doc --no-deps --all-features`): every
// relative `href` or `src` of every HTML page must name a file that
// exists, and, when it has a fragment (`#method.routes`), an element of
// that page with that id. Links to other sites are counted, not fetched
// (CI has no network). Prints the counts; exit status 1 and each broken
// link on standard error when any is broken, 2 when there is nothing to
// check.
//
// Usage: node tools/check-doc-links.mjs [DIR]
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, dirname, resolve, relative } from 'node:path';

const root = resolve(process.argv[2] ?? 'target/doc/carepath');
if (!existsSync(root) || !statSync(root).isDirectory()) {
  console.error(`no documentation at ${root}: run cargo doc --no-deps --all-features first`);
  process.exit(2);
}
// Links may leave the crate's folder for rustdoc's shared files
// (static.files, search index): those resolve from the doc root.
const docRoot = dirname(root);

const pages = [];
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (entry.name.endsWith('.html')) pages.push(path);
  }
};
walk(root);

const ids = new Map();
const idsOf = (file) => {
  if (!ids.has(file)) {
    const found = new Set();
    if (file.endsWith('.html') && existsSync(file)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\s(?:id|name)="([^"]*)"/g)) found.add(decode(m[1]));
    }
    ids.set(file, found);
  }
  return ids.get(file);
};
const decode = (s) => {
  const text = s
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

let relativeLinks = 0;
let fragments = 0;
let external = 0;
const broken = [];
for (const page of pages) {
  const text = readFileSync(page, 'utf8');
  for (const m of text.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
    const link = decode(m[1]);
    if (/^[a-z][a-z0-9+.-]*:/i.test(link)) {
      external += 1;
      continue;
    }
    if (link === '' || link === '#') continue;
    const [pathPart, fragment] = link.split('#', 2);
    const target = pathPart === '' ? page : resolve(dirname(page), pathPart.split('?')[0]);
    if (pathPart !== '') relativeLinks += 1;
    if (!target.startsWith(docRoot)) {
      broken.push(`${relative(docRoot, page)}: ${link} leaves the documentation`);
      continue;
    }
    if (!existsSync(target)) {
      broken.push(`${relative(docRoot, page)}: ${link} (no such file)`);
      continue;
    }
    if (fragment !== undefined && fragment !== '') {
      fragments += 1;
      // rustdoc numbers source lines in JavaScript; `#12-30` is not an id.
      if (/^\d+(-\d+)?$/.test(fragment) && target.includes('/src/')) continue;
      if (!idsOf(target).has(fragment)) {
        broken.push(`${relative(docRoot, page)}: ${link} (no element with id \`${fragment}\`)`);
      }
    }
  }
}
console.log(
  `${pages.length} pages: ${relativeLinks} relative links and ${fragments} fragments checked, ` +
    `${external} links to other sites not fetched, ${broken.length} broken`,
);
for (const b of broken) console.error(b);
process.exit(broken.length === 0 ? 0 : 1);
