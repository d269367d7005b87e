"""Person names in encyclopedic prose: foreign names Sudachi does not know, surnames used
alone, and the companies, places and products that must not be taken for people."""

import pytest

from checks import BLOCK, WARN, screen


def names(text: str) -> list[str]:
    return [text[f.start:f.end] for f in screen(text) if f.category == "person_name"]


@pytest.mark.parametrize(("text", "expected"), [
    # katakana surnames unknown to the dictionary, confirmed by a verb of people
    ("準決勝でコヴァレンコに一本で敗れたが、3位決定戦でミハイロフスキを破った。",
     ["コヴァレンコ", "ミハイロフスキ"]),
    ("ボルコフスキによると、改革は失敗に終わった。", ["ボルコフスキ"]),
    # a ・-chain with a role word before it
    ("デンマークの画家ヴィルヘルム・ハマスホイはコペンハーゲンで生まれた。",
     ["ヴィルヘルム・ハマスホイ"]),
    # name + title compound after it
    ("会見でシュタインマイヤー外相は、交渉の継続を表明した。", ["シュタインマイヤー"]),
    ("大蔵大臣の高橋是清は金融恐慌の収拾にあたった。", ["高橋是清"]),
    # given-name morphology the analyser splits off (喜|右衛門)
    ("屋号の由来は、初代当主の佐藤喜右衛門が始めた油問屋にある。", ["佐藤喜右衛門"]),
    # a family named by its surname
    ("大坂の陣で豊臣家は滅亡した。", ["豊臣"]),
    # a proper noun that is a name only beside another name in a list
    ("ハーヴェルとドロステンは1992年にバンドを結成した。", ["ハーヴェル", "ドロステン"]),
    # Chinese/Korean three-kanji names the dictionary does not know
    ("この会談で朴槿恵は崔の提案を批判した。", ["朴槿恵", "崔"]),
    # a Latin initial inside a katakana name; a Latin name with an initial as the subject
    ("ジョン・F・ケネディは暗殺された。", ["ジョン・F・ケネディ"]),
    ("その論文でLester T. W. Hoは新説を提唱した。", ["Lester T. W. Ho"]),
    # a given name with an ending only names have, without a known surname
    ("当主の林右衛門が屋号を定めた。", ["林右衛門"]),
    # life years in brackets, a role with の before the name, a part played (役)
    ("ヨハネス・ケプラー（1571年 - 1630年）は天文学者である。", ["ヨハネス・ケプラー"]),
    ("作曲家のマーラーは交響曲を書いた。", ["マーラー"]),
    ("ミュージカルでメイベル役を演じた。", ["メイベル"]),
    ("その内の1基を、Mr.ビーンで知られる俳優が所有した。", ["Mr.ビーン"]),
    # a given name ending in 長 (not a place like 東大寺 or a title), a verb of people (渡米)
    ("藤原道長の娘である彰子は中宮となった。", ["藤原道長", "彰子"]),
    ("その後、村上は渡米し、ニューヨークで活動した。", ["村上"]),
    # a name whose last part is also a place
    ("ホセ・エドゥアルド・ドス・サントス大統領が訪日した。", ["ホセ・エドゥアルド・ドス・サントス"]),
])
def test_names_in_prose_are_found(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "ハルトマン・ヴェーバー社はシュトゥットガルトに本社を置く工作機械メーカーである。",
    "トヨタ自動車株式会社は愛知県豊田市に本社を置く。",
    "東急田園都市線の二子玉川駅から徒歩5分の場所にある。",
    "ネッカー川の流域にあるハイデルベルク大学を訪れた。",
    "ソニーグループはプレイステーション5を発売した。",
    "マイクロソフト社の表計算ソフト「エクセル」で集計し、結果をパワーポイントにまとめた。",
    "アルミニウムとマグネシウムの合金を用いた部品が採用された。",
    "ボルドー・ワインの生産量は、2019年に減少した。",
    # an unknown katakana word with nothing that speaks of a person
    "新型のクラルヴィスタが搭載されたモデルは、翌年に生産を終えた。",
    # a team or brand: Latin letters glued to the katakana word
    "同年、FCヴァルトホーフェンへの移籍が発表された。",
    # a place the analyser reads as a surname after the city name
    "長野県伊那市六道原にかつて存在した飛行場の跡。",
    # a common word starting with a Chinese surname
    "陳列棚が設置され、彼は驚いた。",
    "マクドナルドの店舗が駅前に開業した。",
    "モデルのフォードは売れた。",
    "清水屋の羊羹は名物である。",
    "Nintendo Switchが発売された。",
    # a role with の before a loanword: the role's comment, not a name
    "監督のコメントが発表された。",
    # places that look like ・-chains of names, a university named after a person
    "サン・パウロの郊外にある。",
    "ロス・アンジェルスへ移った。",
    "ジョージ・ワシントン大学に留学した。",
    # a company named after people
    "1960年代にハンナ・バーベラ・プロダクションが制作し、俳優が声を演じた。",
    "作家のエッセイが出版された。",
])
def test_companies_places_and_products_pass(text):
    assert names(text) == []


