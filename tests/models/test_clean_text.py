from models.rules.clean_text import clean, is_fit


def test_nul_and_lone_surrogates_are_dropped():
    assert clean("张\x00三") == "张三"
    assert clean("李\udcff四") == "李四"
    assert clean("王\ud83d") == "王"
    assert not is_fit("a\x00b")
    assert not is_fit("\udc80")


def test_ordinary_text_passes_unchanged():
    for text in ("张三", "𠮷野家", "䶮", "O'Brien-李", "湖南省株洲市炎陵县\n", "😀"):
        assert clean(text) == text
        assert is_fit(text)
    # A rare name character outside the BMP survives encoding: it is one code point.
    assert clean("𠮷").encode() == b"\xf0\xa0\xae\xb7"
