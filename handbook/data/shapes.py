"""The fields of each data file (handbook/kinds/records.py declares the files and kinds; spec.py the language)."""

from __future__ import annotations

from handbook.data.spec import (DUTY_REF, OWNER, SLUG, URL, Choice, Date, Field, Integer, ListOf, MapOf, Record, Text, slug,
                                text)
from handbook.kinds import records as kinds
from handbook.kinds.names import RESERVED  # the site's own page and anchor names
from handbook.kinds.plan import COUNTS, KINDS, PEOPLE, WEEKDAYS
from handbook.kinds.vocabularies import BASES, BASIS_NAMES, DIRECTION_NAMES, LETTERS

HAN_WORD = r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+$"  # Chinese characters only

DUTY = Record(kinds.DUTY.name, {
    "id": slug("職責 id,用在網址 #錨點,發布後不要改", "duty id, used in the URL #anchor; never change it once published",
               reserved=RESERVED[kinds.DUTY.name]),
    "title": text("職責標題(原文)", "duty title, as the document writes it", 40),
    "title_en": text("英文標題", "English title", 100),
    "description": text("職責說明(原文)", "duty description, as the document writes it", 1000),
    "description_en": text("英文說明", "English description", 1000),
})

ROLE = Record(kinds.ROLE.name, {
    "id": slug("崗位 id,用在網址 /roles/<id>/,發布後不要改", "role id, used in the URL /roles/<id>/; never change it",
               reserved=RESERVED[kinds.ROLE.name]),
    "name": text("崗位名稱", "role name", 40),
    "name_en": text("英文名稱", "English name", 100),
    "summary": text("一句話摘要", "one-line summary", 120),
    "purpose": text("原文對崗位目的的說明", "the document's sentence on the role's purpose", 400),
    "owners": Field(ListOf(Text(100, OWNER, "GitHub 帳號或團隊,例如 @hr-team 或 @org/team",
                                "a GitHub user or team, e.g. @hr-team or @org/team")),
                    "負責維護本崗位的人(GitHub 帳號或團隊)", "who maintains this role (GitHub users or teams)"),
    "reviewed": Field(Date(past=True), "負責人最近一次審閱的日期", "when the owners last reviewed this role (YYYY-MM-DD)"),
    "duties": Field(ListOf(DUTY), "職責清單", "the role's duties"),
})

ROLES_FILE = Record("roles.yaml", {
    "handbook": Field(Record("handbook", {
        "title": text("手冊標題:每頁的標題、頁首和首頁大標都用它", "handbook title: every page's title, the header and "
                      "the home page heading", 60),
        "title_en": text("英文標題", "English title", 100),
        "short_name": text("短名稱,用在列印頁首等窄處(不寫就用標題)",
                           "short name for narrow places such as the print header (default: the title)", 20,
                           required=False),
        "description": text("一句話介紹本手冊,用在首頁和搜尋引擎的描述(不寫就由資料產生)",
                            "one sentence on the handbook for the home page and search engines (default: made from "
                            "the data)", 160, required=False),
        "source": Field(Record("source document", {
            "name": text("原文文件的名稱,不含書名號", "the source document's name, without 《》", 60),
            "url": Field(Text(300, URL, "以 https:// 或 http:// 開頭的網址", "a web address starting with https:// or "
                              "http://"), "在哪裡讀得到原文(可不寫)", "where to read it (optional)", required=False),
        }), "職責文字引自的原文文件;沒有就整段不寫", "the document the duties are quoted from; leave it out when "
            "there is none", required=False),
        "copyright": text("頁尾的版權或出處說明(可不寫)", "the footer's copyright or credits line (optional)", 200,
                          required=False),
        "search_examples": Field(ListOf(Text(20)), "首頁搜尋提示的例子:讀者常查的詞,可含簡體或英文(不寫就用前幾個主題名稱)",
                                 "words the home page suggests searching for, in any script (default: the first "
                                 "topics' names)", required=False),
        "history_since": Field(Text(64, r"^[0-9a-f]{7,64}$", "git 提交的 id(7 到 64 個 0–9、a–f)",
                                    "a git commit id (7 to 64 of 0-9, a-f)"),
                               "修改紀錄(最近更新、訂閱)從這個提交之後開始;接手別人的 fork 時填換掉資料的那個提交",
                               "the history (/changes/, feeds) starts after this commit: after adopting a fork, the "
                               "commit that replaced the data", required=False),
        "introduction": text("引言,顯示在首頁", "introduction, shown on the home page", 2000),
        "closing": text("結語(本手冊自己寫的)", "closing words, the handbook's own", 2000),
    }), "手冊本身:名稱、出處和首頁的文字", "the handbook itself: its name, source and home page texts"),
    "roles": Field(ListOf(ROLE), "崗位清單,依顯示順序", "the roles, in display order"),
})

