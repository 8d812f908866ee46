// End-to-end: `brief serve` in headless Chromium (Debian's `chromium` package; nothing downloads
// a browser). Opens an article, saves a change to its file and sees the new text without any
// action; saves broken YAML and sees the error overlay; fixes it and sees the page come back;
// changes a stylesheet and sees it swapped without a reload; stops the server with Ctrl-C.
//
// Run: npm test (after `cargo build`; the binary is found under CARGO_TARGET_DIR when it is set);
// BRIEF_BIN and CHROMIUM override the binaries.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const brief =
  process.env.BRIEF_BIN ?? join(process.env.CARGO_TARGET_DIR ?? join(here, "..", "..", "target"), "debug", "brief");
const browserPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const WAIT = 60_000;

function startServer(root) {
  const child = spawn(brief, ["--root", root, "serve", "--port", "0"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`brief serve did not start:\n${output}`)), WAIT);
    const read = (chunk) => {
      output += chunk;
      const match = output.match(/Serving on (http:\/\/\S+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.on("exit", (code) => reject(new Error(`brief serve exited with ${code}:\n${output}`)));
  });
  return { child, url, log: () => output };
}

test("live preview in Chromium: edit, error overlay, fix, stylesheet swap", { timeout: 5 * WAIT }, async () => {
  const root = mkdtempSync(join(tmpdir(), "brief-e2e-site-"));
  const profile = mkdtempSync(join(tmpdir(), "brief-e2e-chromium-"));
  execFileSync(brief, ["init", root, "--force"]);
  const articlePath = join(root, "content", "articles", "a-first-article.md");
  const original = readFileSync(articlePath, "utf8");
  const server = startServer(root);
  let context;
  try {
    const base = await server.url;
    context = await chromium.launchPersistentContext(profile, {
      executablePath: browserPath,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(new URL("articles/a-first-article/", base).href);
    assert.match(await page.innerText("body"), /Write the article here/);
    // The page is listening before anything is saved.
    await page.waitForFunction(() => window.__briefLiveReload?.readyState === 1, null, { timeout: WAIT });

    // 1. Save a change: the new text shows without any action.
    writeFileSync(articlePath, original.replace("Write the article here", "Edited by the e2e test"));
    await page.waitForFunction(() => document.body.innerText.includes("Edited by the e2e test"), null, {
      timeout: WAIT,
    });

    // 2. Save broken YAML: the overlay names the file, line and column.
    writeFileSync(articlePath, original.replace("title: A first article", "title: [A first article"));
    const overlay = await page.waitForSelector("#brief-error-overlay", { timeout: WAIT });
    const overlayText = await overlay.innerText();
    assert.match(overlayText, /content\/articles\/a-first-article\.md:\d+:\d+/);
    // The last good page is still what is shown under it.
    assert.match(await page.innerText("main"), /Edited by the e2e test/);

    // 3. Fix it: the overlay goes and the page reloads by itself.
    writeFileSync(articlePath, original.replace("Write the article here", "Fixed by the e2e test"));
    await page.waitForFunction(
      () => !document.getElementById("brief-error-overlay") && document.body.innerText.includes("Fixed by the e2e test"),
      null,
      { timeout: WAIT },
    );

    // 4. A stylesheet change is swapped in place: no reload (the marker survives).
    await page.evaluate(() => {
      window.__briefMarker = "still here";
    });
    // `brief init` leaves the theme's stylesheet in brief; the site overrides it with a copy of
    // what is served plus one rule.
    const served = await (await fetch(new URL("style.css", base))).text();
    mkdirSync(join(root, "static"), { recursive: true });
    writeFileSync(join(root, "static", "style.css"), served + "\nbody { outline: 3px solid rgb(255, 0, 0); }\n");
    await page.waitForFunction(() => getComputedStyle(document.body).outlineColor === "rgb(255, 0, 0)", null, {
      timeout: WAIT,
    });
    assert.equal(await page.evaluate(() => window.__briefMarker), "still here");
  } finally {
    if (context) await context.close();
    const exited =
      server.child.exitCode !== null
        ? Promise.resolve({ code: server.child.exitCode })
        : new Promise((resolve) => server.child.once("exit", (code) => resolve({ code })));
    server.child.kill("SIGINT");
    const { code } = await exited;
    rmSync(profile, { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
    assert.equal(code, 0, `Ctrl-C stops brief serve cleanly:\n${server.log()}`);
  }
});
