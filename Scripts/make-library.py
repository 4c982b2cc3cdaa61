#!/usr/bin/env python3
"""Generate a library of linked story files, for start-up benchmarks and manual testing.

    python3 Scripts/make-library.py --count 10000 --out /tmp/lib10k

The same --seed and --count always give the same files. Most stories have a header block
(Title, Kicker, Source, Author, Published, URL, ID, Related); about one in twenty is
headerless, opening with its title or with a section label as the bundled seed does. Bodies hold
150 to 400 words (about 4% of them in non-Latin scripts) in several paragraphs, a subheading, and READ MORE lines naming other generated stories, some with
curly quotes or different case, as real feeds write them. Files are spread over
per-source folders so the library is searched recursively.
"""

import argparse
import hashlib
import os
import random
import sys
from datetime import datetime, timedelta, timezone

SOURCES = ["Example Times", "The Daily Ledger", "Harbour Post", "Northern Wire",
           "Civic Record", "Evening Courier", "Market Watchers", "Field Reports"]
KICKERS = ["Fast News", "Analysis", "World", "Business", "Science", "Opinion", "Sport"]
AUTHORS = ["Ada Byrne", "Tomás Ruiz", "Mei Lin", "Kwame Mensah", "Sara Nilsson", "Omar Haddad"]
SUBJECTS = ["Council", "Ministers", "Researchers", "Farmers", "The central bank", "Port workers",
            "Residents", "Engineers", "Teachers", "The court", "Investors", "Doctors"]
VERBS = ["approve", "reject", "debate", "delay", "question", "welcome", "plan", "review",
         "challenge", "back", "unveil", "weigh"]
OBJECTS = ["new rail link", "budget cuts", "flood defences", "water tariffs", "school reform",
           "harbour expansion", "wind farm", "housing plan", "trade deal", "tax rules",
           "hospital merger", "bridge repairs"]
PLACES = ["in the north", "after long talks", "despite protests", "for the third time",
          "ahead of the vote", "as costs rise", "in the capital", "before winter"]
WORDS = ("the a of to and in that for on with as was by it said at from their this has "
         "been more than after who were also over its will would about which year people "
         "government city report plan new public local last first week officials minister "
         "council market water energy school court health money workers data price").split()
# About one word in twenty-five is not in Latin script, as in real multilingual news.
NON_LATIN = ("Москва правительство Αθήνα κυβέρνηση 東京 政府 経済 北京 市场 서울 정부 "
             "القاهرة الحكومة ירושלים ממשלה दिल्ली सरकार Київ уряд").split()


# --realistic: bodies of 150–400 words drawn from a large vocabulary with a Zipf-like
# spread (as real text has: a few words everywhere, most words rare), 4% of them non-Latin
# or accented, so search and "More on this" meet the word statistics of real news.
SYLLABLES = ("ka", "lo", "mi", "ran", "te", "vor", "sil", "an", "be", "do", "fen", "gri", "hu",
             "is", "jo", "kel", "mar", "nu", "os", "pra", "qui", "ros", "sta", "tun", "ul", "ve", "wy", "zen")
# A name of its own: it once reused NON_LATIN's, and so replaced the default libraries'
# words too, and Scripts/bench's query 政府 then found nothing in a library made afresh.
REALISTIC_NON_LATIN = ("café", "São", "Genève", "Straße", "Zürich", "naïve", "Øresund", "Łódź", "Москва", "выборы",
                       "правительство", "Αθήνα", "εκλογές", "東京都", "経済", "選挙", "北京", "서울", "경제", "القاهرة")


def vocabulary(rng, size=30000):
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    words = sorted(words)
    rng.shuffle(words)
    return words


def realistic_paragraph(rng, vocab, weights, words):
    picks = rng.choices(vocab, cum_weights=weights, k=words)
    text = []
    for word in picks:
        if rng.random() < 0.04:
            word = rng.choice(REALISTIC_NON_LATIN)
        text.append(word)
    sentence = " ".join(text)
    return sentence[0].upper() + sentence[1:] + "."


