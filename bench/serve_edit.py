#!/usr/bin/env python3
"""Time from saving one article to the reload event of `brief serve`, on a generated corpus.

usage: bench/serve_edit.py [N] [--edits K] [--keep DIR]

Generates N articles with ../shared/bench/gen_corpus.py (default 10000) into a temporary site
(site.toml + content/articles, a real copy, no symlink), starts `target/release/brief serve
--port 0`, listens to /__brief/events, then K times appends a sentence to one article and
measures the time from the end of the write to the `reload` event that names its page. Prints
each measurement, the server's own "Rebuilt in" line and the median. Build first:
`cargo build --release`.
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
GEN = os.environ.get("BRIEF_GEN", os.path.join(REPO, "..", "shared", "bench", "gen_corpus.py"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=10000)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--keep", help="build the site in this folder and keep it")
    args = parser.parse_args()
    brief = os.path.join(REPO, "target", "release", "brief")
    site = args.keep or tempfile.mkdtemp(prefix="brief-serve-bench-")
    articles = os.path.join(site, "content", "articles")
    if not os.path.isdir(articles):
        corpus = tempfile.mkdtemp(prefix="brief-corpus-")
        subprocess.run([sys.executable, GEN, str(args.n), corpus], check=True, stdout=subprocess.DEVNULL)
        os.makedirs(os.path.join(site, "content"), exist_ok=True)
        shutil.copytree(os.path.join(corpus, "articles"), articles)
        shutil.rmtree(corpus)
        with open(os.path.join(site, "site.toml"), "w") as f:
            f.write('title = "Bench"\nbase_url = "https://bench.example"\n')
    server = subprocess.Popen([brief, "--verbose", "--root", site, "serve", "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    ready = threading.Event()
    port = []

    def read():
        for line in server.stdout:
            lines.append(line.rstrip("\n"))
            m = re.search(r"Serving on http://127\.0\.0\.1:(\d+)/", line)
            if m:
                port.append(int(m.group(1)))
                ready.set()

    threading.Thread(target=read, daemon=True).start()
    try:
        if not ready.wait(600):
            sys.exit("brief serve did not start:\n" + "\n".join(lines))
        print("\n".join(lines))
        sock = socket.create_connection(("127.0.0.1", port[0]))
        sock.sendall(b"GET /__brief/events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n")
        stream = sock.makefile("rb")
        while stream.readline() not in (b"\r\n", b""):
            pass

        def next_event():
            name, data = None, ""
            while True:
                line = stream.readline().decode().rstrip("\r\n")
                if line.startswith("event:"):
                    name = line[6:].strip()
                elif line.startswith("data:"):
                    data += line[5:].strip()
                elif line == "" and name:
                    return name, json.loads(data)

        assert next_event()[0] == "hello"
        names = sorted(os.listdir(articles))
        timings = []
        for k in range(args.edits):
            name = names[(k * 997) % len(names)]
            path = os.path.join(articles, name)
            with open(path) as f:
                text = f.read()
            slug = re.search(r'^slug: "?([^"\n]+)"?$', text, re.M).group(1)
            page = f"articles/{slug}/index.html"
            time.sleep(0.5)
            with open(path, "w") as f:
                f.write(text + f"\nEdit number {k}.\n")
            start = time.perf_counter()
            while True:
                event, data = next_event()
                if event == "reload" and page in data.get("written", []):
                    break
            elapsed = (time.perf_counter() - start) * 1000
            timings.append(elapsed)
            time.sleep(0.2)
            rebuilt = [l for l in lines if l.startswith("Rebuilt")]
            stages = [l for l in lines if l.startswith("Stages")]
            print(f"edit {k}: save -> reload event {elapsed:.0f} ms   ({rebuilt[-1] if rebuilt else ''})")
            print(f"    {stages[-1] if stages else ''}")
        print(f"median save -> reload event: {statistics.median(timings):.0f} ms over {len(timings)} edits "
              f"({args.n} articles; includes the {50} ms debounce window)")
    finally:
        server.terminate()
        server.wait()
        if not args.keep:
            shutil.rmtree(site, ignore_errors=True)


if __name__ == "__main__":
    main()
