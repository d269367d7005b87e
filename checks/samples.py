"""Which lines of a text are a sample (記入例), not anyone's data.

Staff paste a form's filled-in example to ask how to word or check it. A person sees that
it is an example from what the text says of it: a line that names itself so (「記入例：…」,
「（見本）」), a title (「閲覧申出書（記入例）」), a heading that opens a block
(「【記入例】…」: the lines under it, to the next blank line) or a note that closes one
(「※上記は記入例です」: the lines above it, back to the blank line or the heading).
"""

from __future__ import annotations

import re

from .document import Document

SAMPLE_WORDS = r"記入例|記載例|入力例|見本|サンプル|ダミー"
# The word as a label or a heading (「記入例：」「（見本）」「サンプル 山田太郎」 at the line's start),
# not mentioned in a sentence (「様式の記載例の充実に反映させた」 is about examples, not one).
_SAMPLE_ANY = r"(?:" + SAMPLE_WORDS + r"|例示|テストデータ|ひな形|雛形)"
EXAMPLE_LINE = re.compile(r"(?m)(?:^[ \t]*|[(（【\[「〔])" + _SAMPLE_ANY
                          + r"|" + _SAMPLE_ANY + r"[ ]*(?:[:：)）】\]」〕]|です|であり|$)"
                          + r"|(?:^|[(（\s])例[:：]"
                          # 「ダミーデータ（氏名：新座 太郎 等）」: the sample given in the bracket
                          + r"|" + _SAMPLE_ANY + r"(?:データ)?[(（]")
SAMPLE_TITLE = re.compile(r"^.{0,30}(?:[(（【\[]\s*(?:" + SAMPLE_WORDS + r")\s*[)）】\]]"
                          r"|(?:記入例|見本)$)")
SAMPLE_HEADING = re.compile(r"^[ \t]*[【\[(（〔]\s*(?:" + SAMPLE_WORDS + r")\s*[】\])）〕]")
SAMPLE_WORD = re.compile(SAMPLE_WORDS + r"|架空")
# 「番号の例：AB 1234 5678 CD」「（例：info@example.com）」: the value straight after the word is
# the format shown by example (searched in the few characters before a value).
EXAMPLE_BEFORE = re.compile(r"(?:の例|記入例|入力例|例)[ ]?[:：)）][ ]?$")
SAMPLE_NOTE = re.compile(r"(?:上記|以上|これら|この(?:内容|例)|(?:テスト)?データ)は(?:すべて|全て)?"
                         r"(?:" + SAMPLE_WORDS + r"|架空)")


def sample_lines(doc: Document) -> set[int]:
    """Indexes of the lines that are part of a sample (module docstring)."""
    text = doc.text
    lines = text.split("\n")
    if SAMPLE_TITLE.search(lines[0] if lines else ""):
        return set(range(len(lines)))
    samples = {doc.line_index(m.start()) for m in EXAMPLE_LINE.finditer(text)}
    # a heading or a note names a sample word (or 架空): only the lines that hold one are read
    worded = sorted({doc.line_index(m.start()) for m in SAMPLE_WORD.finditer(text)})
    for i in worded:
        line = lines[i]
        if SAMPLE_HEADING.match(line):
            j = i
            while j < len(lines) and (j == i or lines[j].strip()):
                samples.add(j)
                j += 1
        if SAMPLE_NOTE.search(line):
            j = i
            while j >= 0 and (j == i or lines[j].strip()):
                samples.add(j)
                if j != i and SAMPLE_HEADING.match(lines[j]):
                    break
                j -= 1
    return samples
