"""Save a PNG screenshot of a built graph.html, as a reader sees it, offline.

    python scripts/screenshot.py output/graph.html docs/graph.png

Drives Debian's Chromium (``apt-get install chromium``) through Playwright; no browser download.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def screenshot(page_path: Path, png_path: Path, *, width: int = 1400, height: int = 900) -> None:
    """Open ``page_path`` with networking off, wait until the layout has settled, save ``png_path``."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": width, "height": height}, offline=True)
        page = context.new_page()
        page.goto(page_path.resolve().as_uri())
        page.wait_for_selector("body[data-settled=true]", timeout=60_000)
        page.wait_for_timeout(300)  # the last frame after physics is switched off
        page.screenshot(path=str(png_path))
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", type=Path, nargs="?", default=Path("output/graph.html"))
    parser.add_argument("png", type=Path, nargs="?", default=Path("docs/graph.png"))
    args = parser.parse_args()
    screenshot(args.page, args.png)
    print(f"{args.page} -> {args.png}")


if __name__ == "__main__":
    main()
