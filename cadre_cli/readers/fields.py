"""The one table of header synonyms: which header text means which field.

Headers are compared after `header_key` (no spaces or line breaks, no bracketed
units, no trailing `*`). A field key is a plain name (`birth`) or a family with a
member (`assessment:2024`, `poll:excellent`, `panel:3`, `org:leadership`).
To accept a new header, add it here and nowhere else.
"""

from __future__ import annotations

import re
from functools import lru_cache

from cadre_cli.parse.text import header_key

# field -> headers that mean it (as a user types them; normalised on import)
SYNONYMS: dict[str, tuple[str, ...]] = {
    "seq": ("序号", "编号序号"),
    "name": ("姓名", "考生姓名", "人选姓名", "干部姓名", "持有人"),
    "staff_number": ("工作证号", "工号", "职工号", "职工编号", "员工编号", "员工号", "人员编号", "教工号", "学号",
                     "工作证号码", "人事编号"),
    "gender": ("性别",),
    "ethnicity": ("民族",),
    "birth": ("出生年月", "出生日期", "出生年月日", "出生时间", "出生年份月份"),
    "age": ("年龄", "现年龄", "周岁"),
    "id_number": ("身份证号", "身份证号码", "公民身份号码", "公民身份证号码", "身份证", "证件号码"),
    "political_status": ("政治面貌", "党派", "党派面貌"),
    "joined_party": ("入党时间", "入党年月", "入党日期"),
    "work_start": ("参加工作时间", "参加工作年月", "参加工作日期", "工作时间"),
    "education": ("学历", "最高学历", "文化程度", "学历学位", "最高学历学位", "现学历", "学历层次"),
    "education_fulltime": ("全日制教育", "全日制学历", "全日制学历学位", "全日制教育学历学位", "全日制教育学历",
                           "全日制最高学历"),
    "education_parttime": ("在职教育", "在职学历", "在职学历学位", "在职教育学历学位", "在职教育学历", "在职最高学历"),
    "school": ("毕业院校", "毕业院校及专业", "毕业院校系及专业", "毕业学校", "毕业院校专业"),
    "degree": ("学位", "最高学位"),
    "degree_fulltime": ("全日制学位",),
    "degree_parttime": ("在职学位",),
    "title": ("职称", "专业技术职务", "专业技术职称", "技术职称", "专业技术资格"),
    "unit": ("单位", "工作单位", "所在单位", "单位名称", "现工作单位", "现任职单位"),
    "department": ("所在处室/部门", "所在处室", "所在部门", "部门", "处室", "科室", "系所", "内设机构", "所在科室",
                   "一级部门"),
    "post": ("现任职务", "职务", "现职务", "现任职务职级", "行政职务", "党政职务", "现任岗位", "现任党政职务",
             "职务名称"),
    # a post written together with its unit: published as it is, never with a unit glued in front
    "unit_post": ("工作单位及职务", "现工作单位及职务", "单位及职务", "所在单位及职务", "现任职单位及职务",
                  "部门和职务", "部门及职务", "单位职务", "工作单位职务", "现工作单位及职务职级", "任职单位及职务"),
    # an earlier post: read, reported, never taken for the current one
    "previous_post": ("原任职务", "原任职单位及职务", "原职务", "原工作单位及职务", "原单位及职务", "时任职务"),
    "rank": ("职级", "现职级", "级别", "现任职级", "职务层次", "行政级别", "职务级别", "现行政级别"),
    "post_since": ("任现职时间", "任现职务时间", "任职时间", "任现岗位时间", "现职时间", "现职务始任时间",
                   "任现职务始任时间", "现职务任职时间", "任职日期"),
    "rank_since": ("任现职级时间", "任现级别时间", "任同职级时间", "现职级时间", "任职级时间", "任现级时间",
                   "现职级始任时间", "级别时间", "任现行政级别时间", "任现职级日期"),
    "middle_since": ("任中层时间", "任中层干部时间", "中层任职时间"),
    "reserve_level": ("后备类别", "后备层次", "后备职级", "后备级别", "后备干部类别", "后备梯队", "梯队",
                      "所在梯队", "梯队层级", "人才梯队", "层级"),
    "reserve_since": ("列入后备时间", "入库时间", "确定后备时间", "列为后备时间", "进入后备时间",
                      "列入后备干部时间", "纳入后备时间", "确定时间", "列入时间", "列入名单时间", "纳入时间"),
    "promoted": ("提拔时间", "是否提拔", "提拔使用情况", "提拔情况", "是否已提拔"),
    "ready": ("近期可提拔", "是否近期可提拔", "成熟程度", "成熟度"),
    "secondment_unit": ("挂职单位",),
    "secondment_post": ("挂职职务", "挂任职务", "挂职岗位"),
    "secondment_start": ("挂职开始时间", "挂职起始时间"),
    "secondment_end": ("挂职结束时间", "挂职截止时间"),
    "secondment_period": ("挂职时间", "挂职起止时间", "挂职期限", "挂职时段"),
    "borrowed_start": ("借用开始时间",),
    "borrowed_end": ("借用结束时间",),
    "borrowed_period": ("借用时间", "借用起止时间", "借用期限"),
    "mentor": ("帮带人", "帮带领导", "帮带导师"),
    "mentor_since": ("帮带开始时间", "帮带时间", "结对时间"),
    "post_history": ("任职经历", "工作简历", "简历", "个人简历", "工作经历", "主要工作经历", "任职简历",
                     "岗位经历", "主要经历"),
    "proposed_post": ("拟任职务", "拟任岗位", "拟任职位", "拟任"),
    "tier_final": ("总结考核", "总结性考核", "期满考核", "届满考核", "总结考核结果", "期满考核结果"),
    "flag_date": ("处分时间", "受处分时间", "处分日期", "立案时间", "立案调查时间", "情形发生时间"),
    "post_count": ("任职岗位数", "岗位经历数", "经历岗位数", "工作岗位数", "轮岗岗位数"),
    "talks": ("谈心谈话次数", "谈话次数", "本年谈话次数", "谈心谈话"),
    "articles": ("履职体会篇数", "履职体会", "履职体会文章数", "体会文章篇数", "履职体会文章"),
    "inspections": ("考察次数", "本年考察次数", "年度考察次数"),
    "last_inspection": ("最近考察时间", "最近一次考察时间", "上次考察时间"),
    "household": ("户籍", "户籍所在地", "户籍地", "是否本村户籍", "户口所在地"),
    # 近三年考核结果（2022-2024年）: several years' grades in one cell
    "assessment_text": ("近三年考核结果", "近三年年度考核结果", "近三年考核情况", "近三年年度考核情况",
                        "近三年考核等次", "近三年年度考核等次", "近年考核情况", "历年考核结果", "年度考核结果情况"),
    # a long-form sheet: one row per person and year
    "assessment_year": ("考核年份", "考核年度", "年度", "年份"),
    "assessment_result": ("考核结果", "考核等次", "考核结果等次", "年度考核结果", "年度考核等次", "考核情况"),
    "health": ("健康状况", "身体状况", "身体健康状况", "健康情况"),
    # 2025: the retirement age before the reform (任免表 <GaiGeQianRenZhiNianLingJieXian>), read by lrmx export
    "pre_reform_limit": ("改革前任职年龄界限", "任职年龄界限", "改革前退休年龄"),
    "written": ("笔试成绩", "笔试", "理论考试成绩", "理论考试", "笔试分数", "笔试得分"),
    "defense": ("答辩测评成绩", "答辩测评分数", "答辩测评分", "答辩成绩", "答辩测评得分"),
    "speech": ("演讲答辩", "演讲与答辩", "演讲答辩成绩", "演讲答辩得分"),
    "org_total": ("组织考察", "组织考察得分", "组织考察成绩"),
    "interview": ("面试成绩", "面试", "面试得分", "面试分数", "结构化面试", "面试总分"),
    "panel_score": ("考评分", "考评分数", "考评组得分", "考评得分", "考评组评分", "评委评分", "评委平均分"),
    "poll_score": ("测评分", "测评分数", "测评得分", "测评组得分", "民主测评得分", "民主测评分"),
    "total": ("总成绩", "总分", "综合成绩", "综合得分", "最终成绩"),
    "exam_number": ("准考证号", "考号", "编号", "考生编号", "准考证号码"),
    "phone": ("联系电话", "电话", "手机", "手机号码", "联系方式", "电话号码", "办公电话"),
    "address": ("家庭住址", "住址", "通讯地址", "现住址", "家庭地址"),
    "remarks": ("备注",),
    # whether the person is still an active candidate (在岗 / 退休 / 调出 …): read by model/standing.py
    "standing": ("在岗情况", "在岗状态", "在职状态", "在职情况", "人员状态", "人事状态", "工作状态", "任职状态", "干部状态",
                 "当前状态", "状态", "在册状态", "岗位状态", "是否在岗", "是否在职", "是否在册"),
    "archive_status": ("档案状态", "人事档案状态", "档案情况", "党籍状态", "组织关系状态"),
    "change": ("变动情况", "人员变动情况", "人员去向", "去向", "调整情况", "后备状态", "动态调整情况"),
    "posts_principal": ("正职职数", "正职领导职数", "领导班子正职职数", "正职数"),
    "posts_deputy": ("副职职数", "副职领导职数", "领导班子副职职数", "副职数"),
    "poll:excellent": ("优秀", "优秀票", "优秀票数"),
    "poll:competent": ("称职", "称职票", "称职票数", "合格", "合格票数"),
    "poll:basic": ("基本称职", "基本称职票", "基本称职票数", "基本合格", "基本合格票数"),
    "poll:incompetent": ("不称职", "不称职票", "不称职票数", "不合格", "不合格票数"),
    "poll:voters": ("测评人数", "参评人数", "实到人数", "参加测评人数", "投票人数", "测评总人数", "应到人数"),
    "org:leadership": ("公司领导班子", "领导班子", "公司领导", "领导班子成员"),
    "org:middle": ("中层干部", "相关中层干部", "中层"),
    "org:staff": ("职工代表", "员工代表", "群众代表"),
}

