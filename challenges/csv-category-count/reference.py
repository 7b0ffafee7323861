# Reference solution for csv-category-count: read the file as lines of text, keep the lines that
# are well-formed records by the statement's rules (one regular expression for the fields and
# quotes, one for the amount), trim categories, and count the lines of each category, most
# frequent first. No CSV reader: its own rules for quotes and numbers are not the statement's.
from pyspark.sql import Column, DataFrame, SparkSession
from pyspark.sql import functions as F

# Rules 3 and 4: a quoted field runs from its opening " to the next ", which a comma or the end of
# the line must follow; an unquoted field holds no " at all. Rule 5: exactly three fields.
FIELD = '("[^"]*"|[^,"]*)'
RECORD = f'^{FIELD},{FIELD},{FIELD}$'
# Rule 6: an optional minus, digits, and optionally a point and digits; nothing else.
NUMBER = r'^-?[0-9]+(\.[0-9]+)?$'


def field(number: int) -> Column:
    """The value of a well-formed line's field `number` (1-3): a quoted field without its quotes."""
    text = F.regexp_extract('value', RECORD, number)
    return F.regexp_replace(text, '^"(.*)"$', '$1')


def solve(spark: SparkSession, path: str) -> DataFrame:
    # One row per line, without its line break. A blank line has no commas and the header's amount
    # is the word `amount`: neither is a well-formed record, so rules 1 and 2 need no step of their own.
    lines = spark.read.text(path)
    records = lines.where(F.col('value').rlike(RECORD)).select(
        field(2).alias('category'),
        field(3).alias('amount'),
    )
    well_formed = records.where((F.col('amount') == '') | F.col('amount').rlike(NUMBER))
    # Rule 8: spaces only (Spark's trim removes the space character and nothing else).
    categories = well_formed.select(F.trim(F.col('category')).alias('category')).where(F.col('category') != '')
    return (
        categories.groupBy('category')
        .agg(F.count(F.lit(1)).alias('count'))
        .orderBy(F.col('count').desc(), F.col('category').asc())
    )
