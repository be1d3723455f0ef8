#!/usr/bin/env python3
"""Writes a batch plan for the `somepost batch` benchmark (Python 3 standard library only;
deterministic).

    python3 bench/batch/make_plan.py OUT.csv|OUT.jsonl [--rows N] [--seed S]

The format follows the extension: CSV with a header row, or JSON Lines. Each row names
one of the built-in kit's six messages and what a campaign week varies per post:
- platforms: 1-3 of the seven built-in platforms (mean 2), as "x,bluesky" (quoted in CSV);
- hashtags: empty (the message's defaults) in 60 %, 1-3 catalogue tags written with or
  without '#' and in any case in 30 %, "-" (no tags) in 10 %;
- link: "yes" in 80 %, "no" otherwise; lang: "fi" or empty;
- utm_campaign: one of three campaign names in 50 %, empty otherwise.

The same --rows and --seed always give the same bytes, and a file of N rows starts with
the rows of any shorter one. The number of output records the plan yields (rows ×
platforms) goes to OUT.records, a summary to stderr.
"""

from __future__ import annotations

import argparse
import json
import random
import sys

PLATFORMS = ["x", "mastodon", "bluesky", "threads", "instagram", "linkedin", "facebook"]
TAGS = ["aluevaalit2022", "#mielenterveysvaalit", "Mielenterveys", "#terapiatakuu", "mieli",
        "#mielenterveysvaalit2022", "#aluevaalit"]
CAMPAIGNS = ["kevat-2026", "syksy-2026", "mielenterveysviikko"]


def rows(count: int, seed: int):
    rng = random.Random(seed)
    for _ in range(count):
        platforms = rng.sample(PLATFORMS, rng.choice([1, 2, 3]))
        r = rng.random()
        if r < 0.6:
            hashtags = ""
        elif r < 0.9:
            hashtags = " ".join(rng.sample(TAGS, rng.randint(1, 3)))
        else:
            hashtags = "-"
        yield {
            "message": str(rng.randint(1, 6)),
            "platforms": platforms,
            "hashtags": hashtags,
            "link": "yes" if rng.random() < 0.8 else "no",
            "lang": rng.choice(["fi", ""]),
            "utm_campaign": rng.choice(CAMPAIGNS) if rng.random() < 0.5 else "",
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    jsonl = args.out.endswith(".jsonl")
    records = 0
    with open(args.out, "w", encoding="utf-8", newline="") as f:
        if not jsonl:
            f.write("message,platforms,hashtags,link,lang,utm_campaign\n")
        for row in rows(args.rows, args.seed):
            records += len(row["platforms"])
            if jsonl:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
            else:
                f.write(f'{row["message"]},"{",".join(row["platforms"])}",{row["hashtags"]},{row["link"]},'
                        f'{row["lang"]},{row["utm_campaign"]}\n')
    with open(args.out + ".records", "w", encoding="utf-8") as f:
        f.write(f"{records}\n")
    print(f"make_plan: {args.rows} rows, {records} records ({records / max(args.rows, 1):.2f} platforms a row) "
          f"-> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