# Group cells over sub-columns, recognised by a word in the group's text.
GROUP_WORDS: dict[str, tuple[str, ...]] = {
    "assessment": ("年度考核", "考核结果", "考核情况", "考核等次"),
    "poll": ("民主测评", "测评票", "测评组", "测评情况", "民主评议"),
    "panel": ("考评组", "评委", "专家评分", "考官"),
    "org": ("组织考察",),
    "education": ("学历学位", "学历"),
    "fulltime": ("全日制",),
    "parttime": ("在职",),
    "secondment": ("挂职",),
    "borrowed": ("借用",),
}
# Sub-columns whose meaning depends on the group: (group, header) -> field.
GROUP_MEMBERS: dict[tuple[str, str], str] = {
    ("panel", "考评分"): "panel_score",
    ("panel", "平均分"): "panel_score",
    ("panel", "得分"): "panel_score",
    ("panel", "合计"): "panel_score",
    ("poll", "得分"): "poll_score",
    ("poll", "测评分"): "poll_score",
    ("poll", "人数"): "poll:voters",
    ("org", "小计"): "org_total",
    ("org", "合计"): "org_total",
    ("org", "得分"): "org_total",
    ("education", "全日制"): "education_fulltime",
    ("education", "在职"): "education_parttime",
    ("fulltime", "学历"): "education_fulltime",
    ("fulltime", "学位"): "degree_fulltime",
    ("parttime", "学历"): "education_parttime",
    ("parttime", "学位"): "degree_parttime",
    ("secondment", "单位"): "secondment_unit",
    ("secondment", "职务"): "secondment_post",
    ("secondment", "开始时间"): "secondment_start",
    ("secondment", "起始时间"): "secondment_start",
    ("secondment", "结束时间"): "secondment_end",
    ("secondment", "时间"): "secondment_period",
    ("secondment", "起止时间"): "secondment_period",
    ("borrowed", "开始时间"): "borrowed_start",
    ("borrowed", "结束时间"): "borrowed_end",
    ("borrowed", "起止时间"): "borrowed_period",
}
# Words of the negative list (R1–R3, R5, R6, A11): a column whose header holds one is a
# yes/no mark, read as field `flag:<header>`.
FLAG_WORDS = (
    "处分", "失信", "违纪", "违法", "刑罚", "立案", "拘留", "跑官", "拉票", "移居", "国(境)外", "国境外",
    "邪教", "迷信", "宗族", "负面清单", "问题线索", "群众意见", "失职", "作风", "不服从", "廉洁", "品德",
    "一票否决", "诫勉", "组织处理", "不宜", "实绩不突出", "教育转化", "评议不合格", "评议为不合格",
)

