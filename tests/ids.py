"""The one generator of ID numbers for tests, samples (sample_data/) and benchmarks
(bench/): valid 18-character numbers whose birth date and gender are the ones given.
The check character comes from the program's own MOD 11-2 (python-stdnum)."""

from __future__ import annotations

import datetime as dt

from cadre_cli.parse.idcard import check_char

AREA = "532527"  # 泸西县


def make_id(born: dt.date, gender: str | bool = "男", area: str = AREA, seq: int = 1) -> str:
    """A valid ID number: `gender` is 男/女 (or True for a man); the sequence digits are
    odd for men, even for women, and differ with `seq`."""
    male = gender is True or gender == "男"
    order = (seq * 2 + (1 if male else 0)) % 1000
    body = f"{area}{born:%Y%m%d}{order:03d}"
    return body + check_char(body)
