"""The learning loop: offers presented, their outcomes, conversion, arms and the simulator."""