MAX_JUDGES = 30
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_YEAR_HEADER = re.compile(r"^(\d{4})年?度?(?:年度)?(?:考核|考核结果|考核等次|考核情况|年度考核)$")
_YEAR_ONLY = re.compile(r"^(\d{4})年?度?$")
_JUDGE = re.compile(r"^(?:评委|专家|考官|考评员|评分)(\d{1,2}|[一二三四五六七八九十]{1,3})(?:号)?(?:评委)?(?:评分|打分|分)?$")
_JUDGE_BARE = re.compile(r"^(\d{1,2}|[一二三四五六七八九十]{1,3})(?:号)?(?:评委)?(?:评分|打分|分)?$")

LOOKUP: dict[str, str] = {}
for _field, _headers in SYNONYMS.items():
    for _h in _headers:
        LOOKUP.setdefault(header_key(_h), _field)


def _cn_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if len(text) == 1:
        return _CN_DIGITS[text]
    if text.startswith("十"):
        return 10 + (_CN_DIGITS[text[1]] if len(text) > 1 else 0)
    tens = _CN_DIGITS[text[0]] * 10
    return tens + (_CN_DIGITS[text[2]] if len(text) > 2 else 0)


# A title above a table, never a header or a group over its columns:
# `XX大学在职干部名册`, `挂职干部花名册`, `2024年度考核结果汇总表`.
_TITLE_ENDINGS = ("名册", "名单", "表", "一览", "汇总", "情况统计")
_NOT_TITLE_ENDINGS = ("代表",)


