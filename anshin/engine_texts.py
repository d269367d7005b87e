"""Japanese messages of the engine service (issue 13, part 5) and of its clients."""

from anshin.wording import guideline_templates

UNAUTHENTICATED = "記録のサービスに本人確認ができませんでした。画面を開き直してください。解決しない場合は{office}へ。"
NOT_YOURSELF = "本人（{user}）以外の名前での操作はできません。この要求は記録されました。"
NOT_YOUR_SESSION = "このセッションを開く権限がありません（作成者、または同じ所属のレビュー担当・{role_name[head]}だけが開けます）。この要求は記録されました。"
UNKNOWN_METHOD = "記録のサービスはこの操作を受け付けません。この要求は記録されました。"
BAD_REQUEST = "記録のサービスへの要求の形が正しくありません。画面を開き直してください。この要求は記録されました。"
ENGINE_FAILED = "記録のサービスで問題が起きました。操作は記録されていない可能性があります。しばらく待ってからもう一度操作してください。解決しない場合は{office}へ。"
ENGINE_UNREACHABLE = "庁内の記録のサービスに接続できません。しばらく待ってからもう一度操作してください。解決しない場合は{office}へ。"
ENGINE_NAME = "記録のサービス"
URL_FILE_UNREADABLE = "データベースの接続先のファイル {file} を読めません（{detail}）。"
URL_FILE_OPEN = "データベースの接続先のファイル {file} は他の利用者も読める権限（{mode}）になっています。パスワードを含むため、chmod 600 にしてください。"
URL_FILE_NOT_OURS = "データベースの接続先のファイル {file} の所有者が、このサービスの実行ユーザーではありません。"

__getattr__ = guideline_templates(globals())