DUTY_REF_TEXT = Text(130, DUTY_REF, "崗位 id/職責 id,例如 customer-service/returns-exchanges",
                     "role-id/duty-id, e.g. customer-service/returns-exchanges")
DUTY_REFS = ListOf(DUTY_REF_TEXT, min_items=0)


def ids(expected_zh: str, expected_en: str, min_items: int = 0) -> ListOf:
    """A list of ids of other records, e.g. measure ids."""
    return ListOf(Text(60, SLUG, expected_zh, expected_en), min_items=min_items)


def choice(names: dict[str, tuple[str, str]]) -> Choice:
    """One of a few fixed words (a vocabulary of handbook/kinds/vocabularies.py), each with what it means."""
    return Choice(tuple((key, f"{zh} / {en}") for key, (zh, en) in names.items()))


LETTER = Choice(tuple((l.code, f"{l.name} {l.name_en}: {l.means_en}") for l in LETTERS))
BASIS = choice(BASES)
LETTER_BASIS = choice(BASIS_NAMES)
GAP_REF = slug("這一項依賴的待釐清問題(data/gaps.yaml 的 id);basis 是 gap 時必填",
               "the open question this depends on (an id from data/gaps.yaml); required when basis is gap",
               required=False)
# Other records' names readers search for (a topic's aliases are required, and say more: see TOPIC).
ALIASES = Field(ListOf(Text(40), min_items=0), "別名:讀者會搜尋的其他說法", "aliases: other names readers search for",
                required=False)

ASSIGNMENT = Record("assignment", {
    "duty": Field(DUTY_REF_TEXT, "哪個職責(崗位 id/職責 id)", "which duty (role-id/duty-id)"),
    "raci": Field(LETTER, "這個職責在主題裡的角色:A 當責(每個主題只有一個)、R 執行、C 諮詢、I 知會",
                  "the duty's part: A accountable (one per topic), R responsible, C consulted, I informed"),
    "basis": Field(LETTER_BASIS, "根據:document = 原文的職責文字這樣寫;handbook = 本手冊的判斷;gap = 原文沒有定,暫時這樣放",
                   "basis: document = the duty's own words say so; handbook = the handbook's judgement; "
                   "gap = the document leaves it open, placed here until the company decides"),
    "reason": Field(Text(300), "為什麼(basis 是 handbook 或 gap 時必填,頁面上會顯示)",
                    "why (required when basis is handbook or gap; shown on the page)", required=False),
    "gap": GAP_REF,
})

TOPIC = Record(kinds.TOPIC.name, {
    "id": slug("主題 id,用在網址 /topics/<id>/", "topic id, used in the URL /topics/<id>/", reserved=RESERVED[kinds.TOPIC.name]),
    "name": text("主題名稱", "topic name", 40),
    "name_en": text("英文名稱", "English name", 100),
    "group": slug("所屬分組的 id", "the id of its group (see groups)"),
    "description": text("一段說明", "one-paragraph description", 1000),
    "description_basis": Field(BASIS, "說明的根據:document = 只寫原文職責說的;handbook = 含本手冊的判斷",
                               "the description's basis: document = only what the duties say; "
                               "handbook = includes the handbook's judgement"),
    "aliases": Field(ListOf(Text(40)), "別名:繁體、簡體、英文的常用說法",
                     "aliases: what readers type, in Traditional, Simplified and English"),
    "duties": Field(ListOf(ASSIGNMENT), "牽涉的職責,每項一個 R/A/C/I 字母", "the duties involved, each with a letter"),
})

