"""The Japanese messages for list files that cannot be read (staff, services, trademarks)."""

from __future__ import annotations

UNSUPPORTED_ENCODING = ("{file} {line}行目: 文字コード（{found}）が読めません。"
                        "UTF-8（BOM 付きでも可）か Shift_JIS（Excel の「CSV（コンマ区切り）」）で保存し直してください。")
BROKEN_UTF8 = ("{file} {line}行目: 見つかった文字コードは {found} ですが、この行に {found} として読めないバイトがあります"
               "（別の文字コードの文字が混ざっています）。その行を直して保存し直してください。")
UNKNOWN_ENCODING = "不明"