def is_title(key: str) -> bool:
    """A normalised text that is a table's title (`…在职干部名册`, `…汇总表`)."""
    return len(key) >= 4 and key.endswith(_TITLE_ENDINGS) and not key.endswith(_NOT_TITLE_ENDINGS)


def display_base(key: str) -> str | None:
    """`性别码_显示值` -> `性别码`: the column an HR export's display twin shows as text."""
    if key.endswith("显示值") and len(key) > 3:
        return key[:-3].rstrip("_")
    return None


def code_base(key: str) -> str:
    """`性别码`, `民族代码` -> `性别`, `民族` (an HR export's code column)."""
    for suffix in ("代码", "编码", "码"):
        if key.endswith(suffix) and len(key) > len(suffix):
            return key[: -len(suffix)]
    return key


@lru_cache(maxsize=4096)
def group_of(key: str) -> str | None:
    """The group a header text is (`年度考核` -> assessment), if any; never a title."""
    if is_title(key):
        return None
    for group, words in GROUP_WORDS.items():
        if any(w in key for w in words):
            return group
    return None


@lru_cache(maxsize=8192)
def field_of(key: str, group: str | None = None) -> str | None:
    """The field a normalised header means, under an optional group cell."""
    if not key:
        return None
    if group is not None:
        member = GROUP_MEMBERS.get((group, key))
        if member is None:
            member = _group_pattern(group, key)
        if member is None and group in ("secondment", "borrowed"):
            member = LOOKUP.get(("挂职" if group == "secondment" else "借用") + key)
        if member is not None:
            return member
    found = LOOKUP.get(key)
    if found is not None:
        return found
    base = display_base(key)
    if base is not None:  # the display twin of a code column reads as the field itself
        return field_of(base, group) or field_of(code_base(base), group)
    m = _YEAR_HEADER.match(key)
    if m:
        return f"assessment:{m.group(1)}"
    m = _JUDGE.match(key)
    if m:
        return f"panel:{_cn_number(m.group(1))}"
    if any(w in key for w in FLAG_WORDS):
        return f"flag:{key}"
    if group is None:  # a group word written into the header itself: 民主测评不称职票数, 考评组平均分
        for name, words in GROUP_WORDS.items():
            for word in words:
                if key.startswith(word) and len(key) > len(word):
                    found = field_of(key[len(word):], name)
                    if found is not None:
                        return found
    return None


