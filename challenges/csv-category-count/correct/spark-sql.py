# style: Spark SQL over the parsed file, every column checked by materialising the view first
def solve(spark, path):
    lines = (
        spark.read.option('header', True)
        .option('mode', 'DROPMALFORMED')
        .schema('id STRING, category STRING, amount DOUBLE')
        .csv(path)
    )
    lines.localCheckpoint().createOrReplaceTempView('lines')
    return spark.sql(
        """
        SELECT TRIM(category) AS category, COUNT(*) AS `count`
        FROM lines
        WHERE TRIM(category) <> ''
        GROUP BY TRIM(category)
        ORDER BY `count` DESC, category ASC
        """
    )
