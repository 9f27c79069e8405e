"""Load a policy: a preset by name, or a user's TOML file that may `extends` one."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from cadre_cli.errors import PolicyError
from cadre_cli.policy.schema import Policy

PRESET_DIR = Path(__file__).parent / "presets"
DEFAULT_POLICY = "county"


def preset_names() -> list[str]:
    order = ["county", "county-term", "young-cadre", "college", "street", "school", "village", "enterprise", "bureau"]
    found = sorted(p.stem for p in PRESET_DIR.glob("*.toml"))
    return [n for n in order if n in found] + [n for n in found if n not in order]


def preset_path(name: str) -> Path:
    return PRESET_DIR / f"{name}.toml"


MAX_POLICY_BYTES = 1024 * 1024
MAX_EXTENDS = 20


def _read_toml(path: Path) -> dict[str, Any]:
    from cadre_cli.errors import InputError
    from cadre_cli.readers.guard import read_regular

    try:
        data, _ = read_regular(path, MAX_POLICY_BYTES, "政策文件")
        text = data.decode("utf-8-sig")
    except InputError as exc:
        raise PolicyError(exc.message) from None
    except UnicodeDecodeError:
        raise PolicyError(f"政策文件“{path.name}”不是 UTF-8 编码的文本，请用记事本“另存为 UTF-8”后再试。") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+), column (\d+)", str(exc))
        where = f"第{m.group(1)}行第{m.group(2)}列" if m else ""
        raise PolicyError(
            f"政策文件“{path.name}”{where}格式有误（TOML 语法：键名用英文，中文值加英文双引号）。"
        ) from None


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def resolve(ref: str | Path, seen: tuple[str, ...] = ()) -> tuple[dict[str, Any], str]:
    """The merged data of a preset name or a file path, following `extends`."""
    text = str(ref)
    is_file = text.endswith(".toml") or "/" in text or "\\" in text
    if not is_file and text not in preset_names():
        raise PolicyError(f"没有名为“{text}”的预设政策。可用的预设：{'、'.join(preset_names())}；或给出 .toml 文件路径。")
    path = Path(text) if is_file else preset_path(text)
    try:
        key = str(path.resolve())
    except (OSError, RuntimeError):
        key = str(path)
    if key in seen:
        raise PolicyError(f"政策文件“{path.name}”的 extends 形成了循环引用。")
    if len(seen) >= MAX_EXTENDS:
        raise PolicyError(f"政策文件“{path.name}”的 extends 继承链超过 {MAX_EXTENDS} 层，请直接继承预设或减少层次。")
    data = _read_toml(path)
    name = data.get("name") or path.stem
    parent = data.get("extends")
    if parent is not None:
        if not isinstance(parent, str):
            raise PolicyError(f"政策文件“{path.name}”中 extends 应为预设名称或文件路径（文字）。")
        parent_ref: str | Path = parent
        if parent.endswith(".toml") and not Path(parent).is_absolute():
            parent_ref = path.parent / parent
        base, _ = resolve(parent_ref, seen + (key,))
        base.pop("name", None)
        data = _merge(base, data)
    data["name"] = name
    return data, name


def load_policy(ref: str | Path | None = None) -> Policy:
    data, name = resolve(ref or DEFAULT_POLICY)
    try:
        return Policy.model_validate(data)
    except ValidationError as exc:
        base = data.get("extends") if data.get("extends") in preset_names() else DEFAULT_POLICY
        raise PolicyError(_explain(name, exc, base)) from None


def _known_keys(loc: tuple) -> list[str]:
    """The keys a policy file may have where an unknown key `loc` was found."""
    import typing

    from pydantic import BaseModel

    model: object = Policy
    for part in loc[:-1]:
        if isinstance(model, type) and issubclass(model, BaseModel):
            field = model.model_fields.get(str(part))
            model = field.annotation if field else None
        elif typing.get_origin(model) is dict:
            model = typing.get_args(model)[1]
        else:
            return []
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return []


_TYPE_WORDS = {
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "decimal_parsing": "应为数字",
    "decimal_type": "应为数字",
    "float_parsing": "应为数字",
    "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false",
    "string_type": "应为加双引号的文字",
    "list_type": "应为方括号列表，如 [5, 7]",
    "dict_type": "应为一个表（[节名]）",
    "missing": "缺少，必须填写",
    "greater_than_equal": "太小",
    "greater_than": "太小",
    "less_than_equal": "太大",
    "less_than": "太大",
    "date_from_datetime_parsing": "应为存在的日期，如 2027-02-11",
    "date_parsing": "应为存在的日期，如 2027-02-11",
    "date_type": "应为日期，如 2027-02-11",
    "too_short": "项数不够",
    "too_long": "项数过多",
}


def _where(loc: tuple) -> str:
    """A setting with list items by their place, not pydantic's index:
    `“calendar.holidays”第2项`, `“pool.ages”第1项的“age_max”`."""
    parts, keys = [], []
    for p in loc:
        if isinstance(p, int):
            parts.append(f"“{'.'.join(keys)}”第{p + 1}项")
            keys = []
        else:
            keys.append(str(p))
    if keys:
        parts.append(f"“{'.'.join(keys)}”")
    return "的".join(parts)


def _explain(name: str, exc: ValidationError, base: str = DEFAULT_POLICY) -> str:
    parts = []
    for err in exc.errors()[:3]:
        where = _where(err["loc"])
        kind = err["type"]
        got = err.get("input")
        if kind == "extra_forbidden":
            import difflib

            close = difflib.get_close_matches(str(err["loc"][-1]), _known_keys(tuple(err["loc"])), n=1)
            guess = f"，是不是“{close[0]}”" if close else ""
            parts.append(f"不认识的设置项{where}（可能拼错了{guess}；运行 cadre policy show {base} 可看到全部设置项的写法）")
        elif kind == "literal_error":
            expected = err.get("ctx", {}).get("expected", "")
            parts.append(f"设置项{where}的值“{got}”不在可选范围内（可选：{expected}）")
        elif kind == "value_error":
            reason = str(err.get("ctx", {}).get("error", "取值不正确"))
            parts.append(f"设置项{where}{reason}")
        else:
            word = _TYPE_WORDS.get(kind, "取值不正确")
            limit = err.get("ctx", {})
            bound = next((str(v) for k, v in limit.items() if k in ("ge", "gt", "le", "lt", "min_length", "max_length")), "")
            suffix = f"（界限 {bound}）" if bound and kind.startswith(("greater", "less", "too")) else ""
            shown = f"，现为“{got}”" if kind != "missing" and not isinstance(got, dict) else ""
            parts.append(f"设置项{where}{word}{suffix}{shown}")
    more = f"等{exc.error_count()}处" if exc.error_count() > 3 else ""
    return f"政策“{name}”有误：{'；'.join(parts)}{more}。"