def test_public_figure_in_prose_is_a_warning():
    findings = screen("フランスのマクロン大統領はパリで演説した。")
    assert [(f.category, f.severity) for f in findings] == [("person_name", WARN)]


def test_same_kind_of_name_in_a_private_record_is_blocked():
    for text in ("先日ミハイロフスキ様より電話がありました。",
                 "相談者：コヴァレンコ・マリヤ\n相談内容：在留資格の更新"):
        findings = screen(text)
        assert [(f.category, f.severity) for f in findings] == [("person_name", BLOCK)], text


def test_long_text_without_kanji_or_katakana_is_not_analysed_but_names_around_it_are():
    filler = "1234567890 abc@example.jp " * 50
    text = filler + "ミハイロフスキ様" + filler + "相談者：高橋是清\n"
    assert names(text) == ["ミハイロフスキ", "高橋是清"]


def test_latin_name_with_a_title_or_honorific():
    assert names("この大会ではKenan Sofuoglu選手が優勝した。") == ["Kenan Sofuoglu"]
    findings = screen("John Smith様から電話がありました。")
    assert [(f.category, f.severity) for f in findings] == [("person_name", BLOCK)]
    assert names("Microsoft Excelで集計し、Google Driveに保存した。") == []


def test_long_text_analysed_in_threads_gives_the_same_findings(monkeypatch):
    from checks.rules.person_name import analyser as person_name

    part = ("準決勝でコヴァレンコに一本で敗れた。相談者：高橋是清\n"
            "トヨタ自動車株式会社は愛知県豊田市に本社を置く。ヴィルヘルム・ハマスホイ\n")
    text = part * (2 * person_name.PARALLEL_MIN // len(part) + 1)
    threaded = screen(text)
    monkeypatch.setattr(person_name, "PARALLEL_MIN", len(text) + 1)
    assert screen(text) == threaded
    assert len([f for f in threaded if f.category == "person_name"]) >= 2 * text.count("高橋是清")


@pytest.mark.parametrize(("text", "expected"), [
    # most of a 、-list are names: the item the dictionary does not know is one too
    ("門下には横山大観、森田翠嶺、岡部雲渓、下村観山、木下蒼苑らがいる。",
     ["横山大観", "森田翠嶺", "岡部雲渓", "下村観山", "木下蒼苑"]),
    ("合作には竹内栖鳳、長野草風、山元春挙、上村松園が加わった。",
     ["竹内栖鳳", "長野草風", "山元春挙", "上村松園"]),
])
def test_an_unknown_item_in_a_list_of_names_is_a_name(text, expected):
    assert sorted(names(text)) == sorted(expected)


@pytest.mark.parametrize("text", [
    "視察先は東京、大阪、名古屋、福岡の各市である。",
    "会議には総務課、財政課、企画課、市民課が出席した。",
    "対象はスマートフォン、タブレット、パソコンの三種類である。",
])
def test_a_list_without_names_stays_unflagged(text):
    assert names(text) == []


def test_institutions_in_a_list_of_names_are_not_names():
    found = names("委員は田中太郎、鈴木花子、市民協働課、地域振興センターの四者である。")
    assert "市民協働課" not in found and "地域振興センター" not in found
    assert "田中太郎" in found and "鈴木花子" in found


@pytest.mark.parametrize(("text", "expected"), [
    # an encyclopedia's opening: the subject is defined as a kind of person
    ("オルテガは、スペインの哲学者である。", ["オルテガ"]),
    ("ヨハン・ヴァン・ホーテンは、オランダの政治家。", ["ヨハン・ヴァン・ホーテン"]),
    # businesses and products defined by what they make are not persons
    ("ネスレは、世界最大の食品製造者である。", []),
    ("スターバックスは米国のコーヒーチェーン事業者である。", []),
])
def test_subject_defined_as_a_person(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("ウェリントン公爵はワーテルローの戦いで勝利した。", ["ウェリントン"]),
    ("ルクセンブルク大公国の首都はルクセンブルク市である。", []),
    ("パリ伯爵領の農地は没収された。", []),
])
def test_a_peer_named_by_a_place(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a whole name the dictionary knows, ending in 長; a given name alone with its relation
    ("天正元年、織田信長は足利義昭を京都から追放した。", ["織田信長", "足利義昭"]),
    # name + 長官 is a person with a title, not an organisation
    ("山本五十六長官は連合艦隊の司令長官に就任した。", ["山本五十六"]),
    # a one-kanji given name the analyser left unread, beside another name
    ("井深大と盛田昭夫は新しい会社を興した。", ["井深大", "盛田昭夫"]),
    # ordinary katakana words that make a name beside a name
    ("ジョン・レノンとリンゴ・スターは再会した。", ["ジョン・レノン", "リンゴ・スター"]),
    # a title of rank after a katakana surname
    ("フルシチョフ第一書記は演説を行った。", ["フルシチョフ"]),
])
def test_more_names_in_prose(text, expected):
    assert sorted(names(text)) == sorted(expected)


