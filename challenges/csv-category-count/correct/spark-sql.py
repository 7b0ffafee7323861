# style: Spark SQL over the file's lines, fields cut out with regexp_extract and unquoted with CASE
FIELD = '("[^"]*"|[^,"]*)'
RECORD = f'^{FIELD},{FIELD},{FIELD}$'


def solve(spark, path):
    spark.read.text(path).createOrReplaceTempView('lines')
    return spark.sql(
        f"""
        WITH fields AS (
            SELECT regexp_extract(value, '{RECORD}', 2) AS category, regexp_extract(value, '{RECORD}', 3) AS amount
            FROM lines
            WHERE value RLIKE '{RECORD}'
        ),
        records AS (
            SELECT
                CASE WHEN category LIKE '"%' THEN substr(category, 2, length(category) - 2) ELSE category END AS category,
                CASE WHEN amount LIKE '"%' THEN substr(amount, 2, length(amount) - 2) ELSE amount END AS amount
            FROM fields
        )
        SELECT TRIM(category) AS category, COUNT(*) AS `count`
        FROM records
        WHERE (amount = '' OR amount RLIKE '^-?[0-9]+([.][0-9]+)?$') AND TRIM(category) <> ''
        GROUP BY TRIM(category)
        ORDER BY `count` DESC, category ASC
        """
    )
