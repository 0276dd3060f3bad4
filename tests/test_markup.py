from brochure_builder.source.markup import clean, to_reportlab


def test_bold_italic_and_links() -> None:
    assert to_reportlab("a **b** *c* [d](https://example.org)") == (
        'a <b>b</b> <i>c</i> <a href="https://example.org">d</a>'
    )


def test_markup_characters_come_out_literally() -> None:
    assert to_reportlab("<b>x</b> & <font>") == "&lt;b&gt;x&lt;/b&gt; &amp; &lt;font&gt;"


def test_unsafe_link_schemes_are_not_links() -> None:
    assert "<a" not in to_reportlab("[x](javascript:alert(1))")


def test_quotes_follow_the_language() -> None:
    assert to_reportlab('"bubble"', language="en-GB") == "“bubble”"
    assert to_reportlab('"burbulas"', language="lt") == "„burbulas“"


def test_source_notes_become_numbered_links() -> None:
    text = to_reportlab("rank[^gci] and [^unknown]", notes={"gci": 3})
    assert '<super><a href="#note-gci">3</a></super>' in text
    assert "[^unknown]" in text


def test_control_characters_are_removed() -> None:
    assert clean("a\x00b\x07c\n  d") == "abc d"


def test_no_break_spaces_are_kept_so_a_number_stays_with_its_unit() -> None:
    assert clean(" 600\u00a0km \t\n 1989\u00a0m. ") == "600\u00a0km 1989\u00a0m."


def test_separators_and_phone_numbers_are_kept_from_breaking() -> None:
    """No line starts with a spaced separator, and a phone number is never split."""
    nbsp = "\u00a0"
    assert to_reportlab("Görlitz · Biuro | Büro / Office • Amt") == (
        f"Görlitz{nbsp}· Biuro{nbsp}| Büro{nbsp}/ Office{nbsp}• Amt")
    assert to_reportlab("Call +49 3581 000000, or +48 (68) 123 45 67.") == (
        f"Call +49{nbsp}3581{nbsp}000000, or +48{nbsp}(68){nbsp}123{nbsp}45{nbsp}67.")
    assert to_reportlab("+44 (0)20 7946 0000 or +49 3581 / 000000 today") == (
        f"+44{nbsp}(0)20{nbsp}7946{nbsp}0000 or +49{nbsp}3581{nbsp}/{nbsp}000000 today")
    assert to_reportlab("[0800 12 34 56](tel:+49800123456) in 2024 1 200") == (
        f'<a href="tel:+49800123456">0800{nbsp}12{nbsp}34{nbsp}56</a> in 2024 1 200')
