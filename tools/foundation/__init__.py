"""The lowest layer: settings, the database engine, the typed error hierarchy and the clock.

Nothing here imports any other package of the product; every other layer may import it.
"""
