#!/usr/bin/env python3
"""The README's screenshot of ``week --html``: a demo store, its week as a page, headless
Chromium's picture of the page's top at a desktop's width.

    python tools/screenshot.py              # writes docs/week.png
    python tools/screenshot.py --lang en    # the English page instead

The same seed and clock give the same store and the same page, so the picture changes only
when the page does. Needs Chromium (apt-get install -y chromium fonts-noto-cjk).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOW = "2026-12-04T18:00"  # a Friday evening: the week's report is due


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit("Chromium is not installed (apt-get install -y chromium fonts-noto-cjk)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="zh-CN", choices=("zh-CN", "en"))
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=1400)
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "week.png")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="salesplan-shot.") as tmp:
        folder = Path(tmp)
        env = {
            **os.environ,
            "SALESPLAN_DB": str(folder / "demo.db"),
            "SALESPLAN_NOW": NOW,
            "SALESPLAN_LANG": args.lang,
            "TZ": "Asia/Shanghai",
        }

        def salesplan(*words: str) -> None:
            subprocess.run(
                [sys.executable, "-m", "salesplan", *words],
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )

        salesplan("demo", "--years", "1", "--seed", "42")
        # The salesperson's name and own words head the page, as a rep's do.
        salesplan("config", "set", "name", "张丽" if args.lang == "zh-CN" else "Zhang Li")
        salesplan(
            "week",
            "--summary",
            "本周拜访华远建材三次，幕墙项目进入招投标；下周重点跟进望京SOHO。"
            if args.lang == "zh-CN"
            else "Three visits to Huayuan; the curtain-wall project is out to bid. Next week: "
            "Wangjing SOHO.",
        )
        page = folder / "周报.html"
        salesplan("week", "--html", "-o", str(page))
        args.output.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                chromium(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--hide-scrollbars",
                f"--user-data-dir={folder / 'profile'}",
                f"--window-size={args.width},{args.height}",
                f"--screenshot={args.output.resolve()}",
                page.as_uri(),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=120,
        )
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
