"""Structured data and link-preview metadata of a built site, read by a real parser.

    python tests/metadata/structured_data.py SITE_OUTPUT_DIR

extruct (PyPI) reads each page's JSON-LD and Open Graph as search engines and link previews do.
For one page of every type, the page must yield the schema.org types expected of it, each with
the properties Google's structured-data documentation requires or recommends, and the Open
Graph properties of a preview. Every other HTML page must at least parse. Exit 1 on any
problem, listing them all; the last line says how many pages and items passed.
"""

import pathlib
import sys
from urllib.parse import urlparse

import extruct

# page type -> (a page of that type, the schema.org types it must carry)
PAGES = {
    "home": ("index.html", {"WebSite"}),
    "article": ("articles/*/index.html", {"NewsArticle", "BreadcrumbList"}),
    "briefing": ("briefings/*/index.html", {"CollectionPage", "BreadcrumbList"}),
    "topic": ("topics/*/index.html", {"CollectionPage", "BreadcrumbList"}),
    "person": ("people/*/index.html", {"Person", "CollectionPage", "BreadcrumbList"}),
    "topics": ("topics/index.html", {"CollectionPage", "BreadcrumbList"}),
    "people": ("people/index.html", {"CollectionPage", "BreadcrumbList"}),
    "articles": ("articles/index.html", {"CollectionPage", "BreadcrumbList"}),
    "briefings": ("briefings/index.html", {"CollectionPage", "BreadcrumbList"}),
    "search": ("search/index.html", {"BreadcrumbList"}),
    "404": ("404.html", set()),
}

# schema.org type -> properties it must have
REQUIRED = {
    "WebSite": ["name", "url", "potentialAction"],
    "NewsArticle": ["headline", "datePublished", "dateModified", "author", "publisher", "url",
                    "mainEntityOfPage", "description", "inLanguage"],
    "CollectionPage": ["name", "url", "mainEntity"],
    "Person": ["name", "url"],
    "BreadcrumbList": ["itemListElement"],
}

OPEN_GRAPH = ["og:title", "og:type", "og:url", "og:site_name", "og:locale"]

problems = []


def problem(where, text):
    problems.append(f"{where}: {text}")


def absolute(where, url):
    parsed = urlparse(url or "")
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        problem(where, f"{url!r} is not an absolute URL")


def check_item(where, item):
    kind = item.get("@type")
    for name in REQUIRED.get(kind, []):
        if item.get(name) in (None, "", []):
            problem(where, f"{kind} without {name}")
    if kind == "WebSite":
        action = item.get("potentialAction", {})
        target = action.get("target", {}).get("urlTemplate", "")
        if action.get("@type") != "SearchAction" or "{search_term_string}" not in target:
            problem(where, f"WebSite without a SearchAction taking a query: {action}")
    if kind == "NewsArticle":
        if len(item.get("headline", "")) > 110:
            problem(where, "a headline over 110 characters")
        for who in item.get("author", []) + [item.get("publisher", {})]:
            if who.get("@type") not in ("Person", "Organization") or not who.get("name"):
                problem(where, f"an author or publisher without a type and a name: {who}")
        absolute(where, item.get("url"))
    if kind == "CollectionPage":
        items = item.get("mainEntity", {})
        if items.get("@type") != "ItemList" or "numberOfItems" not in items:
            problem(where, f"CollectionPage whose mainEntity is no ItemList: {items}")
        for entry in items.get("itemListElement", []):
            absolute(where, entry.get("url"))
    if kind == "BreadcrumbList":
        crumbs = item.get("itemListElement", [])
        if [c.get("position") for c in crumbs] != list(range(1, len(crumbs) + 1)):
            problem(where, "breadcrumb positions are not 1, 2, 3, …")
        for crumb in crumbs:
            absolute(where, crumb.get("item"))
            if not crumb.get("name"):
                problem(where, "a breadcrumb without a name")


def open_graph(data):
    properties = {}
    for block in data.get("opengraph", []):
        for name, value in block.get("properties", []):
            properties.setdefault(name, []).append(value)
    return properties


def check_page(site, kind, path, expected):
    where = f"{kind} /{path.relative_to(site)}"
    html = path.read_text(encoding="utf-8")
    data = extruct.extract(html, base_url="https://example.invalid/", syntaxes=["json-ld", "opengraph"],
                           uniform=False, errors="strict")
    items = data["json-ld"]
    found = {item.get("@type") for item in items}
    if found != expected:
        problem(where, f"schema.org types {sorted(found)}, expected {sorted(expected)}")
    for item in items:
        if item.get("@context") not in ("https://schema.org", "http://schema.org"):
            problem(where, f"an item without the schema.org context: {item.get('@type')}")
        check_item(where, item)
    og = open_graph(data)
    needed = [p for p in OPEN_GRAPH if not (kind == "404" and p == "og:url")]
    for name in needed:
        if not og.get(name):
            problem(where, f"no {name}")
    want_type = "article" if kind in ("article", "briefing") else "website"
    if og.get("og:type") != [want_type]:
        problem(where, f"og:type {og.get('og:type')}, expected {want_type}")
    if kind in ("article", "briefing") and not og.get("article:published_time"):
        problem(where, "no article:published_time")
    if "og:image" in og:
        absolute(where, og["og:image"][0])
    return len(items)


def main():
    site = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "public")
    if not (site / "index.html").is_file():
        sys.exit(f"no built site at {site}")
    items = 0
    for kind, (pattern, expected) in PAGES.items():
        matches = sorted(site.glob(pattern))
        if not matches:
            problem(kind, f"no page matches {pattern}")
            continue
        items += check_page(site, kind, matches[0], expected)
    # Every page parses (a JSON-LD syntax error raises under errors="strict").
    pages = sorted(site.rglob("*.html"))
    for path in pages:
        try:
            extruct.extract(path.read_text(encoding="utf-8"), syntaxes=["json-ld"], errors="strict")
        except Exception as error:  # noqa: BLE001 - any parser error is the finding
            problem(f"/{path.relative_to(site)}", f"structured data does not parse: {error}")
    for text in problems:
        print(f"FAIL {text}")
    if problems:
        print(f"{len(problems)} problem(s)")
        sys.exit(1)
    print(f"structured data: {len(PAGES)} page types ({items} items) as expected, {len(pages)} pages parse")


main()
