"""Pure parsers for the values found in rosters and score sheets.

Every parser takes the raw cell value (str, int, float, date, datetime, bool or None)
and returns a typed value, None for blank, or raises ValueProblem with a Chinese reason.
"""

from cadre_cli.parse.problem import ValueProblem

__all__ = ["ValueProblem"]
