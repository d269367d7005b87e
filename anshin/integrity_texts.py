"""Japanese messages of the store's integrity guard: the signing key, events the engine did
not write, and history that was cut or rewritten. Shown by pages, the CLI and start-up."""

from __future__ import annotations

from anshin.wording import guideline_templates

SIGNING_KEY_MISSING = ("署名鍵のファイルがありません: {path}。記録の連鎖に書き込めません。"
                       "`anshin init`（または `anshin serve`）で作成するか、バックアップから戻してください。")
SIGNING_KEY_OPEN = ("署名鍵のファイル {path} を他の利用者も読めます（権限 {mode}）。"
                    "読める人は記録を偽造できます。`chmod 600 {path}` にしてから起動してください。")
SIGNING_KEY_ENV_MISSING = ("署名鍵の環境変数 {name} が設定されていません（ポリシーの [transparency] signing_key）。"
                           "記録の連鎖に書き込めません。`anshin keys init` の説明に従って設定してください。")
WITNESS_KEY_MISSING = ("証人の鍵がありません: {where}（ポリシーの [transparency] witness_key）。"
                       "`anshin keys init` で作成するか、証人（監査担当など）から受け取って置いてください。")
WITNESS_KEY_BAD = ("証人の鍵 {where} の内容が正しくありません（PRIVATE+KEY+名前+ID+鍵 の1行。"
                   "C2SP の署名ノートの形式）。")
SIGNING_KEY_BAD = "署名鍵のファイル {path} の内容が正しくありません（64桁の16進数が1行）。"
EVENT_NOT_AUTHENTIC = ("記録の連鎖に、このシステムが書いていないイベントがあります（連番 {seq}、"
                       "種類 {kind}、操作者 {actor}）。改ざんの疑いがあるため処理を止めました。"
                       "`anshin verify` で確認し、{office}に連絡してください。")
HISTORY_NOT_INTACT = ("記録の連鎖が、署名されたチェックポイントと一致しません（{detail}）。"
                      "最新のイベントが削除されたか書き換えられた疑いがあるため、利用停止が解除されたとは"
                      "みなさず、起動しません。`anshin verify` で確認してください。")
HISTORY_SUSPENDED_NOTICE = ("記録の連鎖が署名されたチェックポイントと一致しないため、生成AIの利用を止めています"
                            "（{detail}）。`anshin verify` で確認し、{office}に連絡してください。")
HISTORY_SUSPENDED_BY = "記録の整合性の確認"
SIGNING_STARTED = ("署名を開始しました。連番 1〜{through} の {through} 件は署名の導入前のイベントです"
                   "（ハッシュの連鎖だけで確認されます）。")
SIGNING_ALREADY = "イベントは署名されています（鍵 {key_id}）。"

# `anshin verify --checkpoint`: today's log against an older signed checkpoint.
EXTENSION_OK = ("正常 / OK: 今日の記録の連鎖（{new} 件）は、チェックポイント（{old} 件）に追記しただけのものです"
                "（RFC 9162 の一貫性証明）。")
EXTENSION_PROOF = "一貫性証明（base64、RFC 9162 の 2.1.4 節）:"
EXTENSION_FAILED = "改ざんの疑い / MISMATCH"
EXTENSION_UNREADABLE = "チェックポイントのファイルが読めません（{detail}）。"
EXTENSION_ORIGIN = "別の記録のチェックポイントです（{found}。この記録は {expected}）。"
EXTENSION_SIGNATURE = "チェックポイントが市の鍵（{key}）で署名されていません。"
EXTENSION_NO_WITNESS = "注意: チェックポイントに証人の連署（{key}）がありません。"
EXTENSION_CUT = ("今日の記録の連鎖は {new} 件で、チェックポイントの {old} 件より短くなっています。"
                 "最新のイベントが削除されています。")
EXTENSION_TREE = ("透明性ログの木（{tree} 件）とイベント（{events} 件）が一致しません。"
                  "`anshin verify` で確認してください。")
EXTENSION_TREE_DAMAGED = "透明性ログの木が壊れています（{detail}）。`anshin verify` で確認してください。"
EXTENSION_REWRITTEN = ("今日の記録の連鎖の最初の {size} 件は、チェックポイントに署名された内容と違います。"
                       "連鎖そのものに矛盾がなくても、履歴が書き換えられています。")
EXTENSION_FIRST_EVENT = ("最初の違い: イベント 連番 {seq}（今日の連鎖では 種類 {kind}、日時 {at}）。"
                         "署名された記録・チェックポイントが示す内容と違います。")
EXTENSION_RANGE = ("最初の違いは イベント 連番 {first}〜{last} の間にあります"
                   "（署名された記録とチェックポイントから分かる範囲）。")

__getattr__ = guideline_templates(globals())
