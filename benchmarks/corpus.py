"""Generate a synthetic news corpus from repository material, so anyone can rerun the benchmarks.

Each article is the seed story (``seeds/``) re-dated and with its actors
substituted from the gazetteer (``ontology/``): the people, the armed groups and
the country of the story are permuted consistently through the text, so
articles differ in content (and in id) while keeping the seed's length and
structure (about 1,100 spaCy tokens each).

    python benchmarks/corpus.py -n 1000 -o /tmp/corpus.jsonl            # JSON Lines
    python benchmarks/corpus.py -n 200 -o /tmp/corpus --format txt      # a folder of .txt files

The output is deterministic for a given ``--seed``.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "2021-09-02-milley-taliban-daesh.txt"

# Gazetteer ids whose names are swapped among themselves (a permutation, so
# the story stays coherent: every "Milley" of one article becomes the same person).
PEOPLE = ["mark-milley", "lloyd-austin", "joe-biden", "antony-blinken", "frank-mckenzie", "donald-trump"]
GROUPS = ["taliban", "islamic-state", "al-qaida", "hamas", "hezbollah"]
COUNTRIES = ["afg", "irq", "syr", "yem", "som", "lby", "mli", "pak"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def _names(gazetteer) -> dict[str, dict[str, str]]:
    """For each swappable actor: its surface forms by role (full, surname, alias, capital, demonym)."""
    out: dict[str, dict[str, str]] = {}
    for pid in PEOPLE:
        e = gazetteer.entries.get(pid)
        if e:
            out[pid] = {"full": e.label, "surname": e.label.split()[-1]}
    for gid in GROUPS:
        e = gazetteer.entries.get(gid)
        if e:
            out[gid] = {"full": e.label}
    for cid in COUNTRIES:
        e = gazetteer.entries.get(cid)
        if e and e.capitals and e.demonyms:
            out[cid] = {"full": e.label, "capital": e.capitals[0], "demonym": e.demonyms[0]}
    return out


def _seed_forms(names: dict[str, dict[str, str]]) -> dict[str, tuple[str, str]]:
    """Surface forms found in the seed, mapped to (actor id, role)."""
    forms: dict[str, tuple[str, str]] = {}
    for aid, roles in names.items():
        for role, text in roles.items():
            forms.setdefault(text, (aid, role))
    # The seed's other names for its armed groups.
    forms.update({"Daesh": ("islamic-state", "full"), "ISIS": ("islamic-state", "full"),
                  "Islamic State group": ("islamic-state", "full")})
    return forms


def generate(n: int, seed: int = 0) -> Iterator[dict]:
    """``n`` article records (``text``, ``title``, ``published``, ``source``, ``url``)."""
    sys.path.insert(0, str(REPO))
    from kg.gazetteer import Gazetteer

    rng = random.Random(seed)
    base = SEED.read_text(encoding="utf-8")
    first, rest = base.split("\n", 1)  # the date line
    names = _names(Gazetteer.load())
    forms = _seed_forms(names)
    pattern = re.compile(r"\b(" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")\b")
    seen: set[str] = set()
    start = date(2012, 1, 1)
    made = 0
    while made < n:
        mapping = {}
        for pool in (PEOPLE, GROUPS, COUNTRIES):
            ids = [i for i in pool if i in names]
            shuffled = ids[:]
            rng.shuffle(shuffled)
            mapping.update(zip(ids, shuffled))
        day = start + timedelta(days=rng.randrange(365 * 12))

        def swap(m: re.Match) -> str:
            aid, role = forms[m.group(1)]
            target = names[mapping.get(aid, aid)]
            return target.get(role, target["full"])

        text = f"{MONTHS[day.month - 1]} {day.day}, {day.year}\n" + pattern.sub(swap, rest)
        if text in seen:  # same permutation and date drawn twice: draw again
            continue
        seen.add(text)
        made += 1
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        title = next((ln for ln in lines[1:] if not ln.endswith("read")), None)
        yield {"id": f"synthetic-{made:06d}", "text": text, "title": title, "published": day.isoformat(),
               "source": "kg synthetic corpus", "url": f"https://example.org/kg-synthetic/{made:06d}"}


def write(n: int, output: Path, fmt: str = "jsonl", seed: int = 0) -> Path:
    output = Path(output)
    if fmt == "jsonl":
        output.parent.mkdir(parents=True, exist_ok=True)
        with output.open("w", encoding="utf-8") as fh:
            for rec in generate(n, seed):
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    elif fmt == "txt":
        output.mkdir(parents=True, exist_ok=True)
        for rec in generate(n, seed):
            (output / f"{rec['published']}-{rec['id']}.txt").write_text(rec["text"], encoding="utf-8")
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return output


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", "--articles", type=int, default=1000)
    ap.add_argument("-o", "--output", required=True, help="a .jsonl file, or a folder with --format txt")
    ap.add_argument("--format", choices=("jsonl", "txt"), default="jsonl")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    out = write(args.articles, Path(args.output), args.format, args.seed)
    print(f"{args.articles} article(s) -> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
