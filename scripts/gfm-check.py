#!/usr/bin/env python3
"""gfm-check renders markdown files with cmark-gfm, GitHub's own fork of
cmark, with the extensions GitHub uses (tables, autolinks, strikethrough), and
checks that the structure survived: every table in the source is
a table in the HTML, with every row holding as many cells as its header
(GFM silently drops extra cells and pads missing ones), the headings are the
ones the source has, and no raw HTML reached the output. Exit 1 on any
problem, with file and line."""

import re
import subprocess
import sys
from html.parser import HTMLParser


class Shape(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables = []  # per table: list of row cell counts, header first
        self.headings = []
        self.raw_html = 0
        self._row = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self._row = 0
        elif tag in ("td", "th") and self._row is not None:
            self._row += 1
        elif re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag in ("script", "iframe", "img", "a", "style"):
            self.raw_html += 1

    def handle_endtag(self, tag):
        if tag == "tr" and self.tables:
            self.tables[-1].append(self._row)
            self._row = None

    def handle_comment(self, data):
        if "raw HTML omitted" in data:
            self.raw_html += 1


def unescaped_cells(line):
    """Cells of a GFM table row: pipes not escaped by a backslash, minus the
    leading and trailing ones."""
    n, bs = 0, 0
    for ch in line:
        if ch == "\\":
            bs += 1
            continue
        if ch == "|" and bs % 2 == 0:
            n += 1
        bs = 0
    return n - 1


def source_shape(md):
    tables, headings = [], []
    fence = False
    lines = md.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("```"):
            fence = not fence
            continue
        if fence:
            continue
        m = re.match(r"(#{1,6}) ", line)
        if m:
            headings.append((len(m.group(1)), i + 1))
        if line.startswith("|") and i + 1 < len(lines) and re.match(r"\|\s*:?-{3,}", lines[i + 1]):
            rows = []
            j = i
            while j < len(lines) and lines[j].startswith("|"):
                if j != i + 1:
                    rows.append((unescaped_cells(lines[j]), j + 1))
                j += 1
            tables.append(rows)
    return tables, headings


def check(path):
    md = open(path, encoding="utf-8").read()
    html = subprocess.run(["cmark-gfm", "-e", "table", "-e", "autolink", "-e", "strikethrough", path], check=True, capture_output=True, text=True).stdout
    shape = Shape()
    shape.feed(html)
    src_tables, src_headings = source_shape(md)
    problems = []
    if len(shape.tables) != len(src_tables):
        problems.append(f"{path}: {len(src_tables)} tables in the source, {len(shape.tables)} rendered")
    for rows, rendered in zip(src_tables, shape.tables):
        header = rows[0][0]
        for cells, line in rows:
            if cells != header:
                problems.append(f"{path}:{line}: row has {cells} cells, its header {header}")
        if len(rendered) != len(rows):
            problems.append(f"{path}:{rows[0][1]}: table has {len(rows)} rows, {len(rendered)} rendered")
    if [h for h, _ in src_headings] != shape.headings:
        problems.append(f"{path}: headings {[h for h, _ in src_headings]} in the source, {shape.headings} rendered")
    if shape.raw_html:
        problems.append(f"{path}: {shape.raw_html} piece(s) of raw HTML or links reached the output")
    return problems, len(src_tables), len(src_headings)


def main():
    bad = []
    for path in sys.argv[1:]:
        problems, tables, headings = check(path)
        bad += problems
        print(("FAIL " if problems else "ok   ") + f"{path}: {tables} tables, {headings} headings")
    for p in bad:
        print(p)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
