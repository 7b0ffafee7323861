# style: the statement's rules in plain Python over the file's lines (no CSV reader, no regex for the fields)
import re

NUMBER = re.compile(r'-?[0-9]+(\.[0-9]+)?')


def fields(line):
    """The line's fields by rules 3 and 4, or None when a quote is out of place or never closes."""
    values, i = [], 0
    while True:
        if line.startswith('"', i):
            end = line.find('"', i + 1)
            if end < 0 or (end + 1 < len(line) and line[end + 1] != ','):
                return None
            values.append(line[i + 1:end])
            i = end + 1
        else:
            end = line.find(',', i)
            end = len(line) if end < 0 else end
            if '"' in line[i:end]:
                return None
            values.append(line[i:end])
            i = end
        if i >= len(line):
            return values
        i += 1  # the comma; a trailing one leaves one more, empty, field


def counts(text):
    tally, header_seen = {}, False
    for line in text.split('\n'):
        if line.strip(' ') == '':
            continue
        if not header_seen:
            header_seen = True
            continue
        record = fields(line)
        if record is None or len(record) != 3:
            continue
        amount, category = record[2], record[1].strip(' ')
        if amount != '' and not NUMBER.fullmatch(amount):
            continue
        if category:
            tally[category] = tally.get(category, 0) + 1
    return sorted(tally.items(), key=lambda item: (-item[1], item[0]))


def solve(spark, path):
    text = spark.sparkContext.wholeTextFiles(path).values().first()
    return spark.createDataFrame(counts(text), 'category string, count long')
