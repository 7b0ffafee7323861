"""Writes the scale case of csv-category-count: cases/hidden/scale/path.csv and expected.jsonl.

The input is a file, and sandbox generators (generate(spark, seed) -> DataFrames) only make
DataFrames, so this case is generated here once, on the author's machine, and checked in:
    python3 challenges/csv-category-count/generators/write_scale_case.py
The same seed writes the same bytes (random.Random(seed), no other source of randomness). The
expected counts come from the generator's own model of each line (well-formed and its category,
or skipped), not from parsing the file, so they check the reference independently.
"""
import json
import os
import random
import sys

SEED = 20240301
LINES = 80_000
BASE = ["Books", "Toys", "Garden", "Music", "Pets", "Games", "Shoes", "Office", "Auto", "Beauty",
        "Jewelry", "Electronics", "Food & Drink", "Home, Garden", "Sports, Outdoors", "Tools, Hardware",
        "Arts, Crafts, Sewing", "books", "BOOKS", "toys", "Zoo", "apple"]
EMPTY_CATEGORIES = ["", "  ", '""', '" "']
BAD_AMOUNTS = ["abc", "n/a", "$5", "12.5.3", '"1,5"', "12 EUR", "--3", "1.2.3"]


def categories() -> list[str]:
    """The base categories plus 300 numbered ones (cat000 .. cat299), so the tail has many ties."""
    return BASE + [f"cat{i:03d}" for i in range(300)]


def amount(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.08:
        return rng.choice(["", '""'])
    if roll < 0.12:
        return f"-{rng.randint(0, 999)}.{rng.randint(0, 99):02d}"
    if roll < 0.30:
        return str(rng.randint(0, 5000))
    return f"{rng.randint(0, 5000)}.{rng.randint(0, 99):02d}"


def category_field(rng: random.Random, name: str) -> str:
    """The category as it appears in the line: padded with spaces, quoted when it has a comma or by chance."""
    padded = name
    if rng.random() < 0.2:
        padded = rng.choice(["", " ", "  "]) + name + rng.choice(["", " ", "  "])
    return f'"{padded}"' if "," in name or rng.random() < 0.15 else padded


def line(rng: random.Random, index: int, names: list[str], weights: list[float]) -> tuple[str, str | None]:
    """One line and the category it counts for (None when it is not counted)."""
    roll = rng.random()
    name = rng.choices(names, weights)[0]
    field = category_field(rng, name)
    if roll < 0.03:
        return rng.choice(["", " ", "   "]), None  # blank
    if roll < 0.05:
        return f"{index},{field}", None  # too few fields
    if roll < 0.07:
        return f"{index},{field},{amount(rng)}," + rng.choice(["", "x", "1"]), None  # too many fields
    if roll < 0.09:
        return f"{index},{field},{rng.choice(BAD_AMOUNTS)}", None  # amount not a number
    if roll < 0.10:
        return f"{index},{rng.choice(EMPTY_CATEGORIES)},{amount(rng)}", None  # empty category
    return f"{index},{field},{amount(rng)}", name


def main() -> None:
    rng = random.Random(SEED)
    names = categories()
    # Zipf-like: a few categories hold most lines, the numbered tail has small, often equal counts.
    weights = [1.0 / (rank + 1) for rank in range(len(names))]
    counts: dict[str, int] = {}
    lines = ["id,category,amount"]
    for index in range(1, LINES + 1):
        text, counted = line(rng, index, names, weights)
        lines.append(text)
        if counted is not None:
            counts[counted] = counts.get(counted, 0) + 1
    folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cases", "hidden", "scale")
    with open(os.path.join(folder, "path.csv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0].encode("utf-8")))
    with open(os.path.join(folder, "expected.jsonl"), "w", encoding="utf-8") as f:
        for name, count in ordered:
            f.write(json.dumps({"category": name, "count": count}) + "\n")
    print(f"wrote {LINES} lines, {len(ordered)} categories to {os.path.normpath(folder)}", file=sys.stderr)


if __name__ == "__main__":
    main()
