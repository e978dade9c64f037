"""The Python examples of docs/ run as written and print what their comments say."""
import contextlib
import io
import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"
# pages whose examples are complete programs (the others show fragments over the reader's own data)
RUNNABLE = ["analyze.md", "align.md"]


def expectations(code: str) -> list[str]:
    """What each print() should show: "print(x)  # shown" on its line, or "# shown" on the line after it."""
    lines = code.splitlines()
    out = []
    for i, line in enumerate(lines):
        if not line.startswith("print("):
            continue
        inline = re.search(r"\)\s+#\s(.+)$", line)
        if inline:
            out.append(inline.group(1).strip())
        elif i + 1 < len(lines) and lines[i + 1].startswith("# "):
            out.append(lines[i + 1][2:].strip())
    return out


def test_expectations_are_read_from_both_comment_styles():
    assert expectations("print(1)  # 1\nprint(2)\n# 2\nx = 3\n") == ["1", "2"]


@pytest.mark.parametrize("page", RUNNABLE)
def test_python_examples_print_what_they_say(page):
    blocks = re.findall(r"^```python[ \t]*\n(.*?)^```", (DOCS / page).read_text(encoding="utf-8"), flags=re.M | re.S)
    assert blocks, page
    for code in blocks:
        shown = io.StringIO()
        with contextlib.redirect_stdout(shown):
            exec(compile(code, f"{page} example", "exec"), {})
        assert shown.getvalue().splitlines() == expectations(code), page
