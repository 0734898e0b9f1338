"""Strategy arms of the experiment: champion, challenger and control by stable hashing."""
