// Real-browser and validator tests of the default theme, on a built site (the example site's
// `public/` by default). Run from anywhere:
//
//   node tests/browser/run.mjs [--root .] [--site ROOT/public] [--screenshots docs/screenshots] [--no-vnu]
//
// 1. Serves the site on 127.0.0.1 (random port) and drives Debian's Chromium headless through
//    playwright-core: home, a briefing, an article, one with a table of contents and one with an
//    embedded video (when the site has them), a topic, a person, the lists, search, 404 and a
//    missing URL. Fails on any console error, page error, failed or external request.
// 2. On every page: one <h1>, <html lang> from site.toml, labelled navigation, a <main>, alt on
//    every image, no horizontal scrolling at 320 px (and 375, 1280).
// 3. axe-core on every page type, light and dark: fails on serious or critical violations.
// 4. Search: `Blinken` on /search/ and in the header box finds the seed article; diacritics and
//    case do not matter; the keyboard reaches the results; without JavaScript the search page
//    says so and links to the lists.
// 5. Screenshots at 375 and 1280 px wide (and a dark one) into --screenshots.
// 6. A briefing's newsletter (email.html) at 600 px: no stylesheet, no script, every link
//    absolute, layout tables and inlined styles, no sideways scrolling; a screenshot.
// 7. The Nu HTML Checker (vnu-jar, run with the machine's java) on every built HTML page (not
//    the newsletters): fails on any error.
//
// Exit status 0 when everything passes, 1 otherwise; every problem is printed.

import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const require = createRequire(import.meta.url);

// ---- options ----------------------------------------------------------------------------------

const args = process.argv.slice(2);
function option(name, fallback) {
  const at = args.indexOf(name);
  return at === -1 ? fallback : args[at + 1];
}
const root = resolve(option("--root", repo));
const site = resolve(option("--site", join(root, "public")));
const shots = resolve(option("--screenshots", join(repo, "docs/screenshots")));
const runVnu = !args.includes("--no-vnu");
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const SEED = "/articles/geneva-talks-hinge-on-russia-deescalating-ukraine-threat/";

const failures = [];
const warnings = [];
function fail(where, message) {
  failures.push(`${where}: ${message}`);
  console.log(`  FAIL ${where}: ${message}`);
}
function warn(where, message) {
  warnings.push(`${where}: ${message}`);
}
function step(text) {
  console.log(`== ${text}`);
}

// ---- the site ---------------------------------------------------------------------------------

if (!statSync(join(site, "index.html"), { throwIfNoEntry: false })) {
  console.error(`no built site at ${site} (run \`cargo run --release -- build\` first)`);
  process.exit(2);
}

/** The first page folder under `section` (sorted), preferring `prefer` when it exists. */
function pick(section, prefer) {
  if (prefer && statSync(join(site, section, prefer, "index.html"), { throwIfNoEntry: false })) {
    return `/${section}/${prefer}/`;
  }
  const dirs = readdirSync(join(site, section), { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== "page")
    .map((d) => d.name)
    .sort();
  if (!dirs.length) throw new Error(`no pages under /${section}/`);
  return `/${section}/${dirs[0]}/`;
}

const siteToml = readFileSync(join(root, "site.toml"), "utf8");
const language = (siteToml.match(/^language\s*=\s*"([^"]*)"/m) || [, "en"])[1];

/** `{kind: [path, 200]}` when the site has that page (the example site's showcases), else `{}`. */
function optional(kind, section, slug) {
  const found = statSync(join(site, section, slug, "index.html"), { throwIfNoEntry: false });
  return found ? { [kind]: [`/${section}/${slug}/`, 200] } : {};
}

// page type → [path, expected HTTP status]
const PAGES = {
  home: ["/", 200],
  briefing: [pick("briefings", "geneva-talks-background"), 200],
  article: [pick("articles", SEED.split("/")[2]), 200],
  ...optional("contents", "articles", "sample-harbour-city-water-plan"),
  ...optional("embed", "articles", "sample-grain-shipments-resume"),
  topic: [pick("topics", "ukraine"), 200],
  person: [pick("people", "antony-blinken"), 200],
  topics: ["/topics/", 200],
  people: ["/people/", 200],
  articles: ["/articles/", 200],
  briefings: ["/briefings/", 200],
  search: ["/search/", 200],
  404: ["/404.html", 200],
  missing: ["/no/such/page/", 404],
};

// ---- the browser ------------------------------------------------------------------------------

const server = await serve(site);
const origin = server.url;
// launch() starts Chromium with a fresh temporary profile (--user-data-dir) and removes it after.
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
  ],
});
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** A new page that records every problem: console errors, page errors, failed requests,
    HTTP errors and any request that leaves the local server. */