TOPICS_FILE = Record("topics.yaml", {
    "groups": Field(ListOf(Record(kinds.GROUP.name, {
        "id": slug("分組 id", "group id", reserved=RESERVED[kinds.GROUP.name]),
        "name": text("分組名稱", "group name", 40),
        "name_en": text("英文名稱", "English name", 100),
    })), "主題的分組,依顯示順序", "topic groups, in display order"),
    "topics": Field(ListOf(TOPIC), "主題清單", "the topics"),
})

SYNONYMS_FILE = Record("synonyms.yaml", {
    "synonyms": Field(MapOf(ListOf(Text(40), min_items=1)),
                      "讀者平常說的詞(口語、行話、會計和物流用語、英文),按主題 id 分",
                      "words readers use (everyday, trade slang, accounting and logistics, English), by topic id"),
})

SIMPLIFIED_FILE = Record("simplified.yaml", {
    "words": Field(ListOf(Record("word", {
        "traditional": Field(Text(20, HAN_WORD, "一個繁體中文詞,不含空白和標點,例如 帳號", "one Chinese word, no spaces or punctuation, "
                                  "e.g. 帳號"), "繁體版寫的詞", "the word as the Traditional edition writes it"),
        "simplified": Field(Text(20, HAN_WORD, "大陸簡體的寫法,例如 账号", "how mainland Simplified writes it, e.g. 账号"),
                            "簡體版要用的寫法", "what the Simplified edition writes instead"),
        "why": text("為什麼 OpenCC 的轉換不對(審閱時看)", "why OpenCC's conversion is wrong here (for the review)", 200),
    }), min_items=0), "OpenCC(tw2sp)轉錯的詞和簡體版的正確寫法", "words OpenCC (tw2sp) converts wrongly, and the right "
                                                                     "mainland form"),
})

PERSON, KIND, COUNT, WEEKDAY = choice(PEOPLE), choice(KINDS), choice(COUNTS), choice(WEEKDAYS)
PLAN_DAYS = 3660  # a plan of up to about ten years; a larger day is a typo

MEET = Record("meeting", {
    "role": slug("要認識的崗位 id", "the id of the role to meet"),
    "learn": text("要向對方學什麼", "what to learn from them", 300),
})


def _step(of_a_role: bool) -> Record:
    """A step of a role's path, or (of_a_role=False) a company-wide step, which has no duties or measures
    to point to: every new hire shares it, whatever their role."""
    own = {
        "duties": Field(ListOf(Text(60, SLUG, "本崗位的職責 id", "a duty id of this role"),
                               min_items=1), "這一步為哪些職責做準備", "the duties this step prepares for"),
        "meet": Field(ListOf(MEET, min_items=0), "要認識的崗位", "roles to meet", required=False),
        "measures": Field(ids("本路徑 measures 裡的指標 id", "a measure id listed in this path's measures", 1),
                          "這一步檢視的成效指標", "measures reviewed at this step", required=False),
        "processes": Field(ids("data/processes.yaml 裡的流程 id", "a process id from data/processes.yaml", 1),
                           "這一步要走一遍的流程", "processes this step walks through", required=False),
    }
    return Record((kinds.STEP if of_a_role else kinds.COMPANY_STEP).name, {
        "id": slug("步驟 id,勾選進度靠它記住,不要改", "step id; ticked progress is keyed by it, never change it"),
        "do": text("要做什麼", "what to do", 400),
        "why": text("為什麼", "why", 400),
        **{key: own[key] for key in (("duties", "meet", "measures", "processes") if of_a_role else ("meet", "processes"))},
        "checkpoint": text("怎麼算完成", "how the new hire and manager know it is done", 400),
        "by": Field(ListOf(PERSON), "誰做這一步(不寫就是新人自己):hire 新人、manager 直屬主管、buddy 帶教同事",
                    "who does this step (left out: the new hire alone): hire, manager, buddy", required=False),
        "kind": Field(KIND, "task 要做的事(不寫就是這個),或 meeting 會面:行事曆檔會為它建一個會議",
                      "task (the default), or meeting: the calendar file holds a meeting for it", required=False),
    })