@pytest.mark.parametrize("text", [
    # works, vessels, an airport, a battle and businesses named after people
    "『千と千尋の神隠し』は長編アニメ映画賞を受賞した。",
    "スピッツのシングル「ロビンソン」は大ヒットした。",
    "戦艦ビスマルクは北大西洋で撃沈された。",
    "ジョン・F・ケネディ国際空港はニューヨークにある。",
    "戊辰戦争は鳥羽・伏見の戦いに始まった。",
    "シャネルの香水は1921年に発売された。",
    "ダイソンはイギリスの家電メーカーである。",
    "ホンダはF1に復帰し、マクラーレンと提携した。",
])
def test_things_named_after_people_are_not_names(text):
    assert names(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("ヘンリー8世は修道院を解散した。", ["ヘンリー8世"]),
    ("日系2世の住民が集まった。", []),
    ("アポロ13号の事故は1970年に起きた。", []),
])
def test_regnal_numbers_and_numbered_things(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a role right before a name the dictionary does not know
    ("委嘱作品は作曲家譚盾による新作である。", ["譚盾"]),
    ("主題歌はシンガーソングライターのあいみょんが担当した。", ["あいみょん"]),
    # a name with a katakana title after it; a surname with a given name the dictionary lacks
    ("番組は北村麻衣子アナウンサーが担当した。", ["北村麻衣子"]),
    ("6代藩主松平乗薀は倹約令を出した。", ["松平乗薀"]),
])
def test_names_after_roles_and_before_titles(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "ヤマト運輸の宅配便事業の拠点として開設された。",
    "2016年、ルイ・ヴィトンは銀座に旗艦店を開設した。",
    "当地の信玄堤は、現在も治水施設として機能している。",
    "ヨハン・クライフ・アレナで行われた試合は引き分けだった。",
    "空母「ハリー・S・トルーマン」は地中海に展開した。",
])
def test_companies_venues_and_works_named_after_people(text):
    assert names(text) == []


@pytest.mark.parametrize(("text", "name"), [
    ("救急活動の評価は概ね適切。指導救命士 関根。", "関根"),
    ("現場確認：道路管理課 若松、警察官 大崎 巡査", "若松"),
    ("後日、職員の小松が伺います。", "小松"),
    ("ケースワーカー：長島（月1回訪問）", "長島"),
])
def test_a_surname_after_a_section_or_staff_role_is_a_person_in_post(text: str, name: str) -> None:
    assert name in names(text)


def test_a_section_followed_by_an_ordinary_word_names_nobody() -> None:
    assert names("総務課 会議、財政課 予算、職員の研修が続きます。") == []


def test_letter_spaced_names_of_a_scanned_form_are_read_whole() -> None:
    text = "届 出 人 氏 名   須 藤   恵 美 子\n"
    assert names(text) == ["須 藤   恵 美 子"]


def test_officials_listed_under_an_attendance_heading_of_minutes_are_in_office() -> None:
    text = ("説明のため出席した者の職氏名　町長　大 森 正 夫　副町長　石 川 和 彦\n"
            "○議長（木村一郎君）　これより本日の会議を開きます。")
    assert all(f.severity == "warn" for f in screen(text) if f.category == "person_name")