async function open(context, label, { expect404 = null } = {}) {
  const page = await context.newPage();
  const problems = [];
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const text = message.text();
    // Chromium logs the expected 404 of a missing URL's document as a console error.
    if (expect404 && /status of 404/.test(text) && message.location().url === origin + expect404) return;
    problems.push(`console error: ${text} (${message.location().url || "?"})`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) => {
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  });
  page.on("response", (response) => {
    const url = response.url();
    if (response.status() >= 400 && !(expect404 && url === origin + expect404)) {
      problems.push(`HTTP ${response.status()}: ${url}`);
    }
  });
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + "/") || url.startsWith("data:")) return route.continue();
    problems.push(`external request: ${url}`);
    return route.abort();
  });
  page.problems = () => {
    const list = problems.splice(0);
    for (const p of list) fail(label, p);
    return list.length;
  };
  return page;
}

async function structure(page, label) {
  const facts = await page.evaluate(() => {
    const nav = [...document.querySelectorAll("nav")];
    return {
      lang: document.documentElement.getAttribute("lang"),
      h1: document.querySelectorAll("h1").length,
      main: document.querySelectorAll("main").length,
      unlabelledNav: nav.filter((n) => !n.getAttribute("aria-label") && !n.getAttribute("aria-labelledby")).length,
      imagesWithoutAlt: [...document.querySelectorAll("img")].filter((i) => !i.hasAttribute("alt")).length,
      title: document.title,
      stylesheet: [...document.styleSheets].some((s) => (s.href || "").endsWith("/style.css")),
    };
  });
  if (facts.lang !== language) fail(label, `<html lang="${facts.lang}">, site.toml says "${language}"`);
  if (facts.h1 !== 1) fail(label, `${facts.h1} <h1> elements (want exactly 1)`);
  if (facts.main !== 1) fail(label, `${facts.main} <main> elements`);
  if (facts.unlabelledNav) fail(label, `${facts.unlabelledNav} <nav> without a label`);
  if (facts.imagesWithoutAlt) fail(label, `${facts.imagesWithoutAlt} <img> without alt`);
  if (!facts.title) fail(label, "empty <title>");
  if (!facts.stylesheet) fail(label, "style.css did not load");
}

async function horizontalScroll(page, label, width) {
  const overflow = await page.evaluate(() => {
    const doc = document.documentElement;
    if (doc.scrollWidth <= doc.clientWidth) return null;
    // Name the widest elements, to say what to fix.
    const wide = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > doc.clientWidth + 0.5)
      .slice(0, 3)
      .map((el) => el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ").join(".") : ""));
    return { scroll: doc.scrollWidth, client: doc.clientWidth, wide };
  });
  if (overflow) {
    fail(label, `scrolls sideways at ${width} px (${overflow.scroll} > ${overflow.client}): ${overflow.wide.join(", ")}`);
  }
}

async function axe(page, label) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) {
    await page.addScriptTag({ content: axeSource });
  }
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
      resultTypes: ["violations"],
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ") + (n.failureSummary ? " — " + n.failureSummary.split("\n").slice(1).join(" ") : "")),
      count: v.nodes.length,
    }));
  });
  for (const v of result) {
    const text = `axe ${v.impact} ${v.id}: ${v.help} (${v.count}×: ${v.nodes.join("; ")})`;
    if (v.impact === "serious" || v.impact === "critical") fail(label, text);
    else warn(label, text);
  }
  return result.length;
}

async function screenshot(page, name) {
  const file = join(shots, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: "disabled" });
  return relative(repo, file);
}

// ---- 1–3: every page type, at three widths, light and dark --------------------------------------

mkdirSync(shots, { recursive: true });
const written = [];
const WIDTHS = [320, 375, 1280];
const SHOT_WIDTHS = new Set([375, 1280]);

