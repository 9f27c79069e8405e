"""Build 任免审批表 files for tests, written by hand (not by our writer) so that every quirk of
FIELDS.md can be put in: whitespace-only elements, other date forms, `·` and other name
separators, 入党时间 with party names, old files without the 2025 fields, `\\r\\n` line breaks,
unknown elements, legacy GBK .lrm with a .pic, folders and zips (GBK member names)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from PIL import Image

from tests.builders import make_id

ORDER = (
    "XingMing", "XingBie", "ChuShengNianYue", "MinZu", "JiGuan", "ChuShengDi", "RuDangShiJian", "CanJiaGongZuoShiJian",
    "DaoLingNianYue", "JianKangZhuangKuang", "ZhuanYeJiShuZhiWu", "ShuXiZhuanYeYouHeZhuanChang", "QuanRiZhiJiaoYu_XueLi",
    "QuanRiZhiJiaoYu_XueWei", "QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi", "QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi",
    "ZaiZhiJiaoYu_XueLi", "ZaiZhiJiaoYu_XueWei", "ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi",
    "ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi", "XianRenZhiWu", "NiRenZhiWu", "NiMianZhiWu", "JianLi", "JiangChengQingKuang",
    "NianDuKaoHeJieGuo", "RenMianLiYou", "JiaTingChengYuan", "ChengBaoDanWei", "GaiGeQianRenZhiNianLingJieXian",
    "JiSuanNianLingShiJian", "TianBiaoShiJian", "TianBiaoRen", "ShenFenZheng", "ZhaoPian", "Version",
)

RESUME = "\n".join([
    "1998.09--2002.07  云南大学经济系经济学专业学习",
    "2002.07--2006.03  泸西县财政局科员",
    "2006.03--2011.03  泸西县财政局预算股副股长",
    "                  （其间：2007.09--2009.07在云南省委党校经济管理专业在职研究生学习）",
    "2011.03--2016.08  泸西县午街铺镇党委副书记、镇长",
    "                  （其间：2013.03--2014.03挂职任红河州财政局副局长）",
    "2016.08--         泸西县财政局局长、党组书记",
    "",
    "中共泸西县第十三届委员会委员",
])


def jpeg(width: int = 376, height: int = 470) -> bytes:
    """A real JPEG (a few kilobytes) of the given size."""
    buf = io.BytesIO()
    Image.new("RGB", (width, height), (190, 170, 150)).save(buf, "JPEG", quality=90)
    return buf.getvalue()


def good_values(**changes: str | None) -> dict[str, str | None]:
    """A complete, correct record of a man born 1980-05 (element -> text). `None` omits an
    element from the file altogether."""
    import base64

    values: dict[str, str | None] = {
        "XingMing": "张三", "XingBie": "男", "ChuShengNianYue": "198005", "MinZu": "汉族", "JiGuan": "云南泸西",
        "ChuShengDi": "云南泸西", "RuDangShiJian": "200306", "CanJiaGongZuoShiJian": "200207",
        "DaoLingNianYue": "204305", "JianKangZhuangKuang": "健康", "ZhuanYeJiShuZhiWu": "经济师",
        "ShuXiZhuanYeYouHeZhuanChang": "财政管理", "QuanRiZhiJiaoYu_XueLi": "大学", "QuanRiZhiJiaoYu_XueWei": "经济学学士",
        "QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi": "云南大学经济系经济学专业",
        "QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi": "云南大学经济系经济学专业",
        "ZaiZhiJiaoYu_XueLi": "省委党校研究生", "ZaiZhiJiaoYu_XueWei": "\n  ",
        "ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi": "云南省委党校经济管理专业", "ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi": "\n  ",
        "XianRenZhiWu": "泸西县财政局局长、党组书记", "NiRenZhiWu": "\n  ", "NiMianZhiWu": "\n  ", "JianLi": RESUME,
        "JiangChengQingKuang": "无", "NianDuKaoHeJieGuo": "2023年、2024年年度考核称职。", "RenMianLiYou": "工作需要",
        "ChengBaoDanWei": "中共泸西县委组织部", "GaiGeQianRenZhiNianLingJieXian": "改革前任职年龄界限为60岁",
        "JiSuanNianLingShiJian": "202512", "TianBiaoShiJian": "20251201", "TianBiaoRen": "李四",
        "ShenFenZheng": make_id(dt.date(1980, 5, 3)), "ZhaoPian": base64.b64encode(jpeg()).decode(), "Version": "3.2.1.6",
    }
    values.update(changes)
    return values


FAMILY = [
    {"ChengWei": "妻子", "XingMing": "王芳", "ChuShengRiQi": "198201", "ZhengZhiMianMao": "中共党员",
     "GongZuoDanWeiJiZhiWu": "泸西县第一中学教师"},
    {"ChengWei": "儿子", "XingMing": "张小明", "ChuShengRiQi": "200905", "ZhengZhiMianMao": "群众",
     "GongZuoDanWeiJiZhiWu": "泸西县第一中学学生"},
    {"ChengWei": "父亲", "XingMing": "张大山", "ChuShengRiQi": "195403", "ZhengZhiMianMao": "中共党员",
     "GongZuoDanWeiJiZhiWu": "泸西县农业局干部（已去世）"},
]


def lrmx_text(values: dict[str, str | None] | None = None, family: list[dict[str, str]] | None = None, *,
              extra: str = "", newline: str = "\n", declaration: str = '<?xml version="1.0" encoding="utf-8"?>',
              pad_family: int = 0) -> str:
    """The text of a .lrmx; `extra` is raw XML put before <Version>; `newline` separates lines
    (and the lines inside multi-line values, written literally)."""
    values = good_values() if values is None else values
    family = FAMILY if family is None else family
    lines = [declaration, "<Person>"]
    for element in ORDER:
        if element == "JiaTingChengYuan":
            lines.append("  <JiaTingChengYuan>")
            for member in [*family, *([{}] * pad_family)]:
                lines.append("    <Item>")
                for child in ("ChengWei", "XingMing", "ChuShengRiQi", "ZhengZhiMianMao", "GongZuoDanWeiJiZhiWu"):
                    lines.append(f"      <{child}>{escape(member.get(child, ''))}</{child}>")
                lines.append("    </Item>")
            lines.append("  </JiaTingChengYuan>")
            continue
        if element == "Version" and extra:
            lines.append(extra)
        value = values.get(element, "")
        if value is None:
            continue
        lines.append(f"  <{element}>{escape(value).replace(chr(10), newline)}</{element}>")
    lines.append("</Person>")
    return newline.join(lines) + newline


def lrmx_bytes(values: dict[str, str | None] | None = None, family: list[dict[str, str]] | None = None, **kw) -> bytes:
    return lrmx_text(values, family, **kw).encode("utf-8")


LRM_VALUES = {
    0: "李四", 1: "女", 2: "1975.08", 3: "回族", 4: "河北盐山", 5: "民建", 6: "健康", 7: "河北沧州", 8: "199707",
    9: "大学#文学学士@中央党校研究生#", 10: "河北大学中文系汉语言文学专业#河北大学中文系汉语言文学专业@中央党校经济学专业#",
    11: "副编审", 16: "文字编辑", 17: "1993.09--1997.07  河北大学中文系汉语言文学专业学习\r\n"
                                    "1997.07--2008.12  沧州日报社编辑\r\n2008.12--         沧州市文联副主席",
    18: "无", 19: "2023年度考核优秀，2024年度考核称职。", 20: "丈夫@女儿@@@", 21: "赵强@赵小雨@@@", 22: "197301@200306@@@",
    23: "群众@共青团员@@@", 24: "沧州市第二医院医生@北京大学学生@@@", 25: "沧州市文联副主席", 26: "", 27: "", 28: "工作需要",
    29: "中共沧州市委组织部", 30: "20251201", 31: "王五", 32: "20251201",
}


def lrm_bytes(values: dict[int, str] | None = None, count: int = 33, encoding: str = "gbk") -> bytes:
    """A legacy .lrm: `"f0","f1",…` of `count` fields (GBK)."""
    values = LRM_VALUES if values is None else values
    return ('"' + '","'.join(values.get(i, "") for i in range(count)) + '"\r\n').encode(encoding)


class _GbkInfo(zipfile.ZipInfo):
    """A member whose name is stored as GBK bytes without the UTF-8 flag."""

    def _encodeFilenameFlags(self):  # noqa: N802 (zipfile's name)
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def write_zip(path: Path, members: dict[str, bytes], *, utf8_names: bool = False) -> Path:
    """A zip of `members`; names are stored as GBK without the UTF-8 flag (as zips made on
    Chinese Windows are) unless `utf8_names`."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            cls = zipfile.ZipInfo if utf8_names else _GbkInfo
            info = cls(name, date_time=(2025, 12, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return path
