// A tiny static file server for a built site: 127.0.0.1, a random free port, no dependencies.
// `/dir/` serves `dir/index.html`; a missing file gets the site's `/404.html` with status 404,
// as static hosts do. With a `prefix` (`/desk`) the site is served under it, as GitHub Pages serves
// a project site: `/desk/dir/` is `dir/index.html`, and nothing outside `/desk/` exists. Every
// request is recorded, so tests can tell what the pages loaded.

import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { gzipSync } from "node:zlib";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".mp4": "video/mp4",
  ".webm": "video/webm",
};

async function fileAt(root, urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const full = normalize(join(root, path));
  if (full !== root && !full.startsWith(root + sep)) return null;
  try {
    const info = await stat(full);
    if (info.isDirectory()) {
      // `/topics` → redirect to `/topics/`, as static hosts do.
      if (!urlPath.endsWith("/")) return { redirect: urlPath + "/" };
      return (await stat(join(full, "index.html")).catch(() => null)) ? { file: join(full, "index.html") } : null;
    }
    return { file: full };
  } catch {
    return null;
  }
}

/** Serve `dir`; resolves to `{ url, requests, close() }`. With `gzip`, compressible responses are
    gzipped when the client accepts it (to measure what a real host would send); with `prefix`, the
    site is served under that path. */
export async function serve(dir, { gzip = false, prefix = "" } = {}) {
  const root = resolve(dir);
  const requests = [];
  const compressed = new Map();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://localhost");
    const inside = url.pathname.startsWith(prefix + "/");
    const found = inside ? await fileAt(root, url.pathname.slice(prefix.length)) : null;
    if (found && found.redirect) found.redirect = prefix + found.redirect;
    requests.push({ path: url.pathname, status: found ? (found.redirect ? 301 : 200) : 404 });
    if (found && found.redirect) {
      res.writeHead(301, { Location: found.redirect + url.search });
      res.end();
      return;
    }
    let status = 200;
    let file = found && found.file;
    if (!file) {
      status = 404;
      file = join(root, "404.html");
    }
    let body;
    try {
      body = await readFile(file);
    } catch {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("not found");
      return;
    }
    const type = TYPES[extname(file).toLowerCase()] || "application/octet-stream";
    const headers = { "Content-Type": type, "Cache-Control": "no-cache" };
    if (gzip && /text|json|xml|svg/.test(type) && /\bgzip\b/.test(req.headers["accept-encoding"] || "")) {
      // Compressed once per file, as a host serving precompressed files would.
      const key = file + ":" + body.length;
      if (!compressed.has(key)) compressed.set(key, gzipSync(body, { level: 6 }));
      body = compressed.get(key);
      headers["Content-Encoding"] = "gzip";
    }
    headers["Content-Length"] = body.length;
    res.writeHead(status, headers);
    res.end(req.method === "HEAD" ? undefined : body);
  });
  await new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", ok);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((ok) => server.close(ok)),
  };
}