ONBOARDING_FILE = Record("onboarding.yaml", {
    "stages": Field(ListOf(Record(kinds.STAGE.name, {
        "id": slug("階段 id", "stage id", reserved=RESERVED[kinds.STAGE.name]),
        "name": text("階段名稱", "stage name", 20),
        "name_en": text("英文名稱", "English name", 40),
        "due": Field(Integer(1, PLAN_DAYS), "到期日:入職第幾天(第 1 天是開始日期);不寫就和前一個階段同一天",
                     "due on day N of the plan (day 1 is the start date); left out: with the stage before",
                     required=False),
        "count": Field(COUNT, "這個階段的天數怎麼數(不寫就照 schedule 的 count)",
                       "how this stage's days are counted (left out: as schedule's count says)", required=False),
    })), "入職階段,依時間順序", "onboarding stages, in order"),
    "schedule": Field(Record("schedule", {
        "days_off": Field(ListOf(WEEKDAY, min_items=0), "休息日:數工作日時跳過的星期幾,例如 [saturday, sunday]",
                          "days off: the weekdays working-day counts skip, e.g. [saturday, sunday]"),
        "count": Field(COUNT, "階段的天數怎麼數:working 只數工作日,calendar 每天都算",
                       "how stages' days are counted: working days, or calendar days"),
        "meetings_at": Field(Text(5, r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]$", "24 小時制時間,加引號,例如 \"10:00\"",
                                  'a 24-hour time in quotes, e.g. "10:00"'),
                             "會面在當地幾點開始(行事曆檔用)", "the local time meetings start (for the calendar file)",
                             required=False),
        "meeting_minutes": Field(Integer(5, 480), "會面多少分鐘", "how many minutes a meeting lasts", required=False),
    }), "入職計畫的日子怎麼算(新人和主管在頁面上填開始日期)",
        "how the plan's days are counted (the new hire or manager sets the start date on the page)", required=False),
    "quiz": Field(Record("quiz", {
        "stage": slug("在哪個階段做小測驗(階段 id)", "the stage whose end holds the knowledge check (a stage id)"),
    }), "從手冊資料出題的小測驗", "the knowledge check drawn from the handbook's data", required=False),
    "company": Field(MapOf(ListOf(_step(of_a_role=False))), "所有新人共同的步驟",
                     "steps every new hire shares"),
    "paths": Field(ListOf(Record(kinds.PATH.name, {
        "role": slug("崗位 id", "role id"),
        "measures": Field(ListOf(Record("path measure", {
            "measure": slug("data/measures.yaml 裡的指標 id", "a measure id from data/measures.yaml"),
            "review": text("這個崗位的新人在最後一個入職階段看什麼(定義寫在 measures.yaml)",
                           "what this role's new hire reviews at the last onboarding stage (the definition is in "
                           "measures.yaml)", 400),
        })), "成效指標(3–6 個)", "measures of success (3–6)"),
        "stages": Field(MapOf(ListOf(_step(of_a_role=True))), "各階段的步驟", "steps per stage"),
    })), "各崗位的入職路徑", "each role's onboarding path"),
})

