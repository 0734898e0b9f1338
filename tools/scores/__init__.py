"""The trained models' scores as inputs to the tools: once per customer, or column-wise."""
