"""Runs cfn-lint's command line once per request, in one process: each stdin line is a JSON array of arguments; each
stdout line is a JSON object with the exit code and what the command line would have printed. Importing cfn-lint takes
seconds; linting one template, a fraction of that."""
import contextlib
import io
import json
import sys

from cfnlint.runner.cli import main

out = sys.stdout
for line in sys.stdin:
    args = json.loads(line)
    captured = io.StringIO()
    code = 0
    sys.argv = ["cfn-lint", *args]
    with contextlib.redirect_stdout(captured):
        try:
            main()
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        except Exception as e:  # a crash, as the command line's exit 1
            print(e)
            code = 1
    out.write(json.dumps({"code": code, "stdout": captured.getvalue()}) + "\n")
    out.flush()
