"""Japanese messages of the store's integrity guard: the signing key, events the engine did
not write, and history that was cut or rewritten. Shown by pages, the CLI and start-up."""

from __future__ import annotations

SIGNING_KEY_MISSING = ("署名鍵のファイルがありません: {path}。記録の連鎖に書き込めません。"
                       "`anshin init`（または `anshin serve`）で作成するか、バックアップから戻してください。")
SIGNING_KEY_OPEN = ("署名鍵のファイル {path} を他の利用者も読めます（権限 {mode}）。"
                    "読める人は記録を偽造できます。`chmod 600 {path}` にしてから起動してください。")
SIGNING_KEY_BAD = "署名鍵のファイル {path} の内容が正しくありません（64桁の16進数が1行）。"
EVENT_NOT_AUTHENTIC = ("記録の連鎖に、このシステムが書いていないイベントがあります（連番 {seq}、"
                       "種類 {kind}、操作者 {actor}）。改ざんの疑いがあるため処理を止めました。"
                       "`anshin verify` で確認し、デジタル市役所推進室に連絡してください。")
HISTORY_NOT_INTACT = ("記録の連鎖が、署名されたチェックポイントと一致しません（{detail}）。"
                      "最新のイベントが削除されたか書き換えられた疑いがあるため、利用停止が解除されたとは"
                      "みなさず、起動しません。`anshin verify` で確認してください。")
HISTORY_SUSPENDED_NOTICE = ("記録の連鎖が署名されたチェックポイントと一致しないため、生成AIの利用を止めています"
                            "（{detail}）。`anshin verify` で確認し、デジタル市役所推進室に連絡してください。")
HISTORY_SUSPENDED_BY = "記録の整合性の確認"
SIGNING_STARTED = ("署名を開始しました。連番 1〜{through} の {through} 件は署名の導入前のイベントです"
                   "（ハッシュの連鎖だけで確認されます）。")
SIGNING_ALREADY = "イベントは署名されています（鍵 {key_id}）。"