@pytest.mark.parametrize(("text", "expected"), [
    ("照会者：水村 健二", ["水村 健二"]),
    ("立会人：白石 ハナ", ["白石 ハナ"]),
    ("調査員：資産税課 白鳥、角", ["白鳥", "角"]),
])
def test_a_label_whose_head_word_is_a_persons_role_holds_a_name(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "事業者：株式会社ミツワ", "要求者：議員", "対象者 仕事や学業、冠婚葬祭、旅行"])
def test_an_organisation_or_a_role_under_such_a_label_is_no_name(text: str) -> None:
    assert names(text) == []


def test_a_speaker_after_a_role_in_a_stamped_log_is_a_person_even_without_prose() -> None:
    text = "[07:12] 隊長 勅使河原：現着\n[07:15] 隊員 大門：了解、搬送準備します\n"
    assert names(text) == ["勅使河原", "大門"]


@pytest.mark.parametrize(("text", "name"), [
    ("受付 窓口係　丁寧 美咲\n", "丁寧 美咲"),
    ("通訳 グエン・ティ・ホア（会計年度職員）", "グエン・ティ・ホア"),
])
def test_a_name_after_a_role_counts_by_its_given_name_or_its_foreign_form(text: str, name: str) -> None:
    assert name in names(text)


def test_everyone_listed_as_present_is_a_name_whatever_script() -> None:
    text = "同席：大久保 瑞穂、堤 さやか、Maria Santos Oliveira（通訳）\n"
    assert names(text) == ["大久保 瑞穂", "堤 さやか", "Maria Santos Oliveira"]


def test_offices_listed_as_present_are_not_names() -> None:
    assert names("参加：市民課、福祉課、危機管理室\n") == []


def test_a_chat_export_with_the_speaker_and_time_on_a_header_line_names_its_speakers() -> None:
    text = ("木村　10:02\n窓口で転入の相談がありました\n野村　10:05\n書類は揃っていますか\n"
            "木村　10:07\nはい、揃っています")
    assert set(names(text)) == {"木村", "野村"}


def test_a_timetable_is_no_chat_log() -> None:
    assert names("受付　9:00\n開会　9:30\n閉会　11:00\n") == []


@pytest.mark.parametrize(("text", "name"), [
    ("通知を持参した田村　恵美様から問い合わせがあった。", "田村　恵美"),  # after a verb
    ("長女の朝霞　花子さんが同席した。", "朝霞　花子"),  # after の, a place-like surname
])
def test_a_surname_after_a_particle_or_a_verb_is_part_of_the_name(text: str, name: str) -> None:
    assert name in names(text)


@pytest.mark.parametrize(("text", "name"), [
    ("施工業者の担当は増井主任で、工程は来週確定する。", "増井"),
    ("相談支援は木下 真理子相談員が引き継ぐ。", "木下 真理子"),
    ("訪問は看護師松井が担当した。", "松井"),
    ("代理人 弁護士 宮田 智也 の意見書を添付。", "宮田 智也"),
])
def test_a_post_or_profession_beside_a_word_makes_it_a_person(text: str, name: str) -> None:
    assert name in names(text)


def test_everyone_as_staff_is_not_a_name() -> None:
    assert names("大雨警報の発表時は全職員が参集する。") == []


def test_surnames_containing_an_office_character_are_names() -> None:
    # 村, 部, 町 inside a surname are not an office or a place
    text = "中村 14:33\n搬送しました\n阿部 14:36\n了解です"
    assert set(names(text)) == {"中村", "阿部"}


def test_a_speaker_once_known_in_a_stamped_log_is_named_on_every_line() -> None:
    text = ("[9:06] 光：窓口に来た方、また来週来るって\n[9:14] 堀井：了解です\n"
            "[9:28] 光：よろしく\n[10:00] 光：👍")
    assert names(text).count("光") == 3


def test_a_timetable_in_speaker_form_names_nobody() -> None:
    assert names("[10:00] 受付：開場します\n[10:30] 開会：挨拶があります\n[11:00] 休憩：昼食です") == []


def test_one_kanji_before_a_post_is_a_surname_unless_it_qualifies_the_post() -> None:
    assert "南" in names("次回は南部長が再度面談する。")
    assert names("副部長が出席し、分隊長が報告した。") == []


def test_a_signature_with_the_name_alone_under_the_section() -> None:
    assert "南 結衣" in names("――――\n新座市 こども家庭課 母子保健係\n南 結衣\nTEL 048-477-1111（内線2345）")


def test_a_contact_person_in_brackets_with_how_to_reach_them() -> None:
    assert "五十嵐" in names("実行時は弊社の責任者（五十嵐、携帯090-6207-5999）の承認を得る。")
    assert names("問合せ：市民課（電話 048-477-1111）") == []