MEASURE = Record(kinds.MEASURE.name, {
    "id": slug("指標 id,用在網址 /measures/#<id>,發布後不要改", "measure id, used in the URL /measures/#<id>; never change it",
               reserved=RESERVED[kinds.MEASURE.name]),
    "name": text("指標名稱", "measure name", 40),
    "name_en": text("英文名稱", "English name", 100),
    "aliases": ALIASES,
    "formula": Field(Record("formula", {
        "numerator": text("分子", "numerator", 200, required=False),
        "denominator": text("分母", "denominator", 200, required=False),
        "expression": text("算式(不是比率時用,代替分子和分母)",
                           "an expression, instead of numerator and denominator when it is not a ratio", 300,
                           required=False),
    }), "公式:分子和分母,或一個算式", "formula: numerator and denominator, or an expression"),
    "unit": text("單位,例如 %、元、天", "unit, e.g. %, 元 (yuan), 天 (days)", 20),
    "direction": Field(choice(DIRECTION_NAMES), "越高越好(higher)還是越低越好(lower)", "whether higher or lower is better"),
    "note": text("口徑說明:這個數字算什麼、不算什麼,容易和哪個指標混淆", "a note on scope: what the number counts and "
                 "does not, and which measure it is confused with", 300, required=False),
    "source": text("數據來源", "where the data comes from", 200),
    "cadence": text("多久看一次", "how often it is measured", 60),
    "owner": Field(DUTY_REF_TEXT, "負責定義這個指標(公式、口徑)的職責(崗位 id/職責 id)",
                   "the duty that keeps the definition (formula, scope)"),
    "accountable": Field(DUTY_REF_TEXT, "為這個數字當責的職責:它衡量的工作的當責(A)職責(崗位 id/職責 id)",
                         "the duty that answers for the number: the accountable (A) duty of the work it measures"),
    "moved_by": Field(ListOf(DUTY_REF_TEXT), "哪些職責的工作會影響這個指標", "the duties whose work moves it"),
})

MEASURES_FILE = Record("measures.yaml", {
    "measures": Field(ListOf(MEASURE), "成效指標目錄,每個指標只定義一次", "the measures catalogue, each defined once"),
})

PROCESS_STEP = Record(kinds.PROCESS_STEP.name, {
    "id": slug("步驟 id,用在網址 #錨點,發布後不要改", "step id, used in the URL #anchor; never change it",
               reserved=RESERVED[kinds.PROCESS_STEP.name]),
    "duty": Field(DUTY_REF_TEXT, "這一步屬於哪項職責(崗位 id/職責 id)", "the duty this step belongs to"),
    "do": text("這一步做什麼", "what happens in this step", 300),
    "hands_on": text("交給下一步的東西(最後一步寫結果)", "what it hands to the next step (the last step: the result)", 120),
    "basis": Field(choice(BASIS_NAMES), "依據:document 原文寫了、handbook 本手冊的判斷、gap 原文沒有指定崗位",
                   "basis: document (the duty text says so), handbook (the handbook's judgement), "
                   "gap (the document names no role)"),
    "because": text("理由:document 要用「」引出職責說明的原話;handbook 和 gap 說明判斷或缺了什麼",
                    "why: for document, quote the duty's description in 「」; for handbook and gap, explain", 300),
    "measures": Field(ids("data/measures.yaml 裡的指標 id", "a measure id from data/measures.yaml", 1),
                      "這一步影響的成效指標", "measures this step moves", required=False),
    "gap": GAP_REF,
})

PROCESS = Record(kinds.PROCESS.name, {
    "id": slug("流程 id,用在網址 /processes/<id>/,發布後不要改", "process id, used in the URL /processes/<id>/; never change it",
               reserved=RESERVED[kinds.PROCESS.name]),
    "name": text("流程名稱", "process name", 40),
    "name_en": text("英文名稱", "English name", 100),
    "aliases": ALIASES,
    "trigger": text("什麼事情讓流程開始", "what starts the process", 200),
    "topics": Field(ids("data/topics.yaml 裡的主題 id", "a topic id from data/topics.yaml", 1), "流程屬於哪些主題",
                    "the topics the process belongs to"),
    "steps": Field(ListOf(PROCESS_STEP, min_items=2), "步驟,依先後順序", "the steps, in order"),
})

