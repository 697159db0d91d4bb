from mapping.text import sentence_spans, sentences, tokenize


def test_tokens_keep_offsets_and_hyphenated_names():
    text = "Russlands president besøker Sentral-Asia og Anwaar-ul-Haq Kakar, U.S. i dag."
    tokens = tokenize(text)
    assert all(text[t.start : t.end] == t.text for t in tokens)
    words = [t.text for t in tokens]
    assert "Russlands" in words
    assert "Sentral-Asia" in words
    assert "Anwaar-ul-Haq" in words
    assert "U.S." in words
    assert words[-1] == "."


def test_suspended_compound_keeps_its_hyphen():
    assert [t.text for t in tokenize("Belte- og veiinitiativet")] == [
        "Belte-",
        "og",
        "veiinitiativet",
    ]


def test_sentences_split_on_stops_and_lines_not_abbreviations():
    text = "Han bl.a. reiste til Oslo. Dr. Hansen kom fra U.S. Army i går!\nNy linje uten punktum"
    assert sentences(text) == [
        "Han bl.a. reiste til Oslo.",
        "Dr. Hansen kom fra U.S. Army i går!",
        "Ny linje uten punktum",
    ]


def test_sentence_spans_are_offsets_into_text():
    text = "  Én.  To?\n\nTre  "
    spans = sentence_spans(text)
    assert [text[a:b] for a, b in spans] == ["Én.", "To?", "Tre"]
