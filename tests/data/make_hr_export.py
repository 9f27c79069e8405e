"""Make `hr_export_2003.xls`, an XML Spreadsheet 2003 "Excel" file as a real HR system
exports it, committed beside this script.

The layout is that of the FreeMarker template `src/main/webapp/WEB-INF/template/employee.ftl`
in the public repository sunye520/check-work (a 员工花名册 export made with WPS): a title
merged across seven columns followed by empty styled cells, a two-row header of
`ss:MergeDown` cells, a `教育情况` group with `ss:MergeAcross="6"`, second-row cells
placed with `ss:Index="15"` and `ss:Index="34"`, formula cells with empty cached
values, column styles, data validation. The template is rendered here with three
plausible people (one gender that contradicts the ID number, one ID number with a
wrong check digit); the styles no cell uses and the two statistics sheets are left
out to keep the file small. The template itself is not committed:

    python -m tests.data.make_hr_export path/to/check-work/src/main/webapp/WEB-INF/template/employee.ftl
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path
from xml.sax.saxutils import escape

from tests.builders import make_id

HERE = Path(__file__).parent

PEOPLE = [  # name, gender written, gender of the ID, born, 部门, 岗位, 参加工作时间, 最高学历
    ("郭涛", "男", "男", dt.date(1985, 6, 12), "县财政局", "股长", "2007.07", "大学"),
    ("袁芳", "男", "女", dt.date(1990, 3, 9), "白水镇", "副镇长", "2012.08", "研究生"),
    ("马超", "男", "男", dt.date(1978, 11, 2), "县教育局", "副局长", "1999.07", "大专"),
]


def users() -> list[dict[str, object]]:
    out = []
    for i, (name, shown, real, born, unit, post, work, edu) in enumerate(PEOPLE, start=1):
        id_number = make_id(born, real, seq=i)
        if name == "马超":
            id_number = id_number[:-1] + ("0" if id_number[-1] != "0" else "1")  # a wrong check digit
        out.append({"no": i, "number": f"YG{i:04d}", "name": name, "xingbie": shown, "bumen": unit, "gangwei": post,
                    "shenfenzheng": id_number, "canjiagongzuoDate": work, "ruzhiDate": work, "minzu": "汉族",
                    "zhengzhiMianmao": "中共党员", "diyiXueli": edu, "zuigaoXueli": edu})
    return out


def render(template: str, people: list[dict[str, object]]) -> str:
    """The template's FreeMarker: one `<#list userList as user>` of `${user.x?if_exists}`."""
    template = template.replace("${userList?size+10}", str(len(people) + 10))
    block = re.search(r"<#if userList\?\? >\s*<#list userList as user>(.*?)</#list>\s*</#if>", template, re.S)
    rows = "".join(re.sub(r"\$\{user\.(\w+)\?if_exists\}", lambda m: escape(str(p.get(m.group(1), ""))), block.group(1))
                   for p in people)
    return template[:block.start()] + rows + template[block.end():]


def shrink(book: str) -> str:
    book = re.sub(r'\s*<Worksheet ss:Name="Sheet[23]">.*?</Worksheet>', "", book, flags=re.S)
    used = set(re.findall(r'ss:StyleID="(\w+)"', book)) | {"Default"}
    styles = re.search(r"<Styles>.*?</Styles>", book, re.S).group(0)
    kept = [m.group(0) for m in re.finditer(r'<Style ss:ID="(\w+)"(?:[^>]*/>|[^>]*>.*?</Style>)', styles, re.S)
            if m.group(1) in used]
    book = book.replace(styles, "<Styles>\n" + "\n".join(kept) + "\n</Styles>")
    return re.sub(r">\s+<", ">\n<", book)


def main() -> None:
    template = Path(sys.argv[1]).read_text(encoding="utf-8")
    target = HERE / "hr_export_2003.xls"
    target.write_text(shrink(render(template, users())), encoding="utf-8")
    print("wrote", target)


if __name__ == "__main__":
    main()
