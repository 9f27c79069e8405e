"""Importing this package registers every check with cadre_cli.audit.registry."""

from cadre_cli.audit.checks import (  # noqa: F401
    age,
    assessment,
    data,
    eligibility,
    exam,
    health,
    negative,
    periods,
    pool,
    programme,
    records,
    secondment,
    tiers,
    village,
)
