"""Properties that hold for any input: no exception, sane findings, lossless redaction."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks import CATEGORIES, SEVERITIES, redact, restore, screen

JAPANESE_PIECES = st.sampled_from([
    "氏名：藤田翼", "０９０－１２３４－５６７８", "〒352-8623", "埼玉県新座市野火止一丁目1番1号",
    "個人番号：", "4457 3903 3430", "様", "ｶﾞｷﾞｸﾞ", "\u200f", "\u202e", "\u0301", "👨‍👩‍👧",
    "\x00", "\t", "\n", "　", "①", "㈱", "㍻", "ー", "－", "，", "機密性３Ｃ", "【取扱注意】",
])
TEXTS = st.lists(st.one_of(st.text(max_size=30), JAPANESE_PIECES), max_size=40).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_any_text_gives_sorted_findings_inside_the_text(text):
    findings = screen(text)
    assert findings == sorted(findings, key=lambda f: (f.start, f.end))
    for f in findings:
        assert 0 <= f.start < f.end <= len(text)
        assert f.category in CATEGORIES
        assert f.severity in SEVERITIES
        assert f.message_ja


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_restore_of_redact_gives_back_the_text(text):
    redaction = redact(text, screen(text))
    assert restore(redaction.text, redaction.mapping) == text


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=st.characters(), min_size=0, max_size=5000))
def test_arbitrary_unicode_never_raises(text):
    screen(text)


def test_one_megabyte_input_completes():
    line = "氏名：藤田翼 電話 090-1234-5678 住所：秋田県長生郡白子町百村6-15-22 の件。\n"
    text = (line * (1_000_000 // len(line) + 1))[:1_000_000]
    findings = screen(text)
    assert len(findings) > 1000
    assert findings[-1].end <= len(text)
