// No script from content runs in a real browser (docs/safety.md). On the hostile site that
// tests/hostile.rs writes (payloads in every field), built by brief:
//
//   HOSTILE_SITE=/tmp/hostile cargo test --test hostile -- --ignored write_hostile_site
//   brief --root /tmp/hostile build
//   node tests/browser/hostile.mjs /tmp/hostile/public
//
// Debian's Chromium (headless, through playwright-core) opens every HTML page of the built site,
// hovers and clicks every link and image on it, and fails if any `alert`, `confirm` or `prompt`
// dialog opens, any page error is thrown, or a click navigates to a `javascript:` or `data:` URL.
// http(s) and mailto links are clicked but not followed (their pages are checked on their own);
// the browser makes no request outside the local server.
// Exit status 0 when nothing ran, 1 otherwise.

import { readdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";

const site = resolve(process.argv[2] || "");
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";

/** Every HTML file under `dir`, as a site path (`/articles/x/` for an index.html). */
function pages(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".html")) continue;
    const path = "/" + relative(site, join(entry.parentPath, entry.name)).split("\\").join("/");
    found.push(path.endsWith("/index.html") ? path.slice(0, -"index.html".length) : path);
  }
  return found.sort();
}

const server = await serve(site);
const origin = server.url;
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
});
const context = await browser.newContext();
// Following an http(s) or mailto link leads to another page (checked on its own) or leaves the
// site, so the click's default action is cancelled for those: every click stays on the page
// under test. Any other link (javascript:, data:, …) is followed as a browser would.
await context.addInitScript(() => {
  document.addEventListener(
    "click",
    (event) => {
      const link = event.target.closest && event.target.closest("a[href]");
      if (link && /^(https?|mailto):$/.test(new URL(link.href, location.href).protocol)) {
        event.preventDefault();
      }
    },
    true,
  );
});
// Nothing outside this server is fetched: a payload that loads from elsewhere fails the run.
const outside = [];
await context.route("**/*", (route) => {
  const url = route.request().url();
  if (url.startsWith(origin)) return route.continue();
  outside.push(url);
  return route.abort();
});

const failures = [];
let clicked = 0;
const paths = pages(site);
for (const path of paths) {
  const page = await context.newPage();
  page.on("dialog", async (dialog) => {
    failures.push(`${path}: a ${dialog.type()} dialog opened: ${dialog.message()}`);
    await dialog.dismiss();
  });
  page.on("pageerror", (error) => failures.push(`${path}: page error: ${error.message}`));
  page.on("framenavigated", (frame) => {
    const url = frame.url();
    if (/^\s*(javascript|data|vbscript):/i.test(url)) failures.push(`${path}: navigated to ${url}`);
  });
  await page.goto(origin + path, { waitUntil: "load" });
  const targets = await page.locator("a, img, [onclick], [onmouseover]").count();
  for (let index = 0; index < targets; index++) {
    // A click that navigated anyway (a failure, recorded above): back to the page under test.
    if (page.url() !== origin + path) {
      await page.waitForLoadState("load").catch(() => {});
      await page.goto(origin + path, { waitUntil: "load" });
    }
    const target = page.locator("a, img, [onclick], [onmouseover]").nth(index);
    // Hidden elements (visually hidden labels, a closed menu) cannot be clicked by a reader.
    if (!(await target.isVisible())) continue;
    try {
      // A plain click in the page itself, pointer moved over the element first: javascript:
      // URLs and mouse event handlers would run here.
      await target.click({ timeout: 1000, noWaitAfter: true, force: true });
      clicked++;
    } catch {
      // Covered elements cannot be clicked by a reader either: not a failure.
    }
  }
  // Dialogs from the last clicks are reported before the page goes.
  await page.waitForTimeout(50);
  await page.close();
}
await browser.close();
await server.close();

console.log(`${paths.length} pages, ${clicked} links and images clicked, ${outside.length} outside requests blocked`);
if (!paths.length || !clicked) failures.push("nothing was checked: is the site built?");
for (const failure of failures) console.log(`FAIL ${failure}`);
console.log(`${paths.length - new Set(failures.map((f) => f.split(":")[0])).size} passed, ${new Set(failures.map((f) => f.split(":")[0])).size} failed`);
process.exit(failures.length ? 1 : 0);