def _group_pattern(group: str, key: str) -> str | None:
    if group == "assessment":
        m = _YEAR_ONLY.match(key) or _YEAR_HEADER.match(key)
        return f"assessment:{m.group(1)}" if m else None
    if group == "panel":
        m = _JUDGE.match(key) or _JUDGE_BARE.match(key)
        if m and 1 <= _cn_number(m.group(1)) <= MAX_JUDGES:
            return f"panel:{_cn_number(m.group(1))}"
        return None
    if group == "education":
        for word, field in (("全日制", "education_fulltime"), ("在职", "education_parttime")):
            if key.startswith(word):
                return field
    return None


# Words that make an ignored header look like a field the tool reads: such a column is a
# warning naming the field, not silence. Checked in order; the first word found decides.
RESEMBLE_WORDS: tuple[tuple[str, str], ...] = (
    ("身份证", "id_number"), ("证件号", "id_number"), ("出生", "birth"), ("入党", "joined_party"),
    ("参加工作", "work_start"), ("后备", "reserve_level"), ("挂职", "secondment_period"), ("借用", "borrowed_period"),
    ("帮带", "mentor"), ("考核", "assessment:*"), ("测评", "poll:*"), ("笔试", "written"), ("面试", "interview"), ("答辩", "defense"),
    ("职称", "title"), ("专业技术", "title"), ("学历", "education"), ("学位", "degree"), ("职级", "rank"),
    ("级别", "rank"), ("职务", "post"), ("岗位", "post"), ("单位", "unit"), ("部门", "department"),
    ("处室", "department"), ("政治面貌", "political_status"), ("党派", "political_status"), ("民族", "ethnicity"),
    ("性别", "gender"), ("姓名", "name"), ("户籍", "household"), ("户口", "household"), ("健康", "health"),
)
DATE_WORDS = ("时间", "日期", "年月")
DATE_FIELDS = ("birth", "joined_party", "work_start", "post_since", "rank_since", "middle_since", "reserve_since",
               "secondment_start", "secondment_end", "borrowed_start", "borrowed_end", "mentor_since",
               "last_inspection", "flag_date")


def resembles(key: str) -> str | None:
    """The field an unread header looks like (`来校时间` -> a date, `职务（兼）` -> post), or
    None. A header naming a date but no particular one gives `date`."""
    if not key:
        return None
    for word, fld in RESEMBLE_WORDS:
        if word in key:
            return fld
    if any(w in key for w in DATE_WORDS):
        return "date"
    return None


def accepted_headers(field: str) -> list[str]:
    """Headers a user may write for a field, for messages."""
    family = field.split(":", 1)[0]
    if family == "assessment":
        return ["年度考核（其下为各年份列）", "2024年度考核", "2024年考核结果"]
    if family == "panel":
        return ["考评组评分（其下为评委1…评委N）", "评委1", "评委一"]
    return list(SYNONYMS.get(field, ()))


FIELD_LABELS: dict[str, str] = {field: headers[0] for field, headers in SYNONYMS.items()}