PROCESSES_FILE = Record("processes.yaml", {
    "processes": Field(ListOf(PROCESS, min_items=0), "跨崗位流程(可以沒有)", "cross-role processes (there may be none)"),
})

GAPS_FILE = Record("gaps.yaml", {
    "gaps": Field(ListOf(Record(kinds.GAP.name, {
        "id": slug("待釐清問題的 id,用在網址 /gaps/#<id>", "gap id, used in the URL /gaps/#<id>",
                   reserved=RESERVED[kinds.GAP.name]),
        "question": text("問題", "the open question", 120),
        "question_en": text("英文問題", "the question in English", 200),
        "said": text("原文怎麼說(或沒說什麼)", "what the document says, or leaves out", 600),
        "matters": text("答案在哪裡有影響", "where the answer matters", 600),
        "topics": Field(ListOf(Text(60, SLUG, "主題 id,例如 returns-refunds", "a topic id, e.g. returns-refunds")), "受影響的主題", "topics it matters to", required=False),
        "duties": Field(ListOf(DUTY_REF_TEXT), "受影響的職責", "duties it matters to", required=False),
        # A word, not free text: which duties the page lists depends on it, so markup in it could only mislead.
        "term": Field(Text(20, r"""^[^\s<>&"'`{}\[\]()*#|!\\/:=]+$""", "一個詞,不含空白和標點,例如 及時",
                           "one word, no spaces or punctuation, e.g. 及時"),
                      "一個詞:列出文字用到它的每個職責", "a word: every duty whose text uses it is listed", required=False),
    }), min_items=0), "原文沒有說清楚的地方", "what the document leaves open"),
})

# The kinds of published id whose address a reader may have pasted somewhere, and the page each one names.
MOVED_KINDS = {
    "role": ("崗位頁和它的入職路徑 /roles/<id>/、/onboarding/<id>/", "the role page and its onboarding path"),
    "duty": ("崗位頁上的職責錨點 /roles/<role>/#<duty>", "a duty's anchor on its role page"),
    "topic": ("主題頁 /topics/<id>/", "a topic page"),
    "process": ("流程頁 /processes/<id>/", "a process page"),
    "measure": ("成效指標錨點 /measures/#<id>", "a measure's anchor on the measures page"),
}
MOVED_ID = Text(130, f"^{kinds.ID}(?:/{kinds.ID})?$",
                "一個 id;職責寫成 崗位 id/職責 id,例如 customer-service/returns-exchanges",
                "an id; a duty as role-id/duty-id, e.g. customer-service/returns-exchanges")

MOVED_FILE = Record("moved.yaml", {
    "moved": Field(ListOf(Record("moved id", {
        "kind": Field(Choice(tuple((kind, f"{zh} / {en}") for kind, (zh, en) in MOVED_KINDS.items())),
                      "哪一種 id", "which kind of id"),
        "from": Field(MOVED_ID, "改名或刪除之前的 id(舊網址用的)", "the id before it was renamed or removed (the old address)"),
        "to": Field(MOVED_ID, "現在的 id;刪除而沒有接替的就不寫,舊網址會帶到清單頁",
                    "the id now; leave it out when nothing replaces it, and the old address leads to the list",
                    required=False),
    }), min_items=0), "改名或刪除過的 id:舊網址會轉到新的地方", "renamed or removed ids: their old addresses lead to the new place"),
})

FILES = {"roles": ROLES_FILE, "topics": TOPICS_FILE, "onboarding": ONBOARDING_FILE, "measures": MEASURES_FILE,
         "processes": PROCESSES_FILE, "gaps": GAPS_FILE, "synonyms": SYNONYMS_FILE, "moved": MOVED_FILE,
         "simplified": SIMPLIFIED_FILE}  # kinds.FILES
