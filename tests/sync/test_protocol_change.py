"""A pulled change as the laptop parses it: what a newer server may add is ignored, what is malformed refused."""

from __future__ import annotations

import dataclasses
import json

import pytest
from pydantic import ValidationError

from yulu_desktop.sync import protocol as p


def _page(**change: object) -> bytes:
    base = {"seq": 7, "entity": "household", "entity_id": "h1", "op": "I", "hlc": 3}
    return json.dumps(
        {"changes": [{**base, **change}], "next_cursor": 7, "more": False, "head_seq": 7}
    ).encode()


def test_keys_of_a_newer_server_are_ignored() -> None:
    page = p.PullResponse.model_validate_json(_page(fields={"address": "红岩村"}, signed_by="county-2"))
    (change,) = page.changes
    assert change == p.Change(
        seq=7, entity="household", entity_id="h1", op="I", hlc=3, fields={"address": "红岩村"}
    )
    assert change.versions == {} and change.device_id == "" and change.author == ""


@pytest.mark.parametrize(
    "bad",
    [{"op": "Q"}, {"seq": "seven"}, {"fields": ["address"]}, {"versions": {"address": "new"}}, {"hlc": None}],
)
def test_a_malformed_change_is_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        p.PullResponse.model_validate_json(_page(**bad))


def test_a_change_cannot_be_altered_once_parsed() -> None:
    (change,) = p.PullResponse.model_validate_json(_page()).changes
    with pytest.raises(dataclasses.FrozenInstanceError):
        change.op = "D"  # type: ignore[misc]


def test_a_page_written_again_reads_the_same() -> None:
    page = p.PullResponse.model_validate_json(_page(fields={"address": "红岩村"}, versions={"address": 5}))
    assert p.PullResponse.model_validate_json(page.model_dump_json()) == page
