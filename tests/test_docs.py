"""The docs show what the code does: every JSON example in docs/feeds.md is the code's
example for its kind and is accepted by the feed contract."""

from __future__ import annotations

import json
import re

from cluehub.ingest import feeds
from tests import ROOT

DOCS = ROOT / "docs" / "feeds.md"


def test_feed_examples_in_docs_match_the_code_and_validate() -> None:
    text = DOCS.read_text(encoding="utf-8")
    sections = re.findall(r"^## (\w+) — .*?```json\n(.*?)```", text, re.S | re.M)
    assert [kind for kind, _ in sections] == list(feeds.EXAMPLES)
    for kind, block in sections:
        example = json.loads(block)
        assert example == feeds.EXAMPLES[kind]
        assert feeds.parse(kind, example).record_id == example["record_id"]


def test_every_json_block_of_a_feed_section_is_a_valid_record_of_its_kind() -> None:
    """The extra examples (the takedown feed's ``published`` confirmation) validate too."""
    text = DOCS.read_text(encoding="utf-8")
    parts = re.split(r"^## (\w+) — .*$", text, flags=re.M)
    checked = 0
    for kind, body in zip(parts[1::2], parts[2::2], strict=True):
        for block in re.findall(r"```json\n(.*?)```", body, re.S):
            assert feeds.parse(kind, json.loads(block)).record_id
            checked += 1
    assert checked == len(feeds.EXAMPLES) + 1
    assert '"action": "published"' in text


def test_the_requests_example_shows_what_the_holder_reads() -> None:
    """``GET /intake/v1/requests`` in the docs has the fields the route answers with."""
    from cluehub.api.intake import request_for_holder
    from cluehub.cases.authentication.models import AuthenticationRequest

    text = DOCS.read_text(encoding="utf-8")
    shown = re.search(r"GET /intake/v1/requests\n(\{.*?\]\}\]\})\n", text, re.S)
    assert shown, "the GET /intake/v1/requests example is missing"
    example = json.loads(shown.group(1).replace("9e6d…", "9e6d"))["requests"][0]
    request = AuthenticationRequest(
        key="auth-1",
        case_id="jc-1",
        holder="holder:nike-cn",
        brand="brand:nike",
        requested_by="bureau:350304",
        what="x",
        deadline=1,
        created_at=0,
        created_by="u",
        listing_keys=("listing:tmall:692345678901",),
        waybill_keys=("waybill:SF:SF1311234567890",),
    )
    answered = request_for_holder(request)
    assert set(example) == set(answered)
    assert example["listings"] == answered["listings"]
    assert example["waybills"] == answered["waybills"]


def test_the_credit_export_layout_in_the_docs_is_the_codes() -> None:
    """docs/credit-export.md lists the export's columns, categories and bases as the code
    declares them, in order."""
    from cluehub.cases.credit import models as credit

    text = (DOCS.parent / "credit-export.md").read_text(encoding="utf-8")
    columns = re.findall(r"^\| \d+ \| `(\w+)` \| (.+?) \|$", text, re.M)
    assert columns == list(credit.COLUMNS)
    categories = re.findall(r"^\| `(\w+)` \| (.+?) \| `(\w+)` \|$", text, re.M)
    assert categories == [(k, v, credit.DEFAULT_BASIS[k]) for k, v in credit.CATEGORIES.items()]
    bases = re.findall(r"^\| `(\w+)` \| ([^|]+?) \|$", text, re.M)
    assert bases == list(credit.LEGAL_BASES.items())
