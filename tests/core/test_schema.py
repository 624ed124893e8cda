"""The JSON Schema shipped for editors agrees with the loader."""

from __future__ import annotations

import datetime as dt
import json
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest
import yaml

from briefing_tui.core import loader
from tests.conftest import REAL_BRIEF

SCHEMA = json.loads(files("briefing_tui.schema").joinpath("brief-1.schema.json").read_text("utf-8"))


def as_json(value):
    """YAML data as the YAML language server sees it: dates are strings."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def validator():
    cls = jsonschema.validators.validator_for(SCHEMA)
    cls.check_schema(SCHEMA)
    return cls(SCHEMA, format_checker=cls.FORMAT_CHECKER)


def test_the_real_brief_is_valid():
    data = as_json(yaml.safe_load(REAL_BRIEF.read_text(encoding="utf-8")))
    assert list(validator().iter_errors(data)) == []


def test_a_brief_with_every_analyst_field_is_valid():
    fixture = Path(__file__).parent.parent / "fixtures" / "analyst.yaml"
    data = as_json(yaml.safe_load(fixture.read_text(encoding="utf-8")))
    assert list(validator().iter_errors(data)) == []


def test_the_real_brief_names_the_schema_in_its_first_line():
    first = REAL_BRIEF.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../src/briefing_tui/schema/brief-1.schema.json"
    assert (REAL_BRIEF.parent / first.split("=", 1)[1]).resolve().is_file()


def _definition(name):
    node = SCHEMA
    for part in name:
        node = node["properties"][part] if part != "[]" else node["items"]
        if "$ref" in node:
            ref = node["$ref"].removeprefix("#/")
            node = SCHEMA
            for key in ref.split("/"):
                node = node[key]
    return node


@pytest.mark.parametrize(
    ("path", "keys"),
    [
        ((), loader.BRIEF_KEYS),
        (("sources", "[]"), loader.SOURCE_KEYS),
        (("actors", "[]"), loader.ACTOR_KEYS),
        (("quotes", "[]"), loader.QUOTE_KEYS),
        (("issues", "[]"), loader.ISSUE_KEYS),
        (("issues", "[]", "positions", "[]"), loader.POSITION_KEYS),
        (("timeline", "[]"), loader.EVENT_KEYS),
    ],
)
def test_schema_knows_the_same_keys_as_the_loader(path, keys):
    node = _definition(path)
    assert set(node["properties"]) == set(keys)
    assert node.get("additionalProperties") is False


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(brief=2),
        lambda d: d.pop("title"),
        lambda d: d.update(date="2026-02-30"),
        lambda d: d["actors"][0].update(kind="persn"),
        lambda d: d["issues"][0].update(status="stuck"),
        lambda d: d["sources"][0].update(url="ftp://example.org"),
        lambda d: d["actors"][0].update(id="Bad_Id"),
        lambda d: d.update(marking="TLP:PURPLE"),
        lambda d: d["sources"][0].update(reliability="G"),
        lambda d: d["quotes"][0].update(credibility=7),
        lambda d: d["quotes"][0].update(verbatim="no"),
        lambda d: d["issues"][0]["positions"][0].update(leaning="for"),
        lambda d: d["actors"][0].update(relations=[{"to": "putin", "kind": "friend-of"}]),
    ],
)
def test_schema_rejects_what_the_loader_rejects(change):
    data = as_json(yaml.safe_load(REAL_BRIEF.read_text(encoding="utf-8")))
    change(data)
    assert list(validator().iter_errors(data))
