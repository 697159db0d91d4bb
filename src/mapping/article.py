"""Reading articles: files, standard input, HTML pages, encodings, and page furniture.

Real pasted articles carry photo credits ("Foto: ... / AP / NTB"), captions that appear twice
and ad markers ("Artikkelen fortsetter under annonsen"). :func:`content_sentences` returns the
sentences that are article text, with offsets into the original text, so every mention keeps
its true position.
"""

from __future__ import annotations

import codecs
import re
import sys
import warnings
from functools import cache
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

from mapping.errors import (
    ArticleNotFoundError,
    ArticleTooLargeError,
    BinaryArticleError,
    EmptyArticleError,
    EncodingWarning,
)
from mapping.text import sentence_spans

__all__ = [
    "SAMPLE_ARTICLE_NAME",
    "sample_article",
    "sample_article_path",
    "read_article",
    "decode_article",
    "html_to_text",
    "furniture_spans",
    "content_sentences",
]

SAMPLE_ARTICLE_NAME = "putin-kasakhstan.nb.txt"
#: Largest article accepted, in bytes (a long report is ~200 kB; 10 MB texts must work).
MAX_BYTES = 64 * 1024 * 1024

_BINARY_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive or an Office document (.docx, .odt)",
    b"\xd0\xcf\x11\xe0": "an old Office document (.doc)",
    b"\x1f\x8b": "a gzip archive",
    b"{\\rtf": "an RTF document",
}


def sample_article_path() -> Path:
    """Path of the embedded sample article (Putin in Kazakhstan, NTB, Bokmål)."""
    return Path(str(resources.files("mapping") / "assets" / SAMPLE_ARTICLE_NAME))


@cache
def sample_article() -> str:
    """Return the text of the embedded sample article.

    Examples
    --------
    >>> sample_article().startswith("Putin på plass i Kasakhstan")
    True
    """
    return sample_article_path().read_text(encoding="utf-8")


def read_article(source: str | Path, *, max_bytes: int = MAX_BYTES) -> str:
    """Read an article from a file path, or from standard input when ``source`` is ``"-"``.

    UTF-8 (with or without BOM) and UTF-16 with BOM are read as they are; other bytes are
    decoded as cp1252 with an :class:`~mapping.errors.EncodingWarning`. An HTML page is
    reduced to its article text (see :func:`html_to_text`).

    Raises
    ------
    ArticleNotFoundError
        The file does not exist.
    EmptyArticleError, BinaryArticleError, ArticleTooLargeError
        The file holds no text, is not text, or is larger than ``max_bytes``.

    Examples
    --------
    >>> text = read_article(sample_article_path())
    >>> "Kasakhstan" in text
    True
    """
    if str(source) == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        name = "standard input"
    else:
        path = Path(source)
        name = str(path)
        if not path.exists():
            raise ArticleNotFoundError(
                f"No article at {name}. Check the path, or use '-' to read standard input."
            )
        if path.is_dir():
            raise ArticleNotFoundError(f"{name} is a folder. Give the path of an article file.")
        if path.stat().st_size > max_bytes:
            raise ArticleTooLargeError(
                f"{name} is larger than {max_bytes // (1024 * 1024)} MB; split the text into "
                "articles or pass a larger max_bytes."
            )
        data = path.read_bytes()
    if len(data) > max_bytes:
        raise ArticleTooLargeError(
            f"{name} is larger than {max_bytes // (1024 * 1024)} MB; split the text into articles."
        )
    return decode_article(data, source=name)


