#!/usr/bin/env python3
"""chart-check draws the mermaid chart of each markdown report named on the
command line in headless Chromium, with the mermaid build GitHub's renderer
uses, and checks what was drawn, not only that it parses:

- one bar per scored sign, none for a sign that could not be scored;
- each bar in the colour of the band its label names (green low, amber
  medium, red high, grey unknown), as the report promises;
- the sign labels drawn in full, as the report's x-axis lists them;
- two threshold lines.

It writes a screenshot of every chart to the folder given with --shots.

usage: chart-check.py --mermaid PATH/mermaid.min.js --shots DIR REPORT.md...
"""

import argparse
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

BAND_COLOURS = {"low": "#2e7d32", "medium": "#b26a00", "high": "#c62828", "unknown": "#616161"}

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<style>body {{ margin: 0; background: #fff; font-family: sans-serif; }}</style></head>
<body><pre class="mermaid">{code}</pre>
<script src="{mermaid}"></script>
<script>
mermaid.initialize({{ startOnLoad: false }});
mermaid.run({{ querySelector: '.mermaid' }})
  .then(() => document.body.setAttribute('data-done', '1'))
  .catch((e) => document.body.setAttribute('data-error', String(e)));
</script></body></html>
"""


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("chart-check: no chromium on PATH")


def run_chromium(browser, page, *args):
    cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
           "--allow-file-access-from-files", "--virtual-time-budget=15000", *args, "file://" + page]
    return subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=120).stdout


def expected(code):
    """The labels and the values of each bar series, from the chart source."""
    labels = json.loads(re.search(r"^\s*x-axis (\[.*\])$", code, re.M).group(1))
    bars = [[float(v) for v in m.split(",")] for m in re.findall(r"^\s*bar \[(.*)\]$", code, re.M)]
    lines = re.findall(r"^\s*line \[(.*)\]$", code, re.M)
    palette = re.search(r'plotColorPalette: "(.*)"', code).group(1).split(", ")
    return labels, bars, lines, palette


def check(path, browser, mermaid, shots):
    md = open(path, encoding="utf-8").read()
    m = re.search(r"^```mermaid\n(.*?)^```$", md, re.M | re.S)
    if not m:
        return [f"{path}: no mermaid chart"]
    code = m.group(1)
    labels, bars, lines, palette = expected(code)
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        page = os.path.join(tmp, "chart.html")
        with open(page, "w", encoding="utf-8") as f:
            f.write(PAGE.format(code=html.escape(code), mermaid="file://" + os.path.abspath(mermaid)))
        dom = run_chromium(browser, page, "--dump-dom")
        if 'data-done="1"' not in dom:
            err = re.search(r'data-error="([^"]*)"', dom)
            return [f"{path}: mermaid did not draw the chart: {err.group(1) if err else 'no result'}"]
        height = int(re.search(r"height: (\d+)", code).group(1))
        name = os.path.splitext(os.path.basename(path))[0] + ".png"
        run_chromium(browser, page, f"--window-size=920,{height + 20}", "--screenshot=" + os.path.join(shots, name))
    svg = dom[dom.index("<svg"):dom.index("</svg>")]
    # Bars: the rects of each bar plot, with a width.
    drawn = []
    for i, group in enumerate(re.findall(r'<g class="bar-plot-\d+">(.*?)</g>', svg, re.S)):
        for r in re.finditer(r'<rect x="([-\d.]+)" y="([-\d.]+)" width="([-\d.]+)" height="([-\d.]+)" fill="([^"]+)"', group):
            x, y, w, h, fill = float(r[1]), float(r[2]), float(r[3]), float(r[4]), r[5]
            if w > 0 and h > 0:
                drawn.append((y, w, fill.lower()))
    drawn.sort()
    want = []
    for row, label in enumerate(labels):
        band = re.search(r"\((?:[\d.]+), (low|medium|high|unknown)\)$", label)
        if band:
            want.append((row, label, BAND_COLOURS[band.group(1)]))
        elif not label.endswith("(not scored)"):
            problems.append(f"{path}: label {label!r} names neither a band nor 'not scored'")
    if len(drawn) != len(want):
        problems.append(f"{path}: {len(drawn)} bars drawn, {len(want)} signs scored")
    for (y, w, fill), (row, label, colour) in zip(drawn, want):
        if fill != colour:
            problems.append(f"{path}: the bar of {label!r} is {fill}, want {colour}")
    if set(palette[: len(bars)]) - set(BAND_COLOURS.values()):
        problems.append(f"{path}: bar colours {palette[:len(bars)]} are not band colours")
    # Labels: every sign's label is drawn whole.
    texts = [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
    for label in labels:
        if label not in texts:
            problems.append(f"{path}: label {label!r} is not drawn (or not in full)")
    # Threshold lines.
    paths = re.findall(r'<g class="line-plot-\d+"><path d="M[^"]+"', svg)
    if len(paths) != 2 or len(lines) != 2:
        problems.append(f"{path}: {len(paths)} threshold lines drawn, want 2")
    print(("FAIL " if problems else "ok   ") + f"{path}: {len(drawn)} bars, {len(labels)} labels, {len(paths)} lines, screenshot {name}")
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mermaid", required=True)
    ap.add_argument("--shots", required=True)
    ap.add_argument("reports", nargs="+")
    args = ap.parse_args()
    os.makedirs(args.shots, exist_ok=True)
    browser = chromium()
    bad = []
    for path in args.reports:
        bad += check(path, browser, args.mermaid, args.shots)
    for p in bad:
        print(p)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
