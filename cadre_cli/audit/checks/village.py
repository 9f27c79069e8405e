"""Village cultivation (T8; seed 002 第三篇 11): 经过1-3年培养成熟后，择优充实到村两委担任付职.

Joining as deputy is read from 现任职务 (a village word and a deputy word) with its date
任现职时间, or proposed in 拟任职务. "满N年" is reached on the anniversary of 列入时间."""

from __future__ import annotations

from collections.abc import Iterator

from cadre_cli.audit.context import AuditContext, anniversary
from cadre_cli.audit.finding import Finding
from cadre_cli.model.person import Person
from cadre_cli.parse.dates import PDate, chinese_date
from cadre_cli.parse.text import squash
from cadre_cli.rules.params import POLICY
from cadre_cli.rules.registry import Severity, W, person_rule

VILLAGE_WORDS = ("村", "社区", "两委", "居委", "支部", "党总支")
DEPUTY_WORDS = ("副书记", "副主任", "副职", "付职")


def is_village_deputy(post: str | None, need_village: bool = True) -> bool:
    if not post:
        return False
    s = squash(post)
    return any(w in s for w in DEPUTY_WORDS) and (not need_village or any(w in s for w in VILLAGE_WORDS))


@person_rule(
    "village-cultivation", severity=W, title="村级后备干部培养期限不符", topic="村级培养期限",
    explanation=("村级后备干部经过1—3年培养成熟后，择优充实到村两委担任副职。列入后备不满最短年限即任（或拟任）"
                 "村两委副职的为警告；列入已满最长年限仍未任副职的作为提示，请研究使用或调整。现任职务含“村”“社区”“两委”等与"
                 "“副书记”“副主任”“副职”的算已任副职，日期取任现职时间；拟任取“拟任职务”列。"),
    sources=("T8",), basis="《村党支部培养选拔后备干部条件》五11",
    params=(POLICY.village.cultivation_years,), needs=(("reserve_since",), ("post", "proposed_post")),
    example="2026年3月列入后备，2026年9月即任村委会副主任，培养不满1年",
)
def village_cultivation(ctx: AuditContext, person: Person) -> Iterator[Finding]:
    low, high = ctx.policy.village.cultivation_years or (0, 0)
    listed: PDate | None = person.get("reserve_since")
    if listed is None:
        yield ctx.missing("village-cultivation", person, ("reserve_since",), "培养期")
        return
    ready, over = anniversary(listed, low), anniversary(listed, high)
    post, proposed = person.get("post"), person.get("proposed_post")
    if is_village_deputy(post):
        since: PDate | None = person.get("post_since")
        if since is None:
            yield ctx.missing("village-cultivation", person, ("post_since",), f"任{post}前的培养期")
        elif listed.first_day() <= since.first_day() < ready:
            yield ctx.finding("village-cultivation", person,
                              f"{listed.chinese()}列入后备，{since.chinese()}即任{post}，培养不满{low}年（{chinese_date(ready)}方满）",
                              person.cell("post_since"), data={"listed": listed, "post_since": since, "years_min": low, "ready": ready})
        return
    if is_village_deputy(proposed, need_village=False) and ctx.as_of < ready:
        yield ctx.finding("village-cultivation", person,
                          f"{listed.chinese()}列入后备，拟任{proposed}，至检查基准日培养不满{low}年（{chinese_date(ready)}方满）",
                          person.cell("proposed_post"), data={"listed": listed, "years_min": low, "ready": ready})
    elif ctx.as_of >= over:
        yield ctx.finding("village-cultivation", person,
                          f"{listed.chinese()}列入后备，至{chinese_date(over)}已满{high}年，仍未充实到村两委担任副职；"
                          f"经过{low}—{high}年培养成熟后择优充实，请研究使用或调整",
                          person.cell("reserve_since"), Severity.INFO,
                          data={"listed": listed, "years_min": low, "years_max": high, "over": over})
