#!/usr/bin/env python3
"""Writes realistic social posts as JSONL for the `somepost count --jsonl` benchmark
(Python 3 standard library only; deterministic).

    python3 bench/count/make_posts.py OUT.jsonl [--count N] [--seed S]

One JSON string per line (raw UTF-8, `ensure_ascii=False`; line breaks inside a post are
`\\n` escapes). The posts are Finnish (and some Swedish) campaign posts in the style of the
MIELI ry "Aluevaalit 2022 ovat mielenterveysvaalit" kit: ä/ö/å, typographic punctuation,
hashtags (#aluevaalit2022 #mielenterveysvaalit ...), the link mieli.fi/mielenterveysvaalit
bare and with https:// plus other URLs, @mentions including @user@mastodon.social ones,
and emoji: plain, with VS16, skin tones, ZWJ sequences and flags. Lengths are 40-600 code
points: about two thirds up to 280, the rest over 280 (X's limit), some over 500
(Mastodon's). All text is NFC.

The same --count and --seed always give the same bytes, so two files of different sizes
share their first lines (a 1,000,000-post file starts with the 200,000-post one).
A summary (posts, bytes, length distribution) goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import unicodedata

DEFAULT_COUNT = 200_000
DEFAULT_SEED = 2022

# Sentences from the campaign kit (shared/seeds), used as they are and recombined.
SENTENCES = [
    "Aluevaalit 2022 ovat mielenterveysvaalit.",
    "Aluevaaleissa valitaan edustajat aluevaltuustoon, joka päättää sosiaali- ja terveyspalveluista ja linjaa miten järjestöjen toimintaedellytykset turvataan hyvinvointialueilla.",
    "Lähes jokaisella hyvinvointialueella toimii MIELI ry:n jäsenjärjestö.",
    "Nyt on oikea hetki varmistaa, että järjestöt eivät jää kuntien ja hyvinvointialueiden väliinputoajiksi.",
    "Nyt kun hyvinvointialueita rakennetaan, on tärkeä varmistaa tiivis yhteistyö päättäjien kanssa.",
    "Hyvinvointialueet päättävät muun muassa, otetaanko terapiatakuu käyttöön alueella.",
    "Mielenterveys on asetettava hyvinvointialueen hyvinvointia ja terveyttä edistävän työn keskiöön.",
    "Hyvinvointialueet rakentavat vahvaa yhteistyötä mielenterveysjärjestöjen kanssa.",
    "Hyvinvointialueiden on merkittävästi vahvistettava panosta lasten ja nuorten mielenterveyden tukemiseen.",
    "Hyvinvointialueiden tulee aidosti osallistaa asukkaita mielenterveystyöhön.",
    "Hyvinvointialueiden tulee taata nopea hoitoonpääsy mielenterveyden ongelmissa.",
    "Hyvinvointialueiden tulee vahvistaa resursseja yhdenvertaisesti väestön tarpeen mukaan.",
    "Aikamme kansanterveyshaaste ovat mielenterveyden ongelmat.",
    "Hyvinvointialueiden on edistettävä mielenterveyttä yhdessä asukkaiden ja kuntien kanssa.",
    "Mielenterveysjärjestöt ovat mukana ihmisten arjessa.",
    "Siksi ne on otettava hyvinvointialueiden tärkeiksi kumppaneiksi.",
    "Hyvinvointialueiden kaikkein tärkein tehtävä tulevaisuuden kannalta on tukea lasten ja nuorten mielen hyvinvointia.",
    "Uusia hyvinvointialueita on rakennettava asukkaiden ja asiakkaiden sekä mielenterveyden ehdoilla.",
    "Mielenterveysavun puute on terveyspalvelujen kipupiste.",
    "Asia on saatava kuntoon hyvinvointialueilla matalan kynnyksen palveluilla ja #terapiatakuu’lla.",
    "Sosiaali- ja terveydenhuollon rahoituksen kohdentaminen ihmisten tarpeiden mukaisesti on yhdenvertaisuutta.",
    "Siksi mielenterveystyön resursseja on merkittävästi vahvistettava.",
    "Viisi eduskuntapuoluetta aikoo toteuttaa Terapiatakuun hyvinvointialueilla.",
    "Suurin osa puolueista kannattaa matalan kynnyksen (ja kynnyksettömien) mt-palveluiden lisäämistä.",
    "Useat puolueet haluavat turvata järjestöjen työn hyvinvointialueilla.",
    "Oppilaitoksiin esitetään mielenterveyttä vahvistavia keinoja ja resursseja sekä mitoituksia kuraattoreille ja psykologeille.",
    "Puolueiden yhteistyö mielen hyvinvoinnin puolesta aluevaltuustoissa näyttäisi olevan mahdollista.",
    "Pohdi omalla alueellasi kolme tärkeintä vaikuttamiskohdetta mielenterveyteen ja -hyvinvointiin liittyen.",
    "Mieti, ketkä näihin asioihin voivat parhaiten vaikuttaa ja esittele vaikuttamiskohteesi heille.",
    "Tiivistä viestit selkeään, yleiskieliseen muotoon.",
    "Toista nämä kolme kiteytettyä viestiä kolmeen kertaan, niin ne jäävät varmasti muistiin.",
    "Koulutuksen voi suorittaa omaan tahtiin (läpikäynti kestää noin 2–3 t).",
    "Psykisk hälsa är en rättighet för alla – även på Åland.",
    "Rösta i välfärdsområdesvalet, för vår gemensamma välfärd!",
    "Påminnelse: förhandsröstningen pågår till tisdag.",
]
REGIONS = [
    "Pirkanmaalla", "Varsinais-Suomessa", "Pohjois-Pohjanmaalla", "Keski-Suomessa",
    "Etelä-Karjalassa", "Länsi-Uudellamaalla", "Itä-Uudellamaalla", "Päijät-Hämeessä",
    "Kanta-Hämeessä", "Pohjanmaalla", "Etelä-Pohjanmaalla", "Keski-Pohjanmaalla",
    "Pohjois-Karjalassa", "Pohjois-Savossa", "Etelä-Savossa", "Kymenlaaksossa", "Lapissa",
    "Kainuussa", "Satakunnassa", "Vantaalla ja Keravalla", "Helsingissä", "Ahvenanmaalla",
]
SUBJECTS = [
    "Jokainen nuori", "Lapsiperhe", "Ikäihminen", "Opiskelija", "Omaishoitaja", "Työtön",
    "Jokainen meistä", "Yksinhuoltaja", "Maahanmuuttaja", "Kuntoutuja", "Äänestäjä",
]
NEEDS = [
    "tarvitsee apua ajoissa", "ansaitsee nopean hoitoonpääsyn", "tarvitsee matalan kynnyksen palveluja",
    "hyötyy terapiatakuusta", "tarvitsee tukea arjessa", "ansaitsee tulla kuulluksi",
    "tarvitsee kouluun kuraattorin ja psykologin", "tarvitsee järjestöjen vertaistukea",
]
PLACES = ["Jyväskylä", "Hämeenlinna", "Seinäjoki", "Kuopio", "Mikkeli", "Rovaniemi", "Pori",
          "Lahti", "Oulu", "Joensuu", "Kajaani", "Närpiö", "Pietarsaari", "Maarianhamina"]
SURNAMES = ["Äijälä", "Jääskeläinen", "Pöyhönen", "Mäkelä", "Hämäläinen", "Öhman", "Åkerblom",
            "Lindqvist", "Särkkä", "Väänänen", "Ylönen", "Kärkkäinen"]
FIRST_NAMES = ["Aino", "Eero", "Märta", "Åsa", "Päivi", "Sääde", "Ville", "Iida", "Jyrki",
               "Tuomas", "Sanna", "Björn", "Pirkko"]
HASHTAGS = ["#aluevaalit2022", "#mielenterveysvaalit", "#mielenterveysvaalit2022", "#mielenterveys",
            "#terapiatakuu", "#mieli", "#hyvinvointialueet", "#sote", "#äänestä", "#välittäminen",
            "#nuoret", "#mielenhyvinvointi", "#välfärdsområdesval", "#mentalhälsa"]
MENTIONS = ["@MIELIry", "@Mielenterveyspooli", "@THLorg", "@Yle", "@Kuntaliitto", "@sosiaalijaterveys"]
FEDI_MENTIONS = ["@user@mastodon.social", "@mieli@mastodon.social", "@aluevaalit@mastodon.online",
                 "@mielenterveyspooli@some.fi", "@THL@toot.kuvaton.fi"]
EMOJI_SIMPLE = ["💚", "🧠", "🗳️", "✅", "👉", "📣", "🤝", "❤️", "🙏", "☀️", "🌱", "💪", "🙂", "😊",
                "🎉", "📅", "‼️", "⭐", "☕", "🌲", "❄️", "✍️"]
EMOJI_TONES = ["👍🏽", "👏🏻", "💪🏿", "👋🏼", "🙌🏾", "✌🏻", "🤞🏽", "👍🏻"]
EMOJI_ZWJ = ["👨‍👩‍👧‍👦", "🧑‍🤝‍🧑", "👩‍❤️‍👨", "🏳️‍🌈", "🧑🏽‍💻", "👨‍⚕️", "😮‍💨", "❤️‍🩹",
             "🙋🏼‍♀️", "👩🏾‍⚕️", "🤷‍♂️", "👩‍👧", "🧑🏻‍🏫", "🏃‍♀️"]
EMOJI_FLAGS = ["🇫🇮", "🇸🇪", "🇪🇺", "🇦🇽", "🇳🇴"]
ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

MIN_LEN, MAX_LEN = 40, 600  # code points


class PostMaker:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def url(self) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.35:
            return "mieli.fi/mielenterveysvaalit"
        if r < 0.60:
            return "https://mieli.fi/mielenterveysvaalit"
        if r < 0.75:
            return ("https://www.mieli.fi/fi/vaikuttaminen/aluevaalit-2022?utm_source=some"
                    f"&utm_medium={rng.choice(['twitter', 'mastodon', 'bluesky'])}"
                    f"&utm_campaign=mtv{rng.randint(1, 99)}")
        if r < 0.88:
            return "https://t.co/" + "".join(rng.choice(ALNUM) for _ in range(10))
        return f"https://vaalikone.yle.fi/aluevaalit2022/ehdokas/{rng.randint(1000, 99999)}"

    def emoji(self) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.45:
            return rng.choice(EMOJI_SIMPLE)
        if r < 0.65:
            return rng.choice(EMOJI_TONES)
        if r < 0.9:
            return rng.choice(EMOJI_ZWJ)
        return rng.choice(EMOJI_FLAGS)

    def mention(self) -> str:
        return self.rng.choice(FEDI_MENTIONS if self.rng.random() < 0.4 else MENTIONS)

    def sentence(self) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.55:
            return rng.choice(SENTENCES)
        if r < 0.72:
            return f"{rng.choice(SUBJECTS)} {rng.choice(REGIONS)} {rng.choice(NEEDS)}."
        if r < 0.82:
            return (f"Tapaa ehdokkaamme {rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)} "
                    f"{rng.randint(1, 28)}.{rng.randint(1, 12)}. klo {rng.randint(8, 20)}."
                    f"{rng.choice(['00', '15', '30', '45'])} – paikkana {rng.choice(PLACES)}n kirjasto.")
        if r < 0.92:
            return f"“{rng.choice(SENTENCES)[:-1]}”, sanoo {rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}."
        return f"Jo {rng.randint(2, 95)} % vastaajista on samaa mieltä… Entä sinä?"

    def post(self) -> str:
        rng = self.rng
        r = rng.random()  # target length in code points
        if r < 0.7:
            target = rng.randint(MIN_LEN, 270)
        elif r < 0.9:
            target = rng.randint(290, 500)
        else:
            target = rng.randint(501, MAX_LEN)

        tail: list[str] = []  # what goes after the body
        if rng.random() < 0.55:
            tail.append(rng.choice(["Lue lisää:", "Tavoitteet:", "👉", "Lisätietoa osoitteessa", "Katso"])
                        + " " + self.url())
        if rng.random() < 0.4:
            tail.append("".join(self.emoji() for _ in range(rng.randint(1, 3))))
        tags = rng.sample(HASHTAGS, rng.randint(0, 5))
        if rng.random() < 0.75 and "#aluevaalit2022" not in tags:
            tags.insert(0, "#aluevaalit2022")
        if tags:
            tail.append(" ".join(tags))
        tail_text = " ".join(tail)

        body: list[str] = []
        if rng.random() < 0.15:
            body.append(f"{rng.randint(1, 9)}.")
        if rng.random() < 0.3:
            body.append(self.mention())
        length = sum(len(p) + 1 for p in body) + len(tail_text)
        while True:
            s = self.sentence()
            for _ in range(3):  # prefer a sentence that fits the target
                if length + len(s) + 1 <= target + 15:
                    break
                s = self.sentence()
            if length >= MIN_LEN and length + len(s) + 1 > target + 15:
                break
            body.append(s)
            length += len(s) + 1
            if rng.random() < 0.25:
                e = self.emoji()
                body.append(e)
                length += len(e) + 1
            if rng.random() < 0.08:
                m = self.mention()
                body.append(m)
                length += len(m) + 1
            if length >= target:
                break
        text = " ".join(body)
        if tail_text:
            text += ("\n\n" if rng.random() < 0.3 else " ") + tail_text
        if len(text) > MAX_LEN:  # cut at the last space that keeps it within MAX_LEN
            cut = text.rfind(" ", 0, MAX_LEN + 1)
            text = text[:cut] if cut >= MIN_LEN else text[:MAX_LEN]
        return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="output file (JSONL); '-' for stdout")
    parser.add_argument("--count", type=int, default=DEFAULT_COUNT, help=f"posts to write (default {DEFAULT_COUNT:,})")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    args = parser.parse_args()

    maker = PostMaker(args.seed)
    lengths = {"<=280": 0, "281-500": 0, ">500": 0}
    total_bytes = 0
    shortest, longest = MAX_LEN, 0
    tmp = args.out + ".tmp" if args.out != "-" else None
    out = open(tmp, "w", encoding="utf-8", newline="\n") if tmp else sys.stdout
    try:
        for _ in range(args.count):
            text = maker.post()
            assert unicodedata.is_normalized("NFC", text)
            n = len(text)
            shortest, longest = min(shortest, n), max(longest, n)
            lengths["<=280" if n <= 280 else "281-500" if n <= 500 else ">500"] += 1
            line = json.dumps(text, ensure_ascii=False) + "\n"
            total_bytes += len(line.encode("utf-8"))
            out.write(line)
    finally:
        if tmp:
            out.close()
    if tmp:
        os.replace(tmp, args.out)
    spread = ", ".join(f"{k}: {v / max(args.count, 1):.0%}" for k, v in lengths.items())
    print(f"make_posts: {args.count:,} posts, {total_bytes:,} bytes, {shortest}-{longest} code points "
          f"({spread}) -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
