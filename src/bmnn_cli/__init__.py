"""bmnn: who owes what under a province's plans on protecting state secrets."""

__version__ = "0.1.0"
