// Opens a carepath report in headless Chromium, through the DevTools
// protocol (chrome-remote-interface), and prints what the browser shows
// as JSON: the heatmap tables and their cells, the gap list, the services
// drawn in the SVG picture, the findings, every console message, script
// error or log entry, and every resource the page asked for. Saves a
// full-page screenshot.
//
//   node tools/check-report.mjs REPORT.html SCREENSHOT.png [FIRST-SCREEN.png]
//
// FIRST-SCREEN.png, if given, is what a reader sees first: the top
// 1400 × 1000 pixels.
// Chromium runs with the flags these machines need (no sandbox, no GPU, no
// background networking) and a fresh profile in a temporary folder.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import CDP from 'chrome-remote-interface';

const [report, shot, first] = process.argv.slice(2);
if (!report || !shot) {
  console.error('usage: check-report.mjs REPORT.html SCREENSHOT.png');
  process.exit(2);
}
const browser = process.env.CHROMIUM ?? 'chromium';
const profile = mkdtempSync(join(tmpdir(), 'carepath-chromium-'));
const chrome = spawn(browser, [
  '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--disable-quic', '--hide-scrollbars',
  `--user-data-dir=${profile}`, '--remote-debugging-port=0',
  '--window-size=1400,1000', 'about:blank',
], { stdio: ['ignore', 'ignore', 'pipe'] });
let chromeErr = '';
chrome.stderr.on('data', (d) => { chromeErr += d; });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const exited = new Promise((r) => chrome.on('exit', r));
// Chromium's helper processes may still write to the profile for a moment
// after it exits: retry the removal, and never fail the check over it.
const cleanUp = () => {
  try {
    rmSync(profile, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
  } catch (e) {
    console.error(`could not remove ${profile}: ${e.message}`);
  }
};
const fail = (message) => {
  console.error(message);
  chrome.kill('SIGKILL');
  cleanUp();
  process.exit(1);
};
// Chromium writes the port it chose into the profile folder.
let port;
for (let i = 0; i < 200 && !port; i++) {
  const file = join(profile, 'DevToolsActivePort');
  if (existsSync(file)) port = Number(readFileSync(file, 'utf8').split('\n')[0]);
  else await sleep(100);
}
if (!port) fail(`chromium did not start:\n${chromeErr}`);

const messages = [];
const requests = [];
const timer = setTimeout(() => fail('the page did not load within 60 s'), 60000);
const client = await CDP({ port });
try {
  const { Page, Runtime, Log, Network, Emulation } = client;
  Runtime.consoleAPICalled((e) => messages.push({
    source: 'console', level: e.type,
    text: e.args.map((a) => a.value ?? a.description ?? '').join(' '),
  }));
  Runtime.exceptionThrown((e) => messages.push({
    source: 'exception', level: 'error', text: e.exceptionDetails.text,
  }));
  Log.entryAdded(({ entry }) => messages.push({ source: entry.source, level: entry.level, text: entry.text }));
  Network.requestWillBeSent((e) => requests.push(e.request.url));
  await Promise.all([Page.enable(), Runtime.enable(), Log.enable(), Network.enable()]);
  const url = pathToFileURL(resolve(report)).href;
  const loaded = Page.loadEventFired();
  await Page.navigate({ url });
  await loaded;
  const { result } = await Runtime.evaluate({
    returnByValue: true,
    expression: `(() => {
      const text = (e) => e ? e.textContent.trim() : null;
      return {
        title: document.title,
        scripts: document.scripts.length,
        heatmaps: [...document.querySelectorAll('table.heatmap')].map((t) => ({
          id: t.id,
          caption: text(t.caption),
          columns: [...t.tHead.rows[0].cells].slice(1).map(text),
          rows: [...t.tBodies[0].rows].map((r) => ({
            label: text(r.cells[0]),
            cells: [...r.cells].slice(1).map((c) => c.dataset.weeks),
            colours: [...r.cells].slice(1).map((c) => getComputedStyle(c).backgroundColor),
          })),
        })),
        gaps: [...document.querySelectorAll('#gaps li.gap')].map((li) => ({
          families: text(li.querySelector('.families')),
          example: text(li.querySelector('code')),
        })),
        findings: [...document.querySelectorAll('tr.finding')].map((tr) => text(tr.cells[0])),
        clusters: [...document.querySelectorAll('#graph svg g.cluster')].map((g) => g.dataset.cluster),
        services: [...document.querySelectorAll('#graph svg g.service')].map((g) => ({
          id: g.dataset.service,
          width: g.getBBox().width,
          height: g.getBBox().height,
        })),
        missing: [...document.querySelectorAll('.missing')].map(text),
        boxes: Object.fromEntries(['.heatmaps', '#gaps'].map((sel) => {
          const el = document.querySelector(sel);
          if (!el) return [sel, null];
          const r = el.getBoundingClientRect();
          return [sel, { left: r.left, right: r.right, top: r.top, bottom: r.bottom }];
        })),
        summary: text(document.getElementById('summary')),
        page: { width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight },
      };
    })()`,
  });
  if (result.subtype === 'error') fail(`evaluation failed: ${result.description}`);
  const page = result.value;
  if (first) {
    const top = await Page.captureScreenshot({ format: 'png' });
    writeFileSync(first, Buffer.from(top.data, 'base64'));
  }
  await Emulation.setDeviceMetricsOverride({
    width: 1400, height: Math.min(page.page.height, 16000), deviceScaleFactor: 1, mobile: false,
  });
  const { data } = await Page.captureScreenshot({ format: 'png', captureBeyondViewport: true });
  writeFileSync(shot, Buffer.from(data, 'base64'));
  // Let late log entries arrive.
  await sleep(200);
  console.log(JSON.stringify({ ...page, messages, requests }));
} finally {
  clearTimeout(timer);
  try {
    await client.Browser.close();
  } catch {
    chrome.kill('SIGKILL');
  }
  await client.close().catch(() => {});
  await Promise.race([exited, sleep(5000)]);
  chrome.kill('SIGKILL');
  cleanUp();
}
