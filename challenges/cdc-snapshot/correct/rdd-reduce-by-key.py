# style: an RDD keyed by customer, reduced to the change with the highest seq
def solve(spark, changes):
    latest = (
        changes.rdd.map(lambda r: (r.customer_id, r))
        .reduceByKey(lambda a, b: a if a.seq >= b.seq else b)
        .values()
        .filter(lambda r: r.op != 'delete')
        .map(lambda r: (r.customer_id, r.name, r.email, r.updated_at, r.seq))
    )
    schema = changes.select('customer_id', 'name', 'email', 'updated_at', 'seq').schema
    return spark.createDataFrame(latest, schema)
