"""The `draft` mark: read on every kind of item, warned on by the loader, kept by the
cache and by `show --format json`, and shown by the reader's rows and pages."""

from __future__ import annotations

import json

from briefing_tui.core import LinkIndex, load_brief, load_text
from briefing_tui.core.export import brief_data, brief_from_data
from briefing_tui.tui.documents import item_document
from briefing_tui.tui.rows import actor_rows, issue_rows, quote_rows
from tests.conftest import MINIMAL, REPO

DRAFTED = REPO / "tests" / "fixtures" / "drafted.yaml"


def drafted():
    result = load_brief(DRAFTED)
    assert result.brief is not None, result.findings
    return result


def test_every_kind_of_item_carries_the_mark():
    brief = drafted().brief
    assert [(item.id, item.draft) for item in brief.items()] == [
        ("interfax", True),
        ("axios", False),
        ("peskov", True),
        ("russia", False),
        ("peskov-no-answer", True),
        ("territory", True),
    ]


def test_each_drafted_item_is_a_warning_at_its_draft_key():
    result = drafted()
    assert result.errors == ()
    assert [str(f).removeprefix(f"{DRAFTED}:") for f in result.findings if not f.is_error] == [
        "8:5: warning: source 'interfax' is a draft: review it and remove 'draft: true'",
        "16:5: warning: actor 'peskov' is a draft: review it and remove 'draft: true'",
        "26:5: warning: quote 'peskov-no-answer' is a draft: review it and remove 'draft: true'",
        "33:5: warning: issue 'territory' is a draft: review it and remove 'draft: true'",
    ]


def test_a_draft_mark_that_is_not_yes_or_no_is_an_error():
    text = MINIMAL + "actors:\n  - id: a\n    name: A\n    draft: 'true'\n  - id: b\n    name: B\n    draft: [true]\n"
    result = load_text(text, "b.yaml")
    assert result.brief is None
    assert [str(f) for f in result.findings] == [
        "b.yaml:8:12: error: 'draft' of actors[0] must be true or false, not text",
        "b.yaml:11:12: error: 'draft' of actors[1] must be true or false, not a list",
    ]


def test_json_carries_the_mark_and_reads_back_into_an_equal_brief():
    brief = drafted().brief
    data = json.loads(json.dumps(brief_data(brief, LinkIndex(brief))))
    assert [(item["id"], item["draft"]) for section in ("sources", "actors", "quotes", "issues") for item in data[section]][:3] == [
        ("interfax", True),
        ("axios", False),
        ("peskov", True),
    ]
    assert brief_from_data(data) == brief
    unmarked = brief_from_data(data | {"quotes": [{k: v for k, v in q.items() if k != "draft"} for q in data["quotes"]]})
    assert unmarked.quotes[0].draft is False


def test_rows_and_pages_tell_drafts_apart():
    brief = drafted().brief
    index = LinkIndex(brief)
    notes = {row.key.id: row.note for row in actor_rows(index) + quote_rows(index) + issue_rows(index) if row.key is not None}
    assert notes["peskov"].endswith("\u00b7 draft") and "draft" not in notes["russia"]
    assert notes["peskov-no-answer"].endswith("draft")
    assert notes["territory"].endswith("\u00b7 draft")

    def page(target):
        ref = index.ref(target)
        assert ref is not None
        document = item_document(ref, index)
        assert document is not None
        return "\n".join("".join(span.text for span in block.spans) for block in document.blocks)

    for target in ("interfax", "peskov", "peskov-no-answer", "territory"):
        assert "Draft: review it, then remove 'draft: true' from the brief" in page(target)
    for target in ("axios", "russia"):
        assert "Draft" not in page(target)
