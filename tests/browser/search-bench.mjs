// Time to first search result on a built site, in headless Chromium, from a cold start: the page
// /search/ is loaded (no part of the search index is: the script fetches names.json on the first
// focus, then the shards and record files a query needs), then a query is typed and the clock
// runs from the focus until the first result is on screen. Prints the index's sizes too.
//
//   node tests/browser/search-bench.mjs SITE_OUTPUT_DIR [QUERY] [--runs N]
//
// QUERY defaults to the first name of the most covered person. Each run uses a fresh browser
// context (empty cache). Profiles: the local server as is; and a "slow phone" profile (CPU 4x
// slower, 10 Mbit/s down, 40 ms round trip), both served gzip-compressed as a static host would.
// The README's search figures come from this script (10,000 and 50,000 articles).

import { readFileSync, readdirSync } from "node:fs";
import { resolve, join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";

const args = process.argv.slice(2);
const runsAt = args.indexOf("--runs");
const runs = runsAt === -1 ? 5 : Number(args[runsAt + 1]);
const positional = args.filter((a, i) => !a.startsWith("--") && (runsAt === -1 || i !== runsAt + 1));
const site = resolve(positional[0] || "public");
const names = JSON.parse(readFileSync(join(site, "search/names.json")));

const top = (counts) => counts.indexOf(Math.max(...counts));
const query = positional[1] || names.people[top(names.people_counts)].split(" ")[0];
// A second query, typed once the first has answered: the most covered topic's first word.
const warmQuery = names.topics[top(names.topic_counts)].split(" ")[0];

const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
function sizes(folder) {
  const files = readdirSync(join(site, "search", folder)).map((f) => readFileSync(join(site, "search", folder, f)));
  const gz = files.map((f) => gzipSync(f, { level: 6 }).length);
  const raw = files.map((f) => f.length);
  const sum = (list) => list.reduce((a, b) => a + b, 0);
  return `${files.length} files, ${kb(sum(raw))} raw / ${kb(sum(gz))} gzip in all, largest ${kb(Math.max(...raw))} / ${kb(Math.max(...gz))}`;
}
const namesRaw = readFileSync(join(site, "search/names.json"));
console.log(`search index: ${names.articles} articles, ${names.topics.length} topics, ${names.people.length} people`);
console.log(`  names.json (loaded on focus): ${kb(namesRaw.length)} raw, ${kb(gzipSync(namesRaw, { level: 6 }).length)} gzip`);
console.log(`  word shards (w/): ${sizes("w")}`);
console.log(`  article records (a/): ${sizes("a")}`);
console.log(`query: "${query}", then "${warmQuery}"`);

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
      return { fetch: get("brief-search-fetch"), prepare: get("brief-search-query") };
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
  console.log(`    of which names.json (download and parse): median ${median(fetches).toFixed(0)} ms; the query's shards: ${median(prepares).toFixed(0)} ms`);
  console.log(`  next query ("${warmQuery}", its shard and records fetched too): median ${median(warm).toFixed(1)} ms`);
  console.log(`  ${count}`);
}

await browser.close();
await server.close();