def field_label(field: str) -> str:
    family, _, member = field.partition(":")
    if family == "assessment":
        return "年度考核" if member == "*" else f"{member}年度考核"
    if family == "panel":
        return f"评委{member}"
    if family == "flag":
        return member
    if family == "poll":
        return "民主测评票数" if member == "*" else FIELD_LABELS.get(field, field)
    if field == "date":
        return "日期（如参加工作时间、任现职时间）"
    return FIELD_LABELS.get(field, field)


# --- 民主推荐 / 民主测评 tally sheets (`cadre poll`, read by cadre_cli/poll) -------------------
# A separate table because some of these words already mean a roster field above (实到人数 is
# `poll:voters` there): on a tally sheet they are looked up here first. The voter classes
# (领导班子成员, 中层干部 …) are not here: they are policy data (`[tally] classes`).
TALLY_SYNONYMS: dict[str, tuple[str, ...]] = {
    "candidate": ("推荐人选", "被推荐人", "被推荐人姓名", "推荐人选姓名", "推荐对象", "候选人", "候选人姓名",
                  "被测评人", "被测评人姓名", "测评对象", "被评议人", "考察对象", "人选"),
    "votes": ("票数", "得票", "得票数", "推荐票", "推荐票数", "同意票", "同意票数", "赞成票", "赞成票数", "得票情况"),
    "total": ("总票数", "得票总数", "合计票数", "总得票数", "总得票", "票数合计", "推荐票合计"),
    "share": ("得票率", "推荐率", "得票比例", "同意率", "赞成率", "支持率", "优秀率", "称职率", "好评率", "满意率",
              "称职以上率", "优秀称职率", "综合得票率", "加权得票率", "比例", "百分比"),
    "rank": ("排名", "名次", "得票排名", "推荐排名", "排序", "位次"),
    "score": ("测评分", "测评得分", "测评分数", "得分", "综合得分", "加权得分"),
    "expected": ("应到人数", "应到", "应到会人数", "应参会人数", "应参加人数", "应参加推荐人数", "应参加测评人数",
                 "应投票人数", "应到会"),
    "present": ("实到人数", "实到", "实到会人数", "实参会人数", "参会人数", "到会人数", "实参加人数", "参加人数",
                "参加推荐人数", "参加测评人数", "测评人数", "参评人数", "投票人数", "实际投票人数", "实到会"),
    "issued": ("发出票数", "发出选票", "发出", "发票数", "发放票数", "发放选票", "发出推荐票", "发出测评票",
               "发出票", "发放"),
    "returned": ("收回票数", "收回选票", "收回", "回收票数", "收回推荐票", "收回测评票", "收回票", "回收"),
    "valid": ("有效票", "有效票数", "有效选票", "有效"),
    "invalid": ("无效票", "无效票数", "无效选票", "废票", "无效"),
    "abstain": ("弃权", "弃权票", "弃权票数", "弃权人数"),
    "voter_class": ("投票人类别", "投票人身份", "投票人员类别", "类别", "人员类别", "推荐人类别", "推荐人身份",
                    "测评人类别", "测评人身份", "参评人员类别", "票别", "选票类别", "身份", "投票人类型"),
    "ballot": ("票号", "选票编号", "选票序号", "选票号", "票序号"),
    "ballot_valid": ("是否有效", "是否有效票", "有效否", "选票是否有效"),
    "good": ("好", "好票", "好票数"),
    "fair": ("较好", "较好票", "较好票数"),
    "average": ("一般", "一般票", "一般票数"),
    "poor": ("差", "较差", "差票", "差票数"),
}
TALLY_LOOKUP: dict[str, str] = {}
for _field, _headers in TALLY_SYNONYMS.items():
    for _h in _headers:
        TALLY_LOOKUP.setdefault(header_key(_h), _field)


def tally_field_of(key: str) -> str | None:
    """What a normalised header means on a tally sheet: a tally word (`votes`, `present`,
    `candidate` …), else the roster field (`name`, `post`, `poll:excellent` …)."""
    return TALLY_LOOKUP.get(key) or field_of(key)