step(`Chromium ${browser.version()} on ${origin} (site: ${relative(process.cwd(), site) || "."})`);
for (const colorScheme of ["light", "dark"]) {
  for (const width of WIDTHS) {
    const context = await browser.newContext({
      viewport: { width, height: 900 },
      deviceScaleFactor: 1,
      colorScheme,
      reducedMotion: "reduce",
    });
    for (const [kind, [path, status]] of Object.entries(PAGES)) {
      const label = `${kind} ${path} @${width}${colorScheme === "dark" ? " dark" : ""}`;
      const page = await open(context, label, { expect404: status === 404 ? path : null });
      const response = await page.goto(origin + path, { waitUntil: "load" });
      if (response.status() !== status) fail(label, `HTTP ${response.status()} (want ${status})`);
      await structure(page, label);
      await horizontalScroll(page, label, width);
      // axe once per page type and colour scheme, at a phone and a desktop width.
      if (width === 375 || width === 1280) await axe(page, label);
      if (colorScheme === "light" && SHOT_WIDTHS.has(width) && !["missing", "contents", "embed"].includes(kind)) {
        written.push(await screenshot(page, `${kind}-${width}`));
      }
      if (colorScheme === "dark" && ((kind === "home" && width === 1280) || (kind === "article" && width === 375) || (kind === "topic" && width === 1280))) {
        written.push(await screenshot(page, `${kind}-${width}-dark`));
      }
      page.problems();
      await page.close();
    }
    await context.close();
  }
  console.log(`   ${Object.keys(PAGES).length} pages at ${WIDTHS.join(", ")} px, ${colorScheme}`);
}

// ---- 4: search ----------------------------------------------------------------------------------

step("search");
{
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });

  // The search page: the form appears, `Blinken` finds the seed article; the URL keeps the query.
  let label = "search page";
  let page = await open(context, label);
  await page.goto(origin + "/search/");
  if (!(await page.isVisible("form[data-search=page]"))) fail(label, "the search form is not shown with JavaScript on");
  if (await page.isVisible("[data-search-fallback]")) fail(label, "the no-JavaScript message is still shown");
  const index = server.requests.filter((r) => r.path.startsWith("/search/") && r.path.endsWith(".json")).length;
  if (index) fail(label, "the search index was loaded before the reader used search");
  const input = page.locator("#search-page-q");
  await input.focus();
  await input.pressSequentially("Blinken", { delay: 20 });
  const hit = page.locator(`[data-search-results] a[href="${SEED}"]`);
  await hit.first().waitFor({ timeout: 10000 }).catch(() => fail(label, `\`Blinken\` did not list ${SEED}`));
  const first = await page.locator("[data-search-results] .card-list a.search-hit").first().getAttribute("href").catch(() => null);
  if (first !== SEED) warn(label, `the first article for \`Blinken\` is ${first}, not the seed article`);
  if (!(await page.locator('[data-search-results] a[href="/people/antony-blinken/"]').count())) {
    fail(label, "`Blinken` did not list the person Antony Blinken");
  }
  if (!(await page.locator("[data-search-results] mark").count())) fail(label, "matches are not highlighted");
  if (!/[?&]q=Blinken\b/.test(page.url())) fail(label, `the URL does not keep the query: ${page.url()}`);
  const status = (await page.textContent("[data-search-status]")) || "";
  if (!/match/.test(status)) fail(label, `no result count in the status: "${status}"`);
  // The keyboard: ↓ from the box goes to the first result; Esc comes back.
  await input.focus();
  await page.keyboard.press("ArrowDown");
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.getAttribute("href"));
  if (!focused) fail(label, "ArrowDown from the search box does not move into the results");
  await page.keyboard.press("Escape");
  if (!(await page.evaluate(() => document.activeElement && document.activeElement.id === "search-page-q"))) {
    fail(label, "Escape in the results does not return to the search box");
  }
  await axe(page, label + " with results");
  await page.setViewportSize({ width: 1280, height: 900 });
  written.push(await screenshot(page, "search-results-1280"));
  page.problems();
  await page.close();

  // Diacritics and case: `BLÍNKEN geneva` via the URL.
  label = "search ?q=BLÍNKEN geneva";
  page = await open(context, label);
  await page.goto(origin + "/search/?q=BL%C3%8DNKEN+geneva");
  await page.locator(`[data-search-results] a[href="${SEED}"]`).first().waitFor({ timeout: 10000 })
    .catch(() => fail(label, "diacritics or case broke the match"));
  if ((await page.inputValue("#search-page-q")) !== "BLÍNKEN geneva") fail(label, "the box does not show the query from the URL");
  // Nonsense finds nothing, and says so.
  await page.fill("#search-page-q", "zzxqv");
  await page.waitForFunction(() => /Nothing matches/.test(document.querySelector("[data-search-status]").textContent));
  page.problems();
  await page.close();

  // The header's box: a list under it, Blinken → the seed article, Esc closes it.
  label = "header search";
  page = await open(context, label);
  await page.goto(origin + "/");
  const box = page.locator("#site-search-q");
  await box.focus();
  await box.pressSequentially("blinken", { delay: 20 });
  await page.locator(`#search-panel a[href="${SEED}"]`).first().waitFor({ timeout: 10000 })
    .catch(() => fail(label, `\`blinken\` in the header did not list ${SEED}`));
  await axe(page, label + " open");
  written.push(await screenshot(page, "header-search-1280"));
  await page.keyboard.press("Escape");
  if (await page.isVisible("#search-panel")) fail(label, "Escape does not close the list");
  // Enter goes to the search page with the query.
  await box.press("Enter");
  await page.waitForURL(/\/search\/\?q=blinken/);
  await page.locator(`[data-search-results] a[href="${SEED}"]`).first().waitFor({ timeout: 10000 })
    .catch(() => fail(label, "Enter in the header box did not show results on /search/"));
  page.problems();
  await page.close();

  // Phone width: the header box and its list fit.
  label = "header search @375";
  await context.close();
  const phone = await browser.newContext({ viewport: { width: 375, height: 800 }, deviceScaleFactor: 1 });
  page = await open(phone, label);
  await page.goto(origin + SEED);
  await page.locator("#site-search-q").fill("ukraine");
  await page.locator("#search-panel a.search-hit").first().waitFor({ timeout: 10000 })
    .catch(() => fail(label, "no results for `ukraine`"));
  await horizontalScroll(page, label, 375);
  const panel = await page.locator("#search-panel").boundingBox();
  if (!panel || panel.x < 0 || panel.x + panel.width > 375) fail(label, `the list is off screen: ${JSON.stringify(panel)}`);
  // The link to all results, the panel's last, is in the window without scrolling the page.
  const all = await page.locator("#search-panel .search-all").boundingBox();
  if (!all || all.y + all.height > 800) fail(label, `the panel's last link is cut off: ${JSON.stringify(all)}`);
  // A chip's name is one flex item: a highlighted part does not split its word.
  const split = await page.evaluate(() => [...document.querySelectorAll("#search-panel .chip")]
    .filter((chip) => [...chip.childNodes].some((n) => n.nodeType === 3 || n.nodeName === "MARK")).length);
  if (split) fail(label, `${split} chip(s) with bare text or marks beside the name`);
  page.problems();
  await page.close();
  await phone.close();
}

