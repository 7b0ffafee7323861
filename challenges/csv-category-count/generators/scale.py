# Scale-case generator for csv-category-count: the text of a CSV file of `lines` records over 322
# categories (a few large, a long tail of small and often equal counts) mixing quoted commas,
# padded and quoted categories, blank lines, wrong field counts, bad and empty amounts and empty
# categories. random.Random(seed) is its only source of randomness: the same seed and params give
# the same bytes. The input is a file, so `generate` returns its text; Spark is not needed.
import random

from pyspark.sql import SparkSession

BASE = ["Books", "Toys", "Garden", "Music", "Pets", "Games", "Shoes", "Office", "Auto", "Beauty",
        "Jewelry", "Electronics", "Food & Drink", "Home, Garden", "Sports, Outdoors", "Tools, Hardware",
        "Arts, Crafts, Sewing", "books", "BOOKS", "toys", "Zoo", "apple"]
EMPTY_CATEGORIES = ["", "  ", '""', '" "']
BAD_AMOUNTS = ["abc", "n/a", "$5", "12.5.3", '"1,5"', "12 EUR", "--3", "1.2.3"]


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


def line(rng: random.Random, index: int, names: list[str], weights: list[float]) -> str:
    roll = rng.random()
    field = category_field(rng, rng.choices(names, weights)[0])
    if roll < 0.03:
        return rng.choice(["", " ", "   "])  # blank
    if roll < 0.05:
        return f"{index},{field}"  # too few fields
    if roll < 0.07:
        return f"{index},{field},{amount(rng)}," + rng.choice(["", "x", "1"])  # too many fields
    if roll < 0.09:
        return f"{index},{field},{rng.choice(BAD_AMOUNTS)}"  # amount not a number
    if roll < 0.10:
        return f"{index},{rng.choice(EMPTY_CATEGORIES)},{amount(rng)}"  # empty category
    return f"{index},{field},{amount(rng)}"


def generate(spark: SparkSession, seed: int, lines: int = 80_000, numbered_categories: int = 300) -> dict[str, str]:
    rng = random.Random(seed)
    names = BASE + [f"cat{i:03d}" for i in range(numbered_categories)]
    # Zipf-like: a few categories hold most lines, the numbered tail has small, often equal counts.
    weights = [1.0 / (rank + 1) for rank in range(len(names))]
    text = ["id,category,amount"] + [line(rng, index, names, weights) for index in range(1, lines + 1)]
    return {"path": "\n".join(text) + "\n"}
