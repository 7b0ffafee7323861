# style: Spark SQL, one segment per customer from MAX, then a left join and a grouped count and sum
def solve(spark, orders, customers):
    orders.createOrReplaceTempView('orders')
    customers.createOrReplaceTempView('customers')
    return spark.sql(
        """
        WITH segments AS (SELECT customer_id, MAX(segment) AS segment FROM customers GROUP BY customer_id)
        SELECT COALESCE(s.segment, 'unknown') AS segment,
               TO_DATE(o.order_ts) AS order_date,
               COUNT(*) AS orders,
               COALESCE(SUM(o.amount), 0.0) AS revenue
        FROM orders o LEFT JOIN segments s ON o.customer_id = s.customer_id
        GROUP BY COALESCE(s.segment, 'unknown'), TO_DATE(o.order_ts)
        """
    )
