#!/usr/bin/env python3
"""Writes the benchmark corpora for bench/unicode_bench.cpp (Python 3 standard library only).

    python3 bench/make_corpora.py OUT_DIR [--size BYTES]

Output (UTF-8, at least --size bytes each, 8 MiB by default; same bytes on every run):

  ascii.txt        English-like ASCII prose, wrapped at ~76 columns, blank line between paragraphs
  finnish.txt      Finnish (with some Swedish) campaign-style social-media posts: ä/ö/å,
                   typographic punctuation, #hashtags, @mentions, bare and https:// URLs,
                   emoji with skin tones, ZWJ sequences and flags. In NFC.
  finnish_nfd.txt  finnish.txt in NFD (unicodedata.normalize('NFD')): the input for to_nfc
  mixed.txt        Mixed scripts line by line: CJK (Han, kana, half-width kana with sound marks),
                   Devanagari/Bengali/Gujarati with conjuncts (virama sequences: क्ष त्र ज्ञ ...),
                   Hangul syllables and conjoining jamo (L V T) sequences, Thai, Arabic with
                   harakat and a prepended number sign, emoji ZWJ sequences (👨‍👩‍👧‍👦 🏳️‍🌈),
                   regional-indicator flags (and odd-length runs), tag-sequence flags, keycaps,
                   Latin/Greek/Cyrillic with stacked combining marks, some CRLF line ends.

Every generator uses its own random.Random seeded from 2022, so the files never change unless
this script does. bench/run regenerates them when this script is newer than the files.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import unicodedata

DEFAULT_SIZE = 8 * 1024 * 1024  # 8 MiB (> 8 MB)
SEED = 2022


# --------------------------------------------------------------------------------------------
# Helpers


def fill(gen, size: int) -> str:
    """Joins the strings `gen` yields until the UTF-8 length reaches `size`."""
    parts: list[str] = []
    total = 0
    for piece in gen:
        parts.append(piece)
        total += len(piece.encode("utf-8"))
        if total >= size:
            break
    return "".join(parts)


def wrap(words: list[str], width: int = 76) -> str:
    lines: list[str] = []
    line: list[str] = []
    n = 0
    for w in words:
        if line and n + 1 + len(w) > width:
            lines.append(" ".join(line))
            line, n = [], 0
        n += len(w) + (1 if line else 0)
        line.append(w)
    if line:
        lines.append(" ".join(line))
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# ascii.txt

ENGLISH_WORDS = """
the of and to a in is that for it as was with be by on not he this are or his from at which
but have an they you were her she there been one all we their has would when if so what no
more out up into do any your can some time only could new other than then them these may
people first also two like our over such made after well health mental care support public
service services local region regional council vote voters election campaign budget year
years work help should must will need needs access therapy young children families school
schools community communities city cities county counties plan plans policy policies money
funding staff nurses doctors hospital hospitals clinic clinics wait waiting list lists week
weeks month months day days better good great small large long short early late open free
every each many most few several three four five ten hundred thousand percent report reports
data study studies shows show showed said says say told ask asked answer question questions
problem problems solution solutions change changes future past present together because
while where why how who whom whose again already always never often sometimes usually still
just even much very quite rather really almost about around between through during before
under above against among within without toward towards across along behind beyond near
make makes making take takes taking give gives giving find finds found keep keeps kept let
put puts set sets run runs ran move moves moved live lives lived believe believes hold
holds held bring brings brought happen happens happened write writes wrote provide
provides provided sit stand lose pay meet include includes included continue learn lead
understand watch follow stop create speak read allow add spend grow offer remember love
consider appear buy wait serve die send expect build stay fall cut reach kill remain
suggest raise pass sell require decide pull member members group groups number numbers
part parts place places case cases point points government company companies system
systems program programs room fact facts idea ideas evidence quality cost costs price
prices increase decrease level levels rate rates area areas centre center national
""".split()

ENGLISH_EXTRAS = [
    "(see the appendix)", "e.g.", "i.e.", "etc.", "Dr.", "Mr.", "Ms.", "U.S.", "24/7",
    "https://example.org/reports/2022/mental-health", "www.example.com", "info@example.org",
    "\"quoted\"", "'single'", "[1]", "[2]", "3.5%", "$1,200", "#1", "C++", "x = y + 1;",
    "O'Brien", "co-operate", "well-being", "follow-up", "state-of-the-art",
]


def ascii_corpus(size: int) -> str:
    rng = random.Random(SEED)
    n = len(ENGLISH_WORDS)
    # Zipf-like weights: the earlier a word in the list, the more frequent.
    cum = []
    acc = 0.0
    for i in range(n):
        acc += 1.0 / (i + 1.5)
        cum.append(acc)

    def sentence() -> str:
        k = rng.randint(5, 22)
        words = rng.choices(ENGLISH_WORDS, cum_weights=cum, k=k)
        out = []
        for i, w in enumerate(words):
            r = rng.random()
            if r < 0.03:
                w = str(rng.randint(0, 2022))
            elif r < 0.045:
                w = rng.choice(ENGLISH_EXTRAS)
            if i and rng.random() < 0.07:
                out[-1] += ","
            out.append(w)
        out[0] = out[0][:1].upper() + out[0][1:]
        return " ".join(out) + rng.choice(".........?!:;")

    def paragraphs():
        while True:
            words: list[str] = []
            for _ in range(rng.randint(2, 8)):
                words.extend(sentence().split(" "))
            yield wrap(words) + "\n\n"

    text = fill(paragraphs(), size)
    assert text.isascii()
    return text


# --------------------------------------------------------------------------------------------
# finnish.txt / finnish_nfd.txt

# Sentences from the campaign material (shared/seeds), used as they are and recombined.
FI_SENTENCES = [
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
    "Pohdi omalla alueellasi kolme tärkeintä vaikuttamiskohdetta mielenterveyteen ja -hyvinvointiin liittyen.",
    "Mieti, ketkä näihin asioihin voivat parhaiten vaikuttaa ja esittele vaikuttamiskohteesi heille.",
    "Tiivistä viestit selkeään, yleiskieliseen muotoon.",
    "Toista nämä kolme kiteytettyä viestiä kolmeen kertaan, niin ne jäävät varmasti muistiin.",
    "Koulutuksen voi suorittaa omaan tahtiin (läpikäynti kestää noin 2–3 t).",
    "Koronapandemian vuoksi koulutukset muokattiin verkossa toteutettaviksi ja niiden kysyntä jopa kasvoi.",
    "Psykisk hälsa är en rättighet för alla – även på Åland.",
    "Rösta i välfärdsområdesvalet, för vår gemensamma välfärd!",
    "Påminnelse: förhandsröstningen pågår till tisdag.",
]

FI_REGIONS = [
    "Pirkanmaalla", "Varsinais-Suomessa", "Pohjois-Pohjanmaalla", "Keski-Suomessa",
    "Etelä-Karjalassa", "Länsi-Uudellamaalla", "Itä-Uudellamaalla", "Päijät-Hämeessä",
    "Kanta-Hämeessä", "Pohjanmaalla", "Etelä-Pohjanmaalla", "Keski-Pohjanmaalla",
    "Pohjois-Karjalassa", "Pohjois-Savossa", "Etelä-Savossa", "Kymenlaaksossa", "Lapissa",
    "Kainuussa", "Satakunnassa", "Vantaalla ja Keravalla", "Helsingissä", "Ahvenanmaalla",
]
FI_SUBJECTS = [
    "Jokainen nuori", "Lapsiperhe", "Ikäihminen", "Opiskelija", "Omaishoitaja", "Työtön",
    "Jokainen meistä", "Yksinhuoltaja", "Maahanmuuttaja", "Kuntoutuja", "Äänestäjä",
]
FI_NEEDS = [
    "tarvitsee apua ajoissa", "ansaitsee nopean hoitoonpääsyn", "tarvitsee matalan kynnyksen palveluja",
    "hyötyy terapiatakuusta", "tarvitsee tukea arjessa", "ansaitsee tulla kuulluksi",
    "tarvitsee kouluun kuraattorin ja psykologin", "tarvitsee järjestöjen vertaistukea",
]
FI_PLACES = ["Åbo", "Närpes", "Jakobstad", "Mariehamn", "Jyväskylä", "Hämeenlinna", "Seinäjoki",
             "Kuopio", "Mikkeli", "Rovaniemi", "Pori", "Lahti", "Oulu", "Joensuu", "Kajaani"]
FI_NAMES = ["Äijälä", "Jääskeläinen", "Pöyhönen", "Mäkelä", "Hämäläinen", "Öhman", "Åkerblom",
            "Lindqvist", "Särkkä", "Väänänen", "Ylönen", "Kärkkäinen"]
FI_FIRST = ["Aino", "Eero", "Märta", "Åsa", "Jönsson", "Päivi", "Sääde", "Ville", "Iida", "Jyrki",
            "Tuomas", "Sanna", "Björn", "Pirkko"]
HASHTAGS = ["#aluevaalit2022", "#mielenterveysvaalit", "#mielenterveysvaalit2022", "#mielenterveys",
            "#terapiatakuu", "#mieli", "#hyvinvointialueet", "#sote", "#äänestä", "#välittäminen",
            "#nuoret", "#mielenhyvinvointi", "#välfärdsområdesval", "#mentalhälsa"]
MENTIONS = ["@MIELIry", "@Mielenterveyspooli", "@THLorg", "@Yle", "@Kuntaliitto"]
EMOJI_SIMPLE = ["💚", "🧠", "🗳️", "✅", "👉", "📣", "🤝", "❤️", "🙏", "☀️", "🌱", "💪", "🙂", "😊",
                "🎉", "📅", "‼️", "⭐", "☕", "🌲", "❄️", "✍️"]
EMOJI_TONES = ["👍🏽", "👏🏻", "💪🏿", "👋🏼", "🙌🏾", "✌🏻", "🤞🏽", "👍🏻"]
EMOJI_ZWJ = ["👨‍👩‍👧‍👦", "🧑‍🤝‍🧑", "👩‍❤️‍👨", "🏳️‍🌈", "🧑🏽‍💻", "👨‍⚕️", "😮‍💨", "❤️‍🩹",
             "🙋🏼‍♀️", "👩🏾‍⚕️", "🤷‍♂️", "👩‍👧", "🧑🏻‍🏫", "👁️‍🗨️", "🏃‍♀️"]
EMOJI_FLAGS = ["🇫🇮", "🇸🇪", "🇪🇺", "🇦🇽", "🇳🇴"]


def finnish_corpus(size: int) -> str:
    rng = random.Random(SEED + 1)
    alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

    def url() -> str:
        r = rng.random()
        if r < 0.35:
            return "mieli.fi/mielenterveysvaalit"
        if r < 0.55:
            return "https://mieli.fi/mielenterveysvaalit"
        if r < 0.75:
            return ("https://www.mieli.fi/fi/vaikuttaminen/aluevaalit-2022?utm_source=some"
                    f"&utm_medium={rng.choice(['twitter', 'facebook', 'instagram'])}"
                    f"&utm_campaign=mtv{rng.randint(1, 99)}")
        if r < 0.9:
            return "https://t.co/" + "".join(rng.choice(alnum) for _ in range(10))
        return f"https://vaalikone.yle.fi/aluevaalit2022/ehdokas/{rng.randint(1000, 99999)}"

    def emoji() -> str:
        r = rng.random()
        if r < 0.45:
            return rng.choice(EMOJI_SIMPLE)
        if r < 0.65:
            return rng.choice(EMOJI_TONES)
        if r < 0.9:
            return rng.choice(EMOJI_ZWJ)
        return rng.choice(EMOJI_FLAGS)

    def generated_sentence() -> str:
        r = rng.random()
        if r < 0.4:
            return f"{rng.choice(FI_SUBJECTS)} {rng.choice(FI_REGIONS)} {rng.choice(FI_NEEDS)}."
        if r < 0.6:
            return (f"Tapaa ehdokkaamme {rng.choice(FI_FIRST)} {rng.choice(FI_NAMES)} "
                    f"{rng.randint(1, 30)}.{rng.randint(1, 12)}.2022 klo {rng.randint(8, 20)}.{rng.choice(['00', '15', '30', '45'])} "
                    f"– paikkana {rng.choice(FI_PLACES)}n kirjasto.")
        if r < 0.8:
            return f"“{rng.choice(FI_SENTENCES)[:-1]}”, sanoo {rng.choice(FI_FIRST)} {rng.choice(FI_NAMES)}."
        return f"Jo {rng.randint(2, 95)} % vastaajista on samaa mieltä… Entä sinä?"

    def post():
        parts: list[str] = []
        if rng.random() < 0.25:
            parts.append(f" {rng.randint(1, 9)}.")
        for _ in range(rng.randint(1, 4)):
            s = rng.choice(FI_SENTENCES) if rng.random() < 0.6 else generated_sentence()
            parts.append(s)
            if rng.random() < 0.3:
                parts.append(emoji())
        if rng.random() < 0.3:
            parts.append(rng.choice(MENTIONS))
        if rng.random() < 0.6:
            parts.append(rng.choice(["Lue lisää:", "Tavoitteet:", "👉", "Lisätietoa osoitteessa"]) + " " + url())
        if rng.random() < 0.5:
            parts.append("".join(emoji() for _ in range(rng.randint(1, 4))))
        tags = rng.sample(HASHTAGS, rng.randint(1, 6))
        if rng.random() < 0.7 and "#aluevaalit2022" not in tags:
            tags.insert(0, "#aluevaalit2022")
        parts.append(" ".join(tags))
        return " ".join(parts) + ("\n\n" if rng.random() < 0.3 else "\n")

    def posts():
        while True:
            yield post()

    text = fill(posts(), size)
    assert unicodedata.is_normalized("NFC", text)
    return text


# --------------------------------------------------------------------------------------------
# mixed.txt

ZH = ["心理健康很重要", "我们需要更多的心理医生", "选举将于明年举行", "每个人都应该得到帮助", "社区服务",
      "年轻人的心理健康", "政府必须增加预算", "等待时间太长了", "谢谢大家的支持", "请投票"]
JA = ["メンタルヘルスは大切です", "選挙に行きましょう", "相談窓口はこちら", "こころの健康",
      "ありがとうございます", "ｶﾞｲﾄﾞﾌﾞｯｸ", "ﾒﾝﾀﾙﾍﾙｽ", "か\u3099き\u3099", "東京都・大阪府"]
HAN = ("的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家"
       "学对可里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头")
DEVA_WORDS = ["क्षमा", "त्रिपुरा", "ज्ञान", "श्रम", "विद्यालय", "स्वास्थ्य", "मानसिक", "प्रधानमंत्री",
              "राष्ट्र", "अद्भुत", "क्षेत्र", "उम्मीद", "हिन्दी", "चुनाव", "सहायता", "युवा", "इलाज",
              "मनोवैज्ञानिक", "क़ानून", "ज़रूरत", "न्यूज़", "कृष्ण", "द्वार", "स्त्री", "पत्र",
              "\u0915\u094D\u200D\u0937"]  # the last: half form, virama + ZWJ
DEVA_CONS = [chr(c) for c in range(0x0915, 0x0939 + 1)]
DEVA_VOWEL_SIGNS = ["", "", "\u093E", "\u093F", "\u0940", "\u0941", "\u0942", "\u0947", "\u0948",
                    "\u094B", "\u094C", "\u0943"]
DEVA_END = ["", "", "", "\u0902", "\u0901", "\u0903"]
BENGALI = ["ক্ষমা", "বাংলা", "স্বাস্থ্য", "মানসিক", "নির্বাচন"]
GUJARATI = ["ક્ષમા", "ગુજરાતી", "સ્વાસ્થ્ય", "ચૂંટણી"]
KO_WORDS = ["정신 건강", "선거", "투표하세요", "도움이 필요해요", "청소년", "상담 센터", "감사합니다"]
THAI = ["สุขภาพจิตสำคัญมาก", "การเลือกตั้ง", "ขอบคุณครับ", "น้ำใจ", "กรุงเทพมหานคร", "ผู้สมัคร",
        "ไปใช้สิทธิ์เลือกตั้งกันเถอะ", "ที่ปรึกษา", "เด็กและเยาวชน"]
ARABIC = ["الصحة النفسية مهمة", "الانتخابات", "مَرْحَبًا بِكُمْ", "شُكْرًا جَزِيلًا", "الشباب",
          "مركز الاستشارات", "صوِّتوا", "\u0600\u0661\u0662\u0663", "\u200Fالعربية\u200F"]
EMOJI_MIXED = EMOJI_ZWJ + EMOJI_TONES + [
    "👨‍👩‍👧‍👦", "🏳️‍🌈", "🏳️‍⚧️", "👩‍💻", "🧑🏽‍🚀", "🐻‍❄️", "🧔🏻‍♂️", "👩🏿‍🤝‍👩🏻", "🫱🏼‍🫲🏿",
    "😀", "🎌", "🪷", "🧿", "🫶🏾", "☺️", "⚕️", "🏴‍☠️", "🐈‍⬛"]
FLAGS = ["FI", "SE", "JP", "IN", "KR", "TH", "EG", "SA", "CN", "TW", "BD", "NP", "US", "UA", "BR",
         "DE", "FR", "ES", "IT", "GB", "NO", "DK", "EE", "AX", "EU", "UN"]
TAG_FLAGS = ["🏴󠁧󠁢󠁳󠁣󠁴󠁿", "🏴󠁧󠁢󠁥󠁮󠁧󠁿", "🏴󠁧󠁢󠁷󠁬󠁳󠁿"]
LATIN_NFC = ["Tiếng Việt", "Ελληνικά", "Русский язык", "Ærøskøbing", "naïve café", "Zürich",
             "Łódź", "Kraków", "Şişli", "Ñuñoa", "Dvořák", "Ἀθῆναι"]


def mixed_corpus(size: int) -> str:
    rng = random.Random(SEED + 2)

    def flag() -> str:
        cc = rng.choice(FLAGS)
        return "".join(chr(0x1F1E6 + ord(c) - ord("A")) for c in cc)

    def keycap() -> str:
        base = rng.choice("0123456789#*")
        return base + ("\uFE0F\u20E3" if rng.random() < 0.85 else "\u20E3")

    def deva_word() -> str:
        if rng.random() < 0.5:
            return rng.choice(DEVA_WORDS)
        out = []
        for _ in range(rng.randint(1, 4)):
            syl = rng.choice(DEVA_CONS)
            for _ in range(rng.choice([0, 0, 0, 1, 1, 2])):  # conjunct: C + virama + C
                syl += "\u094D" + rng.choice(DEVA_CONS)
            syl += rng.choice(DEVA_VOWEL_SIGNS) + rng.choice(DEVA_END)
            out.append(syl)
        return "".join(out)

    def jamo_seq() -> str:
        s = "".join(chr(rng.randint(0x1100, 0x1112)) for _ in range(rng.choice([1, 1, 1, 2])))
        s += "".join(chr(rng.randint(0x1161, 0x1175)) for _ in range(rng.choice([1, 1, 1, 2])))
        if rng.random() < 0.6:
            s += chr(rng.randint(0x11A8, 0x11C2))
        return s

    def hangul_word() -> str:
        r = rng.random()
        if r < 0.35:
            return rng.choice(KO_WORDS)
        if r < 0.7:
            return "".join(chr(rng.randint(0xAC00, 0xD7A3)) for _ in range(rng.randint(1, 4)))
        return "".join(jamo_seq() for _ in range(rng.randint(1, 3)))

    def combining_word() -> str:
        if rng.random() < 0.4:
            w = rng.choice(LATIN_NFC)
            return unicodedata.normalize("NFD", w) if rng.random() < 0.5 else w
        out = []
        for _ in range(rng.randint(2, 7)):
            out.append(rng.choice("aeiouAEIOUnmxyzαβγжзи"))
            for _ in range(rng.choice([0, 1, 1, 2, 3])):
                out.append(chr(rng.randint(0x0300, 0x036F)))
        return "".join(out)

    def cjk_word() -> str:
        r = rng.random()
        if r < 0.3:
            return rng.choice(ZH)
        if r < 0.6:
            return rng.choice(JA)
        return "".join(rng.choice(HAN) for _ in range(rng.randint(2, 8))) + rng.choice(["", "。", "、", "！"])

    kinds = [
        (cjk_word, 3),
        (deva_word, 3),
        (lambda: rng.choice(BENGALI + GUJARATI), 1),
        (hangul_word, 3),
        (lambda: rng.choice(THAI), 2),
        (lambda: rng.choice(ARABIC), 2),
        (combining_word, 2),
    ]
    kind_fns = [k for k, _ in kinds]
    kind_w = [w for _, w in kinds]

    def extra() -> str:
        r = rng.random()
        if r < 0.4:
            return rng.choice(EMOJI_MIXED)
        if r < 0.6:
            return flag()
        if r < 0.67:
            return flag() + flag() + flag()[:1]  # odd run of regional indicators
        if r < 0.72:
            return rng.choice(TAG_FLAGS)
        if r < 0.87:
            return keycap()
        return rng.choice(["2022", "#aluevaalit2022", "(1/3)", "—", "…", "https://mieli.fi"])

    def line() -> str:
        main = rng.choices(kind_fns, weights=kind_w)[0]
        words = []
        for _ in range(rng.randint(4, 16)):
            if rng.random() < 0.2:
                words.append(extra())
            elif rng.random() < 0.15:
                words.append(rng.choices(kind_fns, weights=kind_w)[0]())
            else:
                words.append(main())
        return " ".join(words) + ("\r\n" if rng.random() < 0.1 else "\n")

    def lines():
        while True:
            yield line()

    return fill(lines(), size)


# --------------------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("--size", type=int, default=DEFAULT_SIZE,
                    help=f"minimum bytes per corpus (default {DEFAULT_SIZE})")
    args = ap.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)

    finnish = finnish_corpus(args.size)
    corpora = {
        "ascii.txt": ascii_corpus(args.size),
        "finnish.txt": finnish,
        "finnish_nfd.txt": unicodedata.normalize("NFD", finnish),
        "mixed.txt": mixed_corpus(args.size),
    }
    for name, text in corpora.items():
        data = text.encode("utf-8")
        tmp = os.path.join(args.out_dir, name + ".tmp")
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, os.path.join(args.out_dir, name))
        print(f"{os.path.join(args.out_dir, name)}: {len(data)} bytes, {len(text)} code points")
    return 0


if __name__ == "__main__":
    sys.exit(main())
