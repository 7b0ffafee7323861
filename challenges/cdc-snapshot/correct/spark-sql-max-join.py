# style: Spark SQL, the highest seq per customer joined back to its change
def solve(spark, changes):
    changes.createOrReplaceTempView('changes')
    return spark.sql(
        """
        SELECT DISTINCT c.customer_id, c.name, c.email, c.updated_at, c.seq
        FROM changes c
        JOIN (SELECT customer_id, MAX(seq) AS seq FROM changes GROUP BY customer_id) latest
          ON c.customer_id = latest.customer_id AND c.seq = latest.seq
        WHERE c.op <> 'delete'
        """
    )
