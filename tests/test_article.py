import warnings

import pytest

from mapping.article import (
    content_sentences,
    decode_article,
    furniture_spans,
    html_to_text,
    read_article,
    sample_article,
    sample_article_path,
)
from mapping.errors import (
    ArticleError,
    ArticleNotFoundError,
    ArticleTooLargeError,
    BinaryArticleError,
    EmptyArticleError,
    EncodingWarning,
    MappingError,
)

SHARED_SAMPLE = sample_article_path().parents[4] / "shared" / "articles" / "putin-kasakhstan.nb.txt"


def test_sample_article_is_embedded_unchanged():
    text = sample_article()
    assert text.startswith("Putin på plass i Kasakhstan")
    if SHARED_SAMPLE.exists():  # the shared copy is beside the project in development and CI
        assert SHARED_SAMPLE.read_bytes() == sample_article_path().read_bytes()


def test_read_utf8_with_and_without_bom(tmp_path):
    plain = tmp_path / "a.txt"
    plain.write_bytes("Tromsø og Kasakhstan".encode())
    bom = tmp_path / "b.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + "Tromsø og Kasakhstan".encode())
    assert read_article(plain) == read_article(bom) == "Tromsø og Kasakhstan"


def test_cp1252_is_read_with_a_warning(tmp_path):
    path = tmp_path / "c.txt"
    path.write_bytes("Tromsø ligger i Norge – nord.".encode("cp1252"))
    with pytest.warns(EncodingWarning, match="Windows-1252"):
        assert read_article(path) == "Tromsø ligger i Norge – nord."


def test_utf16_with_bom(tmp_path):
    path = tmp_path / "d.txt"
    path.write_bytes("Besøk i Bodø".encode("utf-16"))
    assert read_article(path) == "Besøk i Bodø"


@pytest.mark.parametrize("content", [b"", b"   \n\t  \n"])
def test_empty_files_are_a_clear_error(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(EmptyArticleError, match="no text"):
        read_article(path)


@pytest.mark.parametrize(
    "data, what",
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "Office"),
        (bytes(range(256)) * 4, "NUL"),
    ],
)
def test_binary_files_are_refused(tmp_path, data, what):
    path = tmp_path / "file.txt"
    path.write_bytes(data)
    with pytest.raises(BinaryArticleError, match=what) as info:
        read_article(path)
    assert isinstance(info.value, ValueError) and isinstance(info.value, MappingError)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ArticleNotFoundError, match="No article"):
        read_article(tmp_path / "nope.txt")
    with pytest.raises(FileNotFoundError):
        read_article(tmp_path)


def test_too_large(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"Oslo " * 1000)
    with pytest.raises(ArticleTooLargeError):
        read_article(path, max_bytes=1000)
    assert issubclass(ArticleTooLargeError, ArticleError)


def test_html_page_is_reduced_to_its_article():
    html = """<!DOCTYPE html><html><head><title>NRK</title><script>var x = "Paris";</script>
    <style>p {color: red}</style></head><body><nav><a href="/">Forsiden</a> Sport</nav>
    <article><h1>Putin i Kasakhstan</h1><figure><img src="a.jpg"><figcaption>Foto: AP</figcaption>
    </figure><p>Vladimir Putin er p&aring; bes&oslash;k i Astana.</p><p>Han m&oslash;ter Tokajev.</p>
    </article><footer>Kontakt oss i Oslo</footer></body></html>"""
    assert html_to_text(html) == (
        "Putin i Kasakhstan\n\nVladimir Putin er på besøk i Astana.\n\nHan møter Tokajev."
    )
    assert decode_article(html.encode()) == html_to_text(html)


def test_html_without_text_is_empty():
    with pytest.raises(EmptyArticleError):
        decode_article(b"<html><body><script>alert(1)</script></body></html>")


def test_furniture_credits_and_ad_markers():
    text = (
        "Putin besøker Kasakhstan. Foto: Gavriil Grigorov / Sputnik / Kreml / AP / NTB\n"
        "Artikkelen fortsetter under annonsen\n\nVideo: Putin-stikk til Vesten\n\nKina vokser."
    )
    found = [text[a:b] for a, b in furniture_spans(text)]
    assert found == [
        "Foto: Gavriil Grigorov / Sputnik / Kreml / AP / NTB",
        "Artikkelen fortsetter under annonsen",
        "Video: Putin-stikk til Vesten",
    ]
    kept = [text[a:b] for a, b in content_sentences(text)]
    assert kept == ["Putin besøker Kasakhstan.", "Kina vokser."]


def test_sample_caption_counted_once_and_no_credits():
    text = sample_article()
    kept = [text[a:b] for a, b in content_sentences(text)]
    assert kept.count("Vladimir Putin er torsdag på besøk i Kasakhstan.") == 1
    assert not any("Kreml" in s or "Sputnik" in s or "annonsen" in s for s in kept)
    assert "Krigen i Gaza kan fort bli tema på møtet, men står ikke på dagsordenen." in kept


def test_huge_text_is_linear(tmp_path):
    # 10 MB of text: reading and sentence splitting finish and keep every paragraph once
    para = "Statsministeren reiste til Bergen nr. {i} og møtte ordføreren der.\n"
    text = "".join(para.format(i=i) for i in range(150_000))
    path = tmp_path / "huge.txt"
    path.write_text(text, encoding="utf-8")
    assert len(text.encode()) > 10_000_000
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        read = read_article(path)
    assert len(content_sentences(read)) == 150_000