def title_for(index, rng):
    """A headline that is unique per index (the index picks the combination)."""
    subject = SUBJECTS[index % len(SUBJECTS)]
    verb = VERBS[(index // len(SUBJECTS)) % len(VERBS)]
    obj = OBJECTS[(index // (len(SUBJECTS) * len(VERBS))) % len(OBJECTS)]
    place = PLACES[rng.randrange(len(PLACES))]
    # Beyond the combinations, a number keeps titles unique.
    serial = index // (len(SUBJECTS) * len(VERBS) * len(OBJECTS))
    suffix = f" ({serial + 1})" if serial else ""
    possessive = "’s" if index % 7 == 0 else "'s" if index % 7 == 1 else ""
    if subject.endswith("s"):
        possessive = possessive[:1]
    return f"{subject}{possessive} {verb} {obj} {place}{suffix}"


def word(rng):
    return rng.choice(NON_LATIN) if rng.random() < 0.04 else rng.choice(WORDS)


def sentence(rng, words=(8, 20)):
    count = rng.randint(*words)
    text = " ".join(word(rng) for _ in range(count))
    return text[0].upper() + text[1:] + "."


def paragraph(rng):
    return " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))


def restyle(title, rng):
    """The title as another story might quote it: other case or quote style."""
    choice = rng.randrange(4)
    if choice == 0:
        return title.upper()
    if choice == 1:
        return title.replace("'", "’")
    if choice == 2:
        return title.replace("’", "'")
    return title


def file_name(url):
    return hashlib.sha256(url.encode()).hexdigest()[:16] + ".txt"


def story(index, count, titles, urls, start, rng, realistic=None):
    headerless = index % 20 == 19
    published = start - timedelta(minutes=37 * index + rng.randrange(30))
    others = [rng.randrange(count) for _ in range(rng.randint(1, 4))]
    others = [o for o in others if o != index]
    if realistic:
        vocab, weights = realistic
        total = rng.randint(150, 400)
        parts = rng.randint(3, 6)
        body = [realistic_paragraph(rng, vocab, weights, total // parts) for _ in range(parts)]
        body.insert(2, OBJECTS[rng.randrange(len(OBJECTS))].capitalize() + " under scrutiny")
    else:
        # 150 to 400 words of text, in paragraphs around a subheading.
        target = rng.randint(150, 400)
        paragraphs = []
        while sum(len(p.split()) for p in paragraphs) < target:
            paragraphs.append(paragraph(rng))
        words = " ".join(paragraphs).split()[:target]
        paragraphs, at = [], 0
        while at < len(words):
            size = rng.randint(40, 90)
            text = " ".join(words[at:at + size]).rstrip(".,") + "."
            paragraphs.append(text[0].upper() + text[1:])
            at += size
        middle = max(1, len(paragraphs) // 2)
        body = paragraphs[:middle]
        body.append(OBJECTS[rng.randrange(len(OBJECTS))].capitalize() + " under scrutiny")
        body += paragraphs[middle:]
    body += [f"READ MORE: {restyle(titles[o], rng)}" for o in others[:2]]
    if headerless:
        # Half open with the title, half with a section label (the title is then derived).
        first = titles[index] if index % 40 == 19 else KICKERS[rng.randrange(len(KICKERS))]
        return first + "\n\n" + "\n\n".join(body) + f"\n\nSource: {SOURCES[index % len(SOURCES)]}\n"
    lines = [
        f"Title: {titles[index]}",
        f"Kicker: {KICKERS[rng.randrange(len(KICKERS))]}",
        f"Source: {SOURCES[index % len(SOURCES)]}",
        f"Author: {AUTHORS[rng.randrange(len(AUTHORS))]}",
        f"Published: {published.strftime('%Y-%m-%dT%H:%M:%SZ')}",
        f"URL: {urls[index]}",
        f"ID: urn:byline-test:{index}",
    ]
    for o in others[2:]:
        lines.append(f"Related: {urls[o]} {titles[o]}")
    return "\n".join(lines) + "\n\n" + "\n\n".join(body) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="number of story files")
    parser.add_argument("--out", required=True, help="folder to create (must not hold files)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--realistic", action="store_true",
                        help="150-400 word bodies from a large Zipf-spread vocabulary, 4%% non-Latin words")
    args = parser.parse_args()
    if args.count < 1:
        sys.exit("make-library: --count must be at least 1")
    if os.path.isdir(args.out) and os.listdir(args.out):
        sys.exit(f"make-library: {args.out}: folder is not empty; choose a new one")

    rng = random.Random(args.seed)
    titles = [title_for(i, rng) for i in range(args.count)]
    urls = [f"https://news.example.org/{i // 1000}/{i}" for i in range(args.count)]
    start = datetime(2026, 11, 1, 12, 0, tzinfo=timezone.utc)
    realistic = None
    if args.realistic:
        vocab = WORDS + vocabulary(random.Random(args.seed))
        cumulative, total = [], 0.0
        for rank in range(len(vocab)):
            total += 1.0 / (rank + 1)
            cumulative.append(total)
        realistic = (vocab, cumulative)
    for index in range(args.count):
        folder = os.path.join(args.out, SOURCES[index % len(SOURCES)].lower().replace(" ", "-"))
        os.makedirs(folder, exist_ok=True)
        text = story(index, args.count, titles, urls, start, rng, realistic)
        with open(os.path.join(folder, file_name(urls[index])), "w", encoding="utf-8") as out:
            out.write(text)
    print(f"make-library: wrote {args.count} stories to {args.out}")


if __name__ == "__main__":
    main()
