// The example site as a reader meets it where it is published: built with `--base-url URL`, served
// from a local server under that URL's path (`/desk/` for https://example.org/desk/, as GitHub
// Pages serves a project site), and crawled in headless Chromium from its home page:
//
//   node tests/browser/crawl.mjs --base-url https://example.org/desk/ [--root .] [--brief BIN]
//
// Every page the site links is opened; every URL a page names (links, stylesheets, scripts,
// images, feeds, the search form, the search index it fetches) must answer without an error,
// and the site's own absolute URLs (canonical links, feed entries) are checked on the local
// server. Fails on any 404 or other error status, any failed request, any console error or page
// error, and when search does not find the seed article for `Blinken` or its result link does not
// open it. Exit status 0 when everything passes, 1 otherwise; prints how many URLs it checked.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const args = process.argv.slice(2);
function option(name, fallback) {
  const at = args.indexOf(name);
  return at === -1 ? fallback : args[at + 1];
}
const baseUrl = option("--base-url", "https://example.org/desk/");
const root = resolve(option("--root", repo));
const brief = resolve(
  option("--brief", join(process.env.CARGO_TARGET_DIR || join(repo, "target"), "release", "brief")),
);
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const SEED = "/articles/geneva-talks-hinge-on-russia-deescalating-ukraine-threat/";

const failures = [];
function fail(where, message) {
  failures.push(`${where}: ${message}`);
  console.log(`  FAIL ${where}: ${message}`);
}

const published = new URL(baseUrl);
const prefix = published.pathname.replace(/\/+$/, "");
const out = mkdtempSync(join(tmpdir(), "brief-crawl-"));
const built = spawnSync(brief, ["--root", root, "build", "--quiet", "--base-url", baseUrl, "--output", out], {
  encoding: "utf8",
});
if (built.status !== 0) {
  console.error(`brief build failed:\n${built.stdout}${built.stderr}`);
  process.exit(1);
}
const server = await serve(out, { prefix });
const origin = server.url;
const browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox", "--disable-gpu"] });
const context = await browser.newContext();

/** A URL the site names, as the local server has it; null for another site's. */
function local(url, from) {
  const absolute = new URL(url, from);
  if (absolute.origin === origin) return absolute;
  // The site's own absolute URLs (canonical, og:url, feed entries) name where it is published.
  if (absolute.href.startsWith(published.origin + prefix + "/")) {
    return new URL(absolute.pathname + absolute.search + absolute.hash, origin);
  }
  return null;
}

const seen = new Set();
const pages = [];
let checked = 0;
let foreign = 0;
function enqueue(url, from) {
  const target = local(url, from);
  if (!target) {
    if (!/^(mailto|data):/.test(url)) foreign++;
    return;
  }
  target.hash = "";
  if (seen.has(target.href)) return;
  seen.add(target.href);
  pages.push({ url: target.href, from });
}

async function visit({ url, from }) {
  const response = await context.request.get(url, { maxRedirects: 0 });
  checked++;
  const status = response.status();
  const type = response.headers()["content-type"] || "";
  if (status >= 300 && status < 400) {
    enqueue(response.headers().location, url);
    return;
  }
  if (status >= 400) {
    fail(new URL(url).pathname, `${status}, linked from ${from}`);
    return;
  }
  if (!type.startsWith("text/html")) {
    if (/xml/.test(type)) {
      // Feeds and the sitemap: every URL they name is the site's.
      for (const match of (await response.text()).matchAll(/(?:href="|<loc>)([^"<]+)/g)) enqueue(match[1], url);
    }
    return;
  }
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") fail(new URL(url).pathname, `console: ${message.text()}`);
  });
  page.on("pageerror", (error) => fail(new URL(url).pathname, `page error: ${error.message}`));
  page.on("requestfailed", (request) => fail(new URL(url).pathname, `failed request ${request.url()}`));
  page.on("response", (answer) => {
    if (answer.status() >= 400) fail(new URL(url).pathname, `${answer.status()} for ${answer.url()}`);
  });
  await page.goto(url, { waitUntil: "load" });
  // The header's search box loads the index on first focus: that request is checked too.
  const box = page.locator("form[data-search=header] input[name=q]");
  if (await box.count()) {
    await box.focus();
    await page.waitForLoadState("networkidle");
  }
  const named = await page.$$eval("a[href], link[href], script[src], img[src], form[action]", (elements) =>
    elements.map((e) => e.getAttribute("href") ?? e.getAttribute("src") ?? e.getAttribute("action")),
  );
  for (const name of named) enqueue(name, url);
  await page.close();
}

async function search() {
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") fail("search", `console: ${message.text()}`);
  });
  await page.goto(`${origin}${prefix}/search/?q=Blinken`);
  const hit = page.locator(`a.search-hit[href="${prefix}${SEED}"]`).first();
  try {
    await hit.waitFor({ timeout: 20_000 });
    await Promise.all([page.waitForURL(`${origin}${prefix}${SEED}`), hit.click()]);
    const title = await page.locator("h1").first().innerText();
    if (!/Geneva talks/.test(title)) fail("search", `the result opened a page titled ${title}`);
  } catch (error) {
    fail("search", `Blinken did not find and open ${prefix}${SEED}: ${error.message.split("\n")[0]}`);
  }
  await page.close();
}

try {
  console.log(`== crawl of the example site built for ${baseUrl}, served under ${prefix || "/"}`);
  enqueue(`${origin}${prefix}/`, `${origin}/`);
  while (pages.length) await visit(pages.shift());
  await search();
} finally {
  await browser.close();
  await server.close();
  rmSync(out, { recursive: true, force: true });
}
const broken = failures.length;
console.log(`${checked} URLs checked (${foreign} of other sites left alone), ${broken} problems`);
console.log(`${checked - Math.min(broken, checked)} passed, ${broken} failed`);
process.exit(broken ? 1 : 0);
