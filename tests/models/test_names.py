import pytest

from models.core.errors import DomainError
from models.rules.names import name_keys, normalize_name, query_key, validate_name


@pytest.mark.parametrize(
    ("name", "pinyin", "initials"),
    [
        ("李伟强", "liweiqiang", "lwq"),
        # surnames pypinyin's everyday reading gets wrong
        ("曾国藩", "zengguofan", "zgf"),
        ("单雄信", "shanxiongxin", "sxx"),
        ("解缙", "xiejin", "xj"),
        ("仇英", "qiuying", "qy"),
        ("区志强", "ouzhiqiang", "ozq"),
        ("朴正熙", "piaozhengxi", "pzx"),
        ("查良镛", "zhaliangyong", "zly"),
        ("覃明", "qinming", "qm"),
        ("缪亮", "miaoliang", "ml"),
        ("翟丽", "zhaili", "zl"),
        # compound surnames
        ("欧阳修", "ouyangxiu", "oyx"),
        ("司马光", "simaguang", "smg"),
        ("尉迟恭", "yuchigong", "ycg"),
        ("单于天", "chanyutian", "cyt"),
        # minority names with the middle dot, however it was typed
        ("阿依古丽·买买提", "ayigulimaimaiti", "ayglmmt"),
        ("阿依古丽•买买提", "ayigulimaimaiti", "ayglmmt"),
        ("阿依古丽 . 买买提", "ayigulimaimaiti", "ayglmmt"),
        # names in Latin letters: one syllable a word
        ("John Smith", "johnsmith", "js"),
    ],
)
def test_search_keys(name, pinyin, initials):
    keys = name_keys(name)
    assert (keys.pinyin, keys.initials) == (pinyin, initials)


def test_normalisation():
    assert normalize_name(" 王 芳 ") == "王芳"
    assert normalize_name("阿依古丽・买买提") == "阿依古丽·买买提"
    assert normalize_name("Ｊｏｈｎ  Ｓｍｉｔｈ") == "John Smith"
    assert query_key("L W Q") == "lwq"


@pytest.mark.parametrize(("text", "fragment"), [("", "请输入姓名"), ("李4", "“4”"),
                                               ("张" * 41, "姓名过长")])
def test_bad_names_are_refused(text, fragment):
    with pytest.raises(DomainError) as e:
        validate_name(text)
    assert fragment in e.value.message
