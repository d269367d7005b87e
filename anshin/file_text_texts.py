"""Japanese wording of `anshin.file_text`: what a staff member reads when their file cannot be
used, and the labels put into the extracted text."""

UNSUPPORTED = ("「{name}」は読み込めない種類のファイルです。Word（.docx）・Excel（.xlsx）・PDF（.pdf）・"
               "テキスト（.txt）・CSV（.csv）のファイルを選んでください。")
TOO_LARGE = ("「{name}」は {size} あり、上限の {limit} を超えています。必要な部分だけを別のファイルに"
             "保存するか、文章を貼り付けてください。")
TOO_MUCH_TEXT = ("「{name}」から取り出した文章は {length:,} 文字あり、入力できる {limit:,} 文字を超えて"
                 "います。必要な部分だけにしてください。")
ENCRYPTED = ("「{name}」はパスワードで保護されているため読み込めません。保護を解除したファイルを選ぶか、"
             "必要な部分を貼り付けてください。")
ENCRYPTED_OR_OLD = ("「{name}」はパスワードで保護されているか、古い形式（.doc・.xls）のため読み込めません。"
                    "保護を解除して .docx・.xlsx で保存し直してください。")
BROKEN = ("「{name}」は壊れているか、{kind}の形式ではないため読み込めません。元のアプリケーションで開けるか"
          "確かめ、保存し直してください。")
NO_TEXT_PDF = ("「{name}」には文字の情報がありません（スキャンした画像の PDF など）。文字を認識させた PDF か、"
               "元の文書ファイルを選んでください。")
NO_TEXT = "「{name}」には文章がありません。"
EMPTY = "「{name}」は空のファイルです。"
KIND_NAMES = {".docx": "Word", ".xlsx": "Excel", ".pdf": "PDF", ".txt": "テキスト", ".csv": "CSV"}
SHEET_HEADING = "【シート: {sheet}】"
PAGE_BREAK = "\n\n"
