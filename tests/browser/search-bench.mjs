// Time to first search result on a built site, in headless Chromium, from a cold start: the page
// /search/ is loaded (search.json is not: the script fetches it on first use), then a query is
// typed and the clock runs until the first result is on screen. Prints the index size too.
//
//   node tests/browser/search-bench.mjs SITE_OUTPUT_DIR [QUERY] [--runs N]
//
// QUERY defaults to the first word of the most frequent person's name in the index. Each run uses
// a fresh browser context (empty cache). Profiles: the local server as is; and a "slow phone"
// profile (CPU 4× slower, 10 Mbit/s down, 40 ms round trip), both served gzip-compressed as a
// static host would.

import { readFileSync, statSync } from "node:fs";
import { resolve, join } from "node:path";
import { gzipSync, brotliCompressSync } from "node:zlib";
import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";

const args = process.argv.slice(2);
const runsAt = args.indexOf("--runs");
const runs = runsAt === -1 ? 5 : Number(args[runsAt + 1]);
const positional = args.filter((a, i) => !a.startsWith("--") && (runsAt === -1 || i !== runsAt + 1));
const site = resolve(positional[0] || "public");
const raw = readFileSync(join(site, "search.json"));
const index = JSON.parse(raw);

let query = positional[1];
if (!query) {
  const counts = new Map();
  for (const a of index.articles) for (const p of a[5]) counts.set(p, (counts.get(p) || 0) + 1);
  const top = [...counts.entries()].sort((x, y) => y[1] - x[1])[0][0];
  query = index.people[top].split(" ")[0];
}

// A second query, typed once the index is in memory: the most frequent topic's first word.
const warmQuery = (() => {
  const counts = new Map();
  for (const a of index.articles) for (const t of a[4]) counts.set(t, (counts.get(t) || 0) + 1);
  const top = [...counts.entries()].sort((x, y) => y[1] - x[1])[0][0];
  return index.topics[top].split(" ")[0];
})();

const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
console.log(`search.json: ${index.articles.length} articles, ${index.topics.length} topics, ${index.people.length} people`);
console.log(`  ${kb(raw.length)} raw, ${kb(gzipSync(raw, { level: 6 }).length)} gzip, ${kb(brotliCompressSync(raw).length)} brotli`);
console.log(`query: "${query}"`);

const server = await serve(site, { gzip: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic"],
});

const PROFILES = {
  "local": null,
  "slow phone (CPU 4x, 10 Mbit/s, 40 ms RTT)": { cpu: 4, down: (10 * 1024 * 1024) / 8, latency: 40 },
};

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

for (const [name, profile] of Object.entries(PROFILES)) {
  const cold = [];
  const warm = [];
  const fetches = [];
  const prepares = [];
  let count = 0;
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    if (profile) {
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", {
        offline: false, latency: profile.latency, downloadThroughput: profile.down, uploadThroughput: profile.down,
      });
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: profile.cpu });
    }
    await page.goto(server.url + "/search/", { waitUntil: "load" });
    // Cold: focus the box and type the query; the clock starts at the focus (when the index
    // starts loading) and stops when the first result link is in the document.
    const ms = await page.evaluate(async (q) => {
      const input = document.querySelector("#search-page-q");
      const results = document.querySelector("[data-search-results]");
      const start = performance.now();
      input.focus();
      input.value = q;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      await new Promise((done) => {
        const observer = new MutationObserver(() => {
          if (results.querySelector("a.search-hit")) {
            observer.disconnect();
            done();
          }
        });
        observer.observe(results, { childList: true, subtree: true });
        setTimeout(done, 60000);
      });
      return performance.now() - start;
    }, query);
    cold.push(ms);
    const parts = await page.evaluate(() => {
      const get = (name) => (performance.getEntriesByName(name)[0] || {}).duration;
      return { fetch: get("brief-search-fetch"), prepare: get("brief-search-prepare") };
    });
    fetches.push(parts.fetch);
    prepares.push(parts.prepare);
    // Warm: another query with the index in memory, until the results are replaced.
    const again = await page.evaluate(async (q) => {
      const input = document.querySelector("#search-page-q");
      const status = document.querySelector("[data-search-status]");
      const before = status.textContent;
      const start = performance.now();
      input.value = q;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      await new Promise((done) => {
        const observer = new MutationObserver(() => {
          if (status.textContent !== before) {
            observer.disconnect();
            done();
          }
        });
        observer.observe(status, { childList: true, characterData: true, subtree: true });
        setTimeout(done, 60000);
      });
      return performance.now() - start;
    }, warmQuery);
    warm.push(again);
    count = await page.locator("[data-search-status]").textContent();
    await context.close();
  }
  console.log(`${name}:`);
  console.log(`  time to first result, cold (fetch + parse + search + render): median ${median(cold).toFixed(0)} ms of ${runs} (${cold.map((v) => v.toFixed(0)).join(", ")})`);
  console.log(`    of which download and JSON parse of search.json: median ${median(fetches).toFixed(0)} ms; preparing the index (folding case and accents): ${median(prepares).toFixed(0)} ms`);
  console.log(`  next query, index in memory ("${warmQuery}"): median ${median(warm).toFixed(1)} ms`);
  console.log(`  ${count}`);
}

await browser.close();
await server.close();
