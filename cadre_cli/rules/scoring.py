"""The scoring rules: `cadre score` applies them (cadre_cli/score/), `cadre audit` does not.
They are defined here, without an audit check, so that `cadre rules` lists and explains them
with the others and a policy can name them."""

from __future__ import annotations

from cadre_cli.rules.params import POLICY
from cadre_cli.rules.registry import E, I, W, define

define(
    "score-written", severity=I, title="笔试未达合格分或缺考",
    explanation="笔试成绩达到合格分（如60分）方可进入答辩测评；缺考不计零分，记为缺考。笔试成绩不带入答辩测评分数。",
    sources=("S1", "S2"), basis="《后备干部培养管理实施规定》二(一)4",
    params=(POLICY.score.written_pass,), needs=(("written",),), scope="score",
)

define(
    "score-defense", severity=I, title="答辩测评分数计算",
    explanation=("答辩测评分数 = 考评分×60% + 测评分×40%，达到60分为合格；测评分 =（优秀票×100 + 称职票×"
                 "80 + 基本称职票×60）÷ 测评人数。"),
    sources=("S3", "S4", "S5"), basis="《后备干部培养管理实施规定》二(一)4",
    params=(POLICY.score.scheme,), scope="score",
)

define(
    "score-enterprise", severity=I, title="企业公开选拔计分",
    explanation=("笔试（满分30）+ 演讲答辩（满分35）+ 组织考察（满分35：领导班子15、中层干部10、"
                 "职工代表10），按总成绩排序。"),
    sources=("S7",), basis="《关于公开选拔中层助理后备人选的实施方案》四",
    params=(POLICY.score.scheme,), scope="score",
)

define(
    "score-interview", severity=I, title="笔试面试计分",
    explanation=("综合成绩 = 笔试成绩×x% + 面试成绩×y%（比例由政策 [score.interview] 给出，两者之和为1），"
                 "面试成绩取面试评委评分的平均分，按综合成绩排序；可设笔试、面试、综合成绩合格线。"),
    sources=(), basis="竞争上岗、公开选拔实施方案",
    params=(POLICY.score.interview.written_weight, POLICY.score.interview.interview_weight), scope="score",
)

define(
    "score-invalid", severity=E, title="成绩单元格有误",
    explanation="分数不是数字、低于0、高于满分（百分制100分，或企业方案各项满分），该行不计算结果。",
    sources=("S3", "S7"), basis="《后备干部培养管理实施规定》二(一)4",
    scope="score",
)

define(
    "score-votes", severity=E, title="票数超过测评人数",
    explanation="优秀、称职、基本称职、不称职票数之和不能超过测评人数；超过的行不计算结果。",
    sources=("S4",), basis="《后备干部培养管理实施规定》二(一)4",
    scope="score",
)

define(
    "score-join", severity=E, title="各阶段成绩表无法对应",
    explanation=("笔试、答辩、测评分在不同工作表时，按身份证号、其次准考证号、最后姓名把同一人的各行对应起来；"
                 "同名而无身份证号或准考证号区分、编号重复，或同一人的同一成绩在两表中不一致时，有关各行不计算结果，绝不猜测。"),
    sources=("S1", "S5"), basis="数据规范",
    scope="score",
    example="“测评”表中的“张伟”在“笔试”表中有两人同名，无法确定是谁",
)

define(
    "score-panel-size", severity=W, title="考评组人数不在规定范围",
    explanation="考评组一般由5—7人组成；人数不在范围内时提示，结果照常计算。",
    sources=("S3",), basis="《后备干部培养管理实施规定》二(一)4",
    params=(POLICY.score.panel_size,), scope="score",
)

define(
    "score-poll-size", severity=W, title="测评组人数不在规定范围",
    explanation="测评组一般由15—20人组成；测评人数不在范围内时提示，结果照常计算。",
    sources=("S4",), basis="《后备干部培养管理实施规定》二(一)4",
    params=(POLICY.score.poll_size,), scope="score",
)
