# style: the parsed file brought to the driver as pandas, counted with value_counts
def solve(spark, path):
    lines = (
        spark.read.option('header', True)
        .option('mode', 'DROPMALFORMED')
        .schema('id STRING, category STRING, amount DOUBLE')
        .csv(path)
    )
    frame = lines.toPandas()  # every column collected, so every line is parsed in full
    categories = frame['category'].dropna().str.strip(' ')
    counted = categories[categories != ''].value_counts().rename_axis('category').reset_index(name='count')
    counted = counted.sort_values(['count', 'category'], ascending=[False, True], kind='stable')
    return spark.createDataFrame(
        [(c, int(n)) for c, n in zip(counted['category'], counted['count'])], 'category string, count long'
    )
