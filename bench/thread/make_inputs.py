#!/usr/bin/env python3
"""Writes the inputs of the `--thread` and `--fit` benchmark (Python 3 standard library only;
deterministic: the same arguments always give the same bytes).

    python3 bench/thread/make_inputs.py OUT_DIR

Output:

  spaces-1m.txt, spaces-2m.txt    Finnish campaign prose of at least 1,000,000 and 2,000,000
                                  UTF-8 bytes: sentences with ä/ö, #hashtags, @mentions (some
                                  @user@domain), URLs with and without https://, emoji with
                                  skin tones and ZWJ sequences; a blank line between
                                  paragraphs. Every word is shorter than any platform's part,
                                  so threads break at whitespace. The 1 MB file is the first
                                  paragraphs of the 2 MB one.
  nospace-1m.txt, nospace-2m.txt  the same words run together without any whitespace (one
                                  "word" of 1 or 2 MB; 💚 after each hashtag, mention and URL
                                  ends it): every part is cut at a grapheme cluster boundary,
                                  the splitter's last resort, and the URLs, hashtags and
                                  mentions the recognizers still find in it are never cut.
  catalogue-20k.json,             a valid catalogue (data/catalogue.schema.json) with 20,000
  catalogue-40k.json              or 40,000 hashtags ("#tunniste00001", ...; priorities 0-99)
                                  and one message (number 1) whose default hashtags are all
                                  of them, in catalogue order: `compose --message 1 --fit`
                                  then has that many tags to drop from.
"""

from __future__ import annotations

import json
import os
import random
import sys

SEED = 2026

WORDS = [
    "Aluevaalit", "2022", "ovat", "mielenterveysvaalit.", "Hyvinvointialueiden", "on",
    "edistettävä", "mielenterveyttä", "yhdessä", "asukkaiden", "ja", "kuntien", "kanssa.",
    "Lähes", "jokaisella", "hyvinvointialueella", "toimii", "MIELI", "ry:n", "jäsenjärjestö.",
    "Nyt", "oikea", "hetki", "varmistaa,", "että", "järjestöt", "eivät", "jää",
    "väliinputoajiksi.", "terapiatakuu", "käyttöön", "alueella?", "Äänestä!", "Psykisk",
    "hälsa", "är", "en", "rättighet", "för", "alla", "–", "även", "på", "Åland.", "“Mieli”,",
    "sanoo", "Päivi", "Jääskeläinen.", "(läpikäynti", "kestää", "noin", "2–3", "t).",
]
TAGS = ["#aluevaalit2022", "#mielenterveysvaalit", "#mielenterveys", "#terapiatakuu", "#mieli",
        "#äänestä", "#välittäminen"]
MENTIONS = ["@MIELIry", "@Mielenterveyspooli", "@THLorg", "@mieli@mastodon.social",
            "@yle@some.yle.fi"]
URLS = ["mieli.fi/mielenterveysvaalit", "https://mieli.fi/mielenterveysvaalit",
        "https://www.mieli.fi/fi/vaikuttaminen/aluevaalit-2022?utm_source=some&utm_medium=x",
        "https://vaalikone.yle.fi/aluevaalit2022/ehdokas/12345"]
EMOJI = ["💚", "🧠", "🗳️", "👍🏽", "👏🏻", "👨‍👩‍👧‍👦", "🏳️‍🌈", "🧑🏽‍💻", "🇫🇮"]


def paragraphs(rng: random.Random):
    """Yields paragraphs (lists of words) forever."""
    while True:
        words: list[str] = []
        for _ in range(rng.randint(20, 120)):
            r = rng.random()
            if r < 0.04:
                words.append(rng.choice(TAGS))
            elif r < 0.06:
                words.append(rng.choice(MENTIONS))
            elif r < 0.08:
                words.append(rng.choice(URLS))
            elif r < 0.11:
                words.append(rng.choice(EMOJI))
            else:
                words.append(rng.choice(WORDS))
        yield words


def texts(size: int) -> tuple[str, str]:
    """The spaced and the unspaced text of at least `size` UTF-8 bytes each."""
    rng = random.Random(SEED)
    spaced: list[str] = []
    unspaced: list[str] = []
    spaced_bytes = unspaced_bytes = 0
    for words in paragraphs(rng):
        if spaced_bytes < size:
            paragraph = " ".join(words)
            spaced.append(paragraph)
            spaced_bytes += len(paragraph.encode("utf-8")) + 2
        if unspaced_bytes < size:
            # An emoji after each hashtag, mention and URL ends it, as a space would: run on
            # into the next words, a URL's path or a mention's domain would swallow them and
            # be too long for any post (Mastodon counts a bare domain in full).
            run = "".join(w + "💚" if w[0] in "#@" or "." in w[1:-1] else w for w in words)
            unspaced.append(run)
            unspaced_bytes += len(run.encode("utf-8"))
        if spaced_bytes >= size and unspaced_bytes >= size:
            break
    return "\n\n".join(spaced) + "\n", "".join(unspaced) + "\n"


def catalogue(tags: int) -> dict:
    rng = random.Random(SEED + tags)
    hashtags = [{"tag": f"#tunniste{i:05d}", "priority": rng.randint(0, 99)} for i in range(1, tags + 1)]
    return {
        "schema": 1,
        "campaign": {
            "id": "bench-fit",
            "name": {"fi": "--fit-mittaus"},
            "slogan": {"fi": "Monta tunnistetta"},
            "default_language": "fi",
            "link": "mieli.fi/mielenterveysvaalit",
        },
        "messages": [{
            "id": "monta-tunnistetta",
            "number": 1,
            "text": {"fi": "Aluevaalit 2022 ovat mielenterveysvaalit. Äänestä!"},
            "hashtags": [h["tag"] for h in hashtags],
        }],
        "hashtags": hashtags,
    }


def write(path: str, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    print(f"{path}: {len(text.encode('utf-8')):,} bytes", file=sys.stderr)


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, size in (("1m", 1_000_000), ("2m", 2_000_000)):
        spaced, unspaced = texts(size)
        write(os.path.join(out, f"spaces-{name}.txt"), spaced)
        write(os.path.join(out, f"nospace-{name}.txt"), unspaced)
    for tags in (20_000, 40_000):
        write(os.path.join(out, f"catalogue-{tags // 1000}k.json"),
              json.dumps(catalogue(tags), ensure_ascii=False, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
