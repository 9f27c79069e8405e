"""The pool as a whole (Q1–Q7, A5): size against leadership posts, shares, age structure."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from fractions import Fraction

from cadre_cli.audit.context import AuditContext, people_of
from cadre_cli.audit.finding import Finding
from cadre_cli.model.person import Person
from cadre_cli.parse import categories as cat
from cadre_cli.parse.numbers import percent
from cadre_cli.rules.params import POLICY
from cadre_cli.rules.registry import Groups, W, roster_rule


def _level_name(ctx: AuditContext, key: str | None) -> str:
    if key is None:
        return "后备干部"
    return f"{ctx.policy.levels[key].label}后备干部"


def pool_size_columns(ctx: AuditContext, missing: Groups) -> Groups:
    levels = ctx.policy.levels.values()
    posts_known = (
        any(l.pool_count for l in levels)
        or (ctx.posts.principal is not None or ctx.posts.deputy is not None)
        or (ctx.policy.pool.units_ratio is not None and ctx.posts.units is not None)
    )
    return missing if missing or posts_known else [("posts",)]


@roster_rule(
    "pool-size", severity=W, title="后备干部数量与职数不相称", topic="后备数量",
    explanation=("后备干部数量按领导班子职数正职1:2、副职1:1确定，或按政策规定的常数（如正职150名、"
                 "副职300名）、按部门数的比例确定。职数来自名册中的“职数”工作表、--posts 选项或政策。"),
    sources=("Q1", "Q2", "Q4", "Q6", "Q7"), basis="《后备干部选拔方案》（学院）三(一)",
    params=(POLICY.levels.each.posts_ratio, POLICY.levels.each.pool_count, POLICY.pool.units_ratio),
    needs=(("reserve_level", "unit"),), scope="pool", any_param=True, columns=pool_size_columns,
)
def pool_size(ctx: AuditContext) -> Iterator[Finding]:
    by_kind: dict[str, list[str]] = {"principal": [], "deputy": []}
    for key, level in ctx.policy.levels.items():
        if level.kind:
            by_kind[level.kind].append(key)
    counts = {key: 0 for key in ctx.policy.levels}
    for person in ctx.roster.people:
        found = ctx.level(person)
        if found:
            counts[found[0]] += 1
    for kind, word in (("principal", "正职"), ("deputy", "副职")):
        keys = by_kind[kind]
        have = sum(counts[k] for k in keys)
        posts = getattr(ctx.posts, kind)
        ratios = {ctx.policy.levels[k].posts_ratio for k in keys if ctx.policy.levels[k].posts_ratio}
        if posts is not None and len(ratios) == 1:
            ratio = ratios.pop()
            want = posts * ratio
            if have != want:
                ratio_text = f"1:{ratio.normalize():f}"
                gap = f"少{want - have:f}名" if have < want else f"多{have - want:f}名"
                yield ctx.finding("pool-size", None,
                                  f"{word}后备干部{have}名，按{word}职数{posts}个的{ratio_text}应为{want:f}名，{gap}（职数来自{ctx.posts.source}）",
                                  data={"kind": kind, "members": have, "posts": posts, "posts_ratio": ratio,
                                        "expected": want, "posts_source": ctx.posts.source})
        for key in keys:
            target = ctx.policy.levels[key].pool_count
            if target is not None and counts[key] < target:
                yield ctx.finding("pool-size", None,
                                  f"{_level_name(ctx, key)}{counts[key]}名，少于应常年保持的{target}名",
                                  data={"level": key, "members": counts[key], "min_count": target})
    ratio = ctx.policy.pool.units_ratio
    if ratio is not None and ctx.posts.units is not None:
        want = ratio * ctx.posts.units
        have = len(ctx.roster.people)
        if have < want:
            yield ctx.finding("pool-size", None,
                              f"后备干部{have}名，按部门（社区、管理处）数{ctx.posts.units}个的{percent(Fraction(str(ratio)))}应不少于{want.normalize():f}名",
                              data={"members": have, "units": ctx.posts.units, "units_ratio": ratio, "min_count": want})


GROUPS: dict[str, tuple[str, Callable[[Person], bool | None]]] = {
    "women": ("女干部", lambda p: None if p.gender is None else p.gender == "女"),
    "minority": ("少数民族干部", lambda p: cat.is_minority(p.get("ethnicity"))),
    "non_cpc": ("非中共党员干部", lambda p: None if p.get("political_status") is None else not cat.is_cpc(p.get("political_status"))),
    "women_minority_non_cpc": ("女干部、少数民族干部、党外干部", lambda p: (
        p.gender == "女" or cat.is_minority(p.get("ethnicity")) is True or cat.is_cpc(p.get("political_status")) is False)),
    "postgraduate": ("研究生学历", lambda p: None if p.education is None else p.education >= cat.Education.POSTGRADUATE),
    "bachelor_or_above": ("本科以上学历", lambda p: None if p.education is None else p.education >= cat.Education.BACHELOR),
    "ready": ("近期可提拔使用", lambda p: p.get("ready")),
}


def _target_findings(ctx: AuditContext, rule_id: str, label: str, members: int, total: int,
                     min_share: Fraction | None, min_count: int | None, scope: str, unknown: int) -> Iterator[Finding]:
    note = f"（另有{unknown}人信息不全，未计入）" if unknown else ""
    if min_share is not None and total and Fraction(members, total) < min_share:
        yield ctx.finding(rule_id, None,
                          f"{label}：{scope}{total}人中{members}人，占{percent(Fraction(members, total))}，未达到{percent(min_share)}{note}",
                          data={"members": members, "total": total, "share": Fraction(members, total), "min_share": min_share,
                                "unknown": unknown})
    if min_count is not None and members < min_count:
        yield ctx.finding(rule_id, None, f"{label}：{scope}中{members}人，少于{min_count}人{note}",
                          data={"members": members, "min_count": min_count, "unknown": unknown})


@roster_rule(
    "pool-share", severity=W, title="队伍结构比例未达到", topic="队伍结构",
    explanation="女干部、少数民族干部、党外干部、学历层次、近期可提拔人选等在后备队伍中的比例或人数未达到政策目标。",
    sources=("Q3", "Q4", "Q5"), basis="《后备干部选拔方案》（学院）三(二)",
    params=(POLICY.pool.shares,), needs=(("gender", "ethnicity", "political_status", "education", "ready"),),
    scope="pool",
)
def pool_share(ctx: AuditContext) -> Iterator[Finding]:
    for target in ctx.policy.pool.shares:
        _, test = GROUPS[target.group]
        people = list(people_of(ctx, target.level))
        values = [test(p) for p in people]
        members = sum(1 for v in values if v)
        unknown = sum(1 for v in values if v is None)
        yield from _target_findings(ctx, "pool-share", target.label, members, len(people), target.min_share, target.min_count,
                                    _level_name(ctx, target.level), unknown)


@roster_rule(
    "pool-age-structure", severity=W, title="年龄结构未达到", topic="年龄结构",
    explanation="各年龄段在后备队伍中的比例或人数未达到政策目标（如“以35岁以下为主体”“30岁以下5名以上”“正职以35至45岁为主体”）。",
    sources=("Q4", "Q5", "A5"), basis="《后备干部选拔方案》（街道）四2",
    params=(POLICY.pool.ages, POLICY.levels.each.age_band), needs=(("birth", "id_number"),), scope="pool",
    any_param=True,
)
def pool_age_structure(ctx: AuditContext) -> Iterator[Finding]:
    targets = [(t.label, t.level, t.age_min, t.age_max, t.min_share, t.min_count) for t in ctx.policy.pool.ages]
    for key, level in ctx.policy.levels.items():
        if level.age_band:
            low, high = level.age_band
            label = f"{level.label}后备干部以{low}岁至{high}岁为主体"
            targets.append((label, key, low, high, ctx.policy.pool.main_band_share, None))
    for label, level_key, low, high, share, count in targets:
        people = list(people_of(ctx, level_key))
        ages = [ctx.age(p) for p in people]
        known = [a for a in ages if a is not None]
        members = sum(1 for a in known if (low is None or a >= low) and (high is None or a <= high))
        yield from _target_findings(ctx, "pool-age-structure", label, members, len(known), share, count,
                                    _level_name(ctx, level_key), len(ages) - len(known))
