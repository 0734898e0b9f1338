"""The learning-loop simulator: customers' responses played from the generator's ground truth."""
