"""camket: Vietnamese foreign-relations news to validated, analysis-ready Parquet."""

__version__ = "0.1.0"
