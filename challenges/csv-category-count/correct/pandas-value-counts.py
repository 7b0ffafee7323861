# style: the file's lines brought to the driver as pandas, parsed with pandas string methods and counted with value_counts
FIELD = '("[^"]*"|[^,"]*)'
RECORD = f'^{FIELD},{FIELD},{FIELD}$'


def solve(spark, path):
    lines = spark.read.text(path).toPandas()['value']
    fields = lines.str.extract(RECORD).dropna()  # a line that is not three well-quoted fields has no match
    unquoted = fields.apply(lambda column: column.str.replace(r'^"(.*)"$', r'\1', regex=True))
    amount = unquoted[2]
    numeric = (amount == '') | amount.str.fullmatch(r'-?[0-9]+(\.[0-9]+)?')
    categories = unquoted.loc[numeric, 1].str.strip(' ')
    counted = categories[categories != ''].value_counts().rename_axis('category').reset_index(name='count')
    counted = counted.sort_values(['count', 'category'], ascending=[False, True], kind='stable')
    return spark.createDataFrame(
        [(c, int(n)) for c, n in zip(counted['category'], counted['count'])], 'category string, count long'
    )
