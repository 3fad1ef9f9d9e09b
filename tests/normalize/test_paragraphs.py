from corpus.normalize.paragraphs import classify_blocks, is_quote, split_paragraphs


def kinds(body: str) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in classify_blocks(body)]


def test_short_unpunctuated_line_between_paragraphs_is_a_heading() -> None:
    body = "First paragraph ends here.\n\nWater prices rise again\n\nResidents complained."
    assert kinds(body) == [
        ("paragraph", "First paragraph ends here."),
        ("heading", "Water prices rise again"),
        ("paragraph", "Residents complained."),
    ]


def test_short_paragraph_with_punctuation_is_not_a_heading() -> None:
    body = "First paragraph.\n\nShe agreed.\n\nThen left."
    assert [k for k, _ in kinds(body)] == ["paragraph", "paragraph", "paragraph"]


def test_short_last_line_is_not_a_heading() -> None:
    body = "First paragraph.\n\nSecond paragraph.\n\nReporting by Ana Ruiz"
    assert [k for k, _ in kinds(body)] == ["paragraph", "paragraph", "paragraph"]


def test_long_unpunctuated_line_is_not_a_heading() -> None:
    words = " ".join(["word"] * 20)
    body = f"First.\n\n{words}\n\nLast."
    assert [k for k, _ in kinds(body)] == ["paragraph", "paragraph", "paragraph"]


def test_wrapped_lines_are_joined_and_never_a_heading() -> None:
    body = "First.\n\nShort wrapped\nline here\n\nLast."
    assert kinds(body)[1] == ("paragraph", "Short wrapped line here")


def test_blank_lines_with_spaces_split_paragraphs() -> None:
    assert split_paragraphs("a b.\n   \nc d.") == ["a b.", "c d."]


def test_whole_paragraph_quotation_is_a_quote() -> None:
    assert is_quote("“We will rebuild the bridge before winter.”")
    assert is_quote('"We will rebuild."')
    assert not is_quote("“We will rebuild,” she said, “before winter.”")
    assert not is_quote("She said “yes”.")
