"""Turn a scraped page dump into an article body plus its metadata.

Not for decoding bytes (see `camket.ingest`) nor for extraction.
"""

from camket.clean.boilerplate import CleanedArticle, clean_article

__all__ = ["CleanedArticle", "clean_article"]
