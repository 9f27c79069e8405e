"""Run one measured job in this process and print {"seconds", "peak_mb"} as JSON.

    python -m bench._measure cli audit big.xlsx --json
    python -m bench._measure code "import pandas as pd; pd.read_excel('big.xlsx', engine='calamine')"

Output of the job itself is discarded; only the last line (the JSON) is read.
"""

from __future__ import annotations

import io
import json
import os
import resource
import sys
import time
from contextlib import redirect_stderr, redirect_stdout


def main() -> None:
    mode, rest = sys.argv[1], sys.argv[2:]
    sink = io.StringIO()
    start = time.perf_counter()
    with redirect_stdout(sink), redirect_stderr(sink):
        if mode == "cli":
            from cadre_cli.cli import main as cadre

            try:
                cadre(rest)
            except SystemExit as exc:
                if exc.code not in (0, 1, None):
                    sys.__stderr__.write(sink.getvalue()[-3000:])
                    raise
        else:
            exec(compile(rest[0], "<bench>", "exec"), {"__name__": "__bench__"})
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    os.write(1, (json.dumps({"seconds": seconds, "peak_mb": peak_mb}) + "\n").encode())


if __name__ == "__main__":
    main()
