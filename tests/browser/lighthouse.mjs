// Lighthouse (npm lighthouse, run in Debian's Chromium) on the home, an article, a topic and a
// person page of a built site: performance, accessibility, best practices and SEO, on Lighthouse's
// default mobile profile (a mid-range phone on a slow 4G network, simulated).
//
//   node tests/browser/lighthouse.mjs [--site ROOT/public]
//
// Fails when accessibility, best practices or SEO is below 100 (those audits give the same
// answer on any machine), or performance below 90 (a score that moves with the machine's load:
// CI shares two cores); prints every score and what cost points.

import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readdirSync, statSync } from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { serve } from "./serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const at = args.indexOf("--site");
const site = resolve(at === -1 ? join(here, "../../public") : args[at + 1]);

function first(section, prefer) {
  if (statSync(join(site, section, prefer, "index.html"), { throwIfNoEntry: false })) return `/${section}/${prefer}/`;
  const dirs = readdirSync(join(site, section), { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== "page")
    .map((d) => d.name)
    .sort();
  return `/${section}/${dirs[0]}/`;
}

const PAGES = {
  home: "/",
  article: first("articles", "geneva-talks-hinge-on-russia-deescalating-ukraine-threat"),
  topic: first("topics", "ukraine"),
  person: first("people", "antony-blinken"),
};
const MINIMUM = { performance: 90, accessibility: 100, "best-practices": 100, seo: 100 };

const server = await serve(site, { gzip: true });
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM || "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
let failures = 0;
try {
  for (const [kind, path] of Object.entries(PAGES)) {
    const started = Date.now();
    const result = await lighthouse(server.url + path, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: Object.keys(MINIMUM),
    });
    const { categories, audits } = result.lhr;
    const scores = Object.keys(MINIMUM).map((name) => [name, Math.round(categories[name].score * 100)]);
    console.log(`${kind} ${path}: ${scores.map(([n, s]) => `${n} ${s}`).join(", ")} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    for (const [name, score] of scores) {
      if (score >= MINIMUM[name]) continue;
      failures++;
      console.log(`  FAIL ${name} ${score} < ${MINIMUM[name]}; what cost points:`);
      for (const ref of categories[name].auditRefs) {
        const audit = audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          console.log(`    ${audit.id}: ${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ""}`);
        }
      }
    }
  }
} finally {
  await chrome.kill();
  await server.close();
}
if (failures) {
  console.log(`\n${failures} Lighthouse score(s) below the minimum.`);
  process.exit(1);
}
console.log("\nLighthouse passed");