// Without JavaScript: pages work, the search page explains itself and links to the lists.
{
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
  for (const kind of ["home", "article", "topic", "search"]) {
    const label = `${kind} without JavaScript`;
    const page = await open(context, label);
    await page.goto(origin + PAGES[kind][0]);
    await structure(page, label);
    if (kind === "search") {
      if (await page.isVisible("form[data-search=page]")) fail(label, "shows a search form that cannot work");
      const text = (await page.textContent("[data-search-fallback]")) || "";
      if (!/JavaScript/.test(text)) fail(label, "does not say that search needs JavaScript");
      for (const href of ["/articles/", "/topics/", "/people/"]) {
        if (!(await page.locator(`[data-search-fallback] a[href="${href}"]`).count())) fail(label, `no link to ${href}`);
      }
    }
    if (kind !== "search") {
      // The header's search box would lead to a page that cannot search: a link replaces it.
      if (await page.isVisible("form.site-search")) fail(label, "shows the header search box, which needs JavaScript");
      if (!(await page.locator('.site-search-fallback a[href="/search/"]').isVisible())) {
        fail(label, "no link to the lists in the header");
      }
    }
    if (kind === "topic" && !(await page.locator(".coverage-chart svg rect").count())) {
      fail(label, "no coverage chart bars");
    }
    page.problems();
    await page.close();
  }
  await context.close();
  console.log("   search page, header box, keyboard, diacritics, JavaScript off");
}

// ---- an embedded video: nothing from its site until Play, then its player -----------------------

if (PAGES.embed) {
  step("embedded video");
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  const label = `embed ${PAGES.embed[0]}`;
  const page = await open(context, label);
  const players = [];
  // The player's site is not reached: the request is answered here, after the click only.
  await page.route(/^https:\/\/(player\.vimeo\.com|www\.youtube-nocookie\.com)\//, (route) => {
    players.push(route.request().url());
    return route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>player</title>" });
  });
  await page.goto(origin + PAGES.embed[0], { waitUntil: "load" });
  const play = page.locator(".embed[data-embed-player] .embed-play").first();
  if (!(await play.isVisible())) fail(label, "the Play button is not shown with JavaScript on");
  if (players.length || (await page.locator("iframe").count())) fail(label, "the player loaded before Play");
  await play.click();
  await page.locator(".embed iframe.embed-player").first().waitFor({ timeout: 5000 })
    .catch(() => fail(label, "Play did not put the player in the page"));
  if (!players.length) fail(label, "Play did not load the player");
  page.problems();
  await page.close();
  await context.close();
  console.log(`   placeholder only until Play, then ${players[0] || "no player"}`);
}