def decode_article(data: bytes, *, source: str = "the article") -> str:
    """Turn the bytes of an article file into clean text.

    Examples
    --------
    >>> decode_article("Tromsø".encode("cp1252"))  # doctest: +SKIP
    'Tromsø'
    >>> decode_article(b"<html><body><p>Hei fra Oslo.</p></body></html>")
    'Hei fra Oslo.'
    """
    if not data.strip():
        raise EmptyArticleError(source)
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise BinaryArticleError(source, what)
    text = _decode(data, source)
    if _looks_like_html(text):
        text = html_to_text(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise EmptyArticleError(source)
    return text


def _decode(data: bytes, source: str) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if b"\x00" in data[:4096]:
        raise BinaryArticleError(source, "it contains NUL bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        warnings.warn(
            f"{source} is not UTF-8; read it as Windows-1252 (cp1252). Check letters like "
            "æ, ø and å, and save the file as UTF-8 to silence this warning.",
            EncodingWarning,
            stacklevel=3,
        )
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(8, len(text[:4096]) // 50):
        raise BinaryArticleError(source, "it contains many control characters")
    return text


_HTML_START = re.compile(r"\A\s*(?:<!doctype html|<html|<\?xml[^>]*>\s*<html|<head|<body)", re.I)


def _looks_like_html(text: str) -> bool:
    head = text[:2048]
    if _HTML_START.match(head):
        return True
    return len(re.findall(r"</?(?:p|div|span|br|a|h[1-6]|article)\b", head, re.I)) >= 5


class _TextExtractor(HTMLParser):
    """Collect the readable blocks of a page: headings, paragraphs, list items."""

    _SKIP = {
        "script",
        "style",
        "noscript",
        "nav",
        "footer",
        "header",
        "aside",
        "form",
        "svg",
        "figure",
        "figcaption",
        "button",
        "template",
        "iframe",
        "select",
    }
    _BLOCKS = {"p", "h1", "h2", "h3", "h4", "li", "blockquote", "pre", "td", "dd", "dt"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_depth = 0
        self.in_article = 0
        self.block_depth = 0
        self.blocks: list[tuple[bool, str]] = []
        self._buf: list[str] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self.skip_depth += 1
        elif tag == "article":
            self.in_article += 1
        elif tag == "title":
            self._in_title = True
        elif tag in self._BLOCKS:
            self._flush()
            self.block_depth += 1
        elif tag == "br":
            self._buf.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag == "article":
            self._flush()
            self.in_article = max(0, self.in_article - 1)
        elif tag == "title":
            self._in_title = False
        elif tag in self._BLOCKS:
            self._flush()
            self.block_depth = max(0, self.block_depth - 1)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self.skip_depth and self.block_depth:
            self._buf.append(data)

    def _flush(self) -> None:
        block = " ".join("".join(self._buf).split())
        if block:
            self.blocks.append((self.in_article > 0, block))
        self._buf = []


def html_to_text(html: str) -> str:
    """Extract the article text of an HTML page: headings and paragraphs, one a line.

    Scripts, styles, navigation, headers, footers and figure captions are dropped. When the
    page has an ``<article>`` element, only its blocks are kept.

    Examples
    --------
    >>> html_to_text("<html><script>x()</script><h1>Tittel</h1><p>Tekst &amp; mer.</p></html>")
    'Tittel\\n\\nTekst & mer.'
    """
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    parser._flush()
    blocks = parser.blocks
    if any(in_article for in_article, _ in blocks):
        blocks = [b for b in blocks if b[0]]
    text = "\n\n".join(block for _, block in blocks)
    if not text.strip() and parser.title.strip():
        text = " ".join(parser.title.split())
    return text


# Page furniture: photo credits run from "Foto:" to the end of the line; ad markers and
# video teasers are whole lines.
_CREDIT_RE = re.compile(
    r"(?:\b(?:Foto|Fotos|Photo|Photos|Bilde|Bilete|Illustrasjon|Illustration|Grafikk|Graphic|"
    r"Kilde|Source|Credit|Image|Picture)\s*:|©)[^\n]*",
    re.I,
)
_FURNITURE_LINE_RE = re.compile(
    r"^[ \t]*(?:"
    r"artikkelen fortsetter (?:under|etter) (?:annonsen|reklamen)"
    r"|annonse|reklame|advertisement|annonsørinnhold|sponset innhold|sponsored"
    r"|(?:video|se video|watch|les også|les ogsa|les meir|les mer|read more|related|relatert"
    r"|podkast|podcast|del artikkelen|share this article)\s*:[^\n]*"
    r"|(?:les også|les meir|read more|advertisement|continue reading below)"
    r")[ \t]*\.?[ \t]*$",
    re.I | re.M,
)


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) offsets of page furniture: credits, ad markers, teasers.

    Examples
    --------
    >>> t = "Putin i Kasakhstan. Foto: Kreml / AP / NTB\\nArtikkelen fortsetter under annonsen\\n"
    >>> [t[a:b] for a, b in furniture_spans(t)]
    ['Foto: Kreml / AP / NTB', 'Artikkelen fortsetter under annonsen']
    """
    spans = [(m.start(), m.end()) for m in _CREDIT_RE.finditer(text)]
    spans += [(m.start(), m.end()) for m in _FURNITURE_LINE_RE.finditer(text) if m.group().strip()]
    spans.sort()
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _norm_sentence(s: str) -> str:
    return " ".join(re.findall(r"\w+", s.casefold()))


def content_sentences(text: str) -> list[tuple[int, int]]:
    """Sentences that are article text: furniture removed, repeated captions kept once.

    Offsets are into ``text``. A sentence that repeats an earlier one word for word (a caption
    printed twice, a pull quote) is dropped, so its places are not counted twice.

    Examples
    --------
    >>> t = "Putin er i Kasakhstan. Foto: AP\\nPutin er i Kasakhstan. Foto: AP\\nHan reiser hjem."
    >>> [t[a:b] for a, b in content_sentences(t)]
    ['Putin er i Kasakhstan.', 'Han reiser hjem.']
    """
    furniture = furniture_spans(text)
    seen: set[int] = set()
    out: list[tuple[int, int]] = []
    fi = 0
    for start, end in sentence_spans(text):
        # cut furniture out of the sentence: keep the part before the first furniture span
        while fi < len(furniture) and furniture[fi][1] <= start:
            fi += 1
        j = fi
        while j < len(furniture) and furniture[j][0] < end:
            fa, fb = furniture[j]
            if fa <= start:
                start = min(end, fb)
            else:
                end = fa
                break
            j += 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start:
            continue
        key = _norm_sentence(text[start:end])
        if not key:
            continue
        if len(key) >= 12:
            digest = hash(key)  # a number, not the sentence: bounded memory on huge texts
            if digest in seen:
                continue
            seen.add(digest)
        out.append((start, end))
    return out
