"""The docs show what the code does: every JSON example in docs/feeds.md is the code's
example for its kind and is accepted by the feed contract."""

from __future__ import annotations

import json
import re
from pathlib import Path

from cluehub.ingest import feeds

DOCS = Path(__file__).resolve().parent.parent / "docs" / "feeds.md"


def test_feed_examples_in_docs_match_the_code_and_validate() -> None:
    text = DOCS.read_text(encoding="utf-8")
    sections = re.findall(r"^## (\w+) — .*?```json\n(.*?)```", text, re.S | re.M)
    assert [kind for kind, _ in sections] == list(feeds.EXAMPLES)
    for kind, block in sections:
        example = json.loads(block)
        assert example == feeds.EXAMPLES[kind]
        assert feeds.parse(kind, example).record_id == example["record_id"]
