"""Typed errors raised by :mod:`mapping`.

Every error derives from :class:`MappingError` and also from the matching
built-in exception, in the style of :mod:`geopy.exc`, so callers can catch
either ``mapping.errors.ArticleError`` or plain ``ValueError``.
"""

from __future__ import annotations

__all__ = [
    "MappingError",
    "ArticleError",
    "EmptyArticleError",
    "BinaryArticleError",
    "ArticleTooLargeError",
    "ArticleNotFoundError",
    "ArticleDownloadError",
    "GeodataError",
    "BrowserNotFoundError",
    "ExportError",
    "GeocoderUnavailable",
    "UnknownRegionError",
    "VisitsFrameError",
    "MappingWarning",
    "EncodingWarning",
]


class MappingError(Exception):
    """Base class of every error raised by :mod:`mapping`."""


class ArticleError(MappingError, ValueError):
    """The article text cannot be used as it is."""


class EmptyArticleError(ArticleError):
    """The article is empty or holds only whitespace or page furniture."""

    def __init__(self, source: str = "the article") -> None:
        super().__init__(
            f"{source} has no text to read. Paste the article's text, or give the path "
            "of a .txt or .html file that contains it."
        )


class BinaryArticleError(ArticleError):
    """The file is binary (an image, a PDF, a Word file ...), not text."""

    def __init__(self, source: str = "the article", detail: str = "") -> None:
        extra = f" ({detail})" if detail else ""
        super().__init__(
            f"{source} looks like a binary file{extra}, not text. Save the article as plain "
            "text (.txt) or as a web page (.html) and try again."
        )


class ArticleTooLargeError(ArticleError):
    """The text is larger than the configured limit."""


class ArticleNotFoundError(MappingError, FileNotFoundError):
    """The article file does not exist."""


class ArticleDownloadError(ArticleError, ConnectionError):
    """The article's web page could not be fetched (no internet, a wrong address, or refused)."""


class GeodataError(MappingError, OSError):
    """The embedded geodata in ``geodata/`` is missing or damaged."""


class BrowserNotFoundError(MappingError, FileNotFoundError):
    """No Chromium browser was found for PNG export or browser tests."""


class ExportError(MappingError, OSError):
    """A map could not be written."""


class GeocoderUnavailable(MappingError, ConnectionError):
    """The online geocoder cannot be reached (no network, or the service refused)."""


class UnknownRegionError(MappingError, KeyError):
    """A region name or country code is not known to the embedded geodata."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0]) if self.args else "unknown region"


class VisitsFrameError(MappingError, ValueError):
    """A visits table (``mapping.visits_frame``, or its CSV) has a missing column or a bad cell."""


class MappingWarning(UserWarning):
    """Base class of the (cosmetic) warnings issued by :mod:`mapping`."""


class EncodingWarning(MappingWarning):
    """The article was not UTF-8 and was decoded with a fallback encoding."""
