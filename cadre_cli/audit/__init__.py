"""`cadre audit`: every reserve checked against the policy, like a linter for rosters."""
