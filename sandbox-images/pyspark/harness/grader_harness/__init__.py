"""The grader's in-sandbox harness: starts Spark, receives one job, runs the candidate's solve per case."""
