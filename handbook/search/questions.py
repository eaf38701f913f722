"""The words a question wraps around what it asks about: 找誰, 誰負責, 怎麼, "who handles".

The search box drops them from a query that has other words, so 退款找誰 searches 退款 and "who handles
refunds" searches refunds; a query made only of them is searched as typed.  They are listed here in
Traditional (the Simplified forms come from folding) and English, and sent to the browser with the index.
"""

from __future__ import annotations

from handbook.data.fold import fold

# Question words, asking for a person or a place, and the verbs and particles around them.
CHINESE = """
誰 誰的 誰來 誰管 誰負責 誰處理 誰在做 是誰 找誰 問誰 給誰 交給誰 歸誰 由誰 哪個 哪位 哪一個 哪裡 哪兒 哪邊
哪個部門 哪個崗位 哪個人 哪些 什麼 什麼人 甚麼 啥 怎麼 怎麼辦 怎樣 怎麼樣 如何 為什麼 為何 多久 多少 幾 嗎 呢 吧 啊 呀
的 了 是 在 有 要 想 會 能 可以 應該 該 需要 必須 得 去 來 把 被 跟 和 與 及 或 或者 還是 就 都 也 又 再 才
我 我們 你 你們 他 她 他們 咱們 自己 同事 人 部門 崗位 單位 團隊 窗口 聯繫人 對接人 負責人 主管
負責 負責的 處理 管 管理 做 辦 辦理 搞 弄 找 問 請問 想問 請教 聯繫 聯絡 對接 跟進 協助 幫忙 幫 接手
查 查詢 查看 查一下 看 看看 知道 了解 事 事情 問題 工作 相關 還有 多少錢 東西 公司 我們公司 目前 一般 通常 平時 常常 總是 有關 關於 方面 這個 那個 這 那 一下 一個 個 件 些 時候 現在 今天 如果 遇到 碰到 出了 出現
"""
ENGLISH = """
who whom whose who's whos what what's whats which where when why how
is are was were be been am do does did done can could should would will shall may might must
the a an of for to in on at by with about from into as and or if it its this that these those there
i me my we us our you your he she they them their someone somebody anyone person people team department
handle handles handled handling deal deals dealing owns own responsible responsibility charge care take takes
manage manages managing managed look looks after contact ask get find help please need needs want job task work
"""


def words() -> list[str]:
    """Every filler word, folded as the index and the query are (Simplified, lower-case)."""
    return sorted({fold(w) for w in (CHINESE + ENGLISH).split()})