// ---- a briefing as a newsletter: email.html at 600 px ------------------------------------------

step("newsletter (email.html)");
{
  const briefing = PAGES.briefing[0];
  const label = `${briefing}email.html @600`;
  const context = await browser.newContext({ viewport: { width: 600, height: 900 }, deviceScaleFactor: 1 });
  const page = await open(context, label);
  const response = await page.goto(origin + briefing + "email.html", { waitUntil: "load" });
  if (response.status() !== 200) fail(label, `HTTP ${response.status()}`);
  const facts = await page.evaluate(() => ({
    stylesheets: document.querySelectorAll('link[rel~="stylesheet"]').length,
    scripts: document.querySelectorAll("script").length,
    styleElements: document.querySelectorAll("body style").length,
    relative: [...document.querySelectorAll("[href], [src]")]
      .map((el) => el.getAttribute("href") ?? el.getAttribute("src"))
      .filter((url) => !/^(https?:|mailto:)/.test(url)),
    links: document.querySelectorAll("a[href]").length,
    layoutTables: document.querySelectorAll('table[role="presentation"]').length,
    inlined: document.querySelectorAll("[style]").length,
    items: document.querySelectorAll("h2").length,
  }));
  if (facts.stylesheets) fail(label, `${facts.stylesheets} external stylesheet(s)`);
  if (facts.scripts) fail(label, `${facts.scripts} script(s)`);
  if (facts.relative.length) fail(label, `links that are not absolute: ${facts.relative.join(", ")}`);
  if (!facts.links) fail(label, "no links");
  if (!facts.layoutTables) fail(label, "no layout tables");
  if (!facts.inlined) fail(label, "no inlined styles");
  if (!facts.items) fail(label, "no items");
  await horizontalScroll(page, label, 600);
  written.push(await screenshot(page, "email-600"));
  page.problems();
  await page.close();
  await context.close();
  console.log(`   ${facts.items} items, ${facts.links} absolute links, no stylesheet, no script, fits 600 px`);
}

await browser.close();
await server.close();
console.log(`   screenshots: ${written.length} in ${relative(process.cwd(), shots) || "."}`);

// ---- 6: the Nu HTML Checker ---------------------------------------------------------------------

if (runVnu) {
  step("Nu HTML Checker (vnu-jar)");
  const jar = join(dirname(require.resolve("vnu-jar/package.json")), "build/dist/vnu.jar");
  // Newsletters (email.html) are HTML for mail programs, with the table attributes they need,
  // not web pages: they are checked above in Chromium instead.
  const pagesToCheck = spawnSync("find", [site, "-name", "*.html", "-not", "-name", "email.html"], { encoding: "utf8" })
    .stdout.trim().split("\n").filter(Boolean);
  const count = pagesToCheck.length;
  const vnu = spawnSync("java", ["-Xss8m", "-jar", jar, "--errors-only", "--format", "gnu", ...pagesToCheck], {
    encoding: "utf8",
  });
  if (vnu.error) {
    fail("vnu", `cannot run java: ${vnu.error.message}`);
  } else {
    const lines = (vnu.stderr + vnu.stdout).split("\n").filter((l) => l.trim());
    for (const line of lines) fail("vnu", line.replace(site + "/", "").replace("file:" + site + "/", ""));
    if (vnu.status !== 0 && !lines.length) fail("vnu", `exit status ${vnu.status}`);
    if (!lines.length) console.log(`   ${count} HTML files, no errors`);
  }
}

// ---- summary ------------------------------------------------------------------------------------

if (warnings.length) {
  console.log(`\n${warnings.length} warning(s) (axe moderate/minor; not failures):`);
  for (const w of [...new Set(warnings.map((w) => w.replace(/ @\d+( dark)?/, "")))]) console.log(`  warn ${w}`);
}
if (failures.length) {
  console.log(`\n${failures.length} failure(s).`);
  process.exit(1);
}
console.log("\nbrowser tests passed");
