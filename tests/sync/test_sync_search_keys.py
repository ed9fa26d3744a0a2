"""People received by a pull are found by pinyin and initials on the receiving laptop: the search key is local
only (never synced), so the pull computes it for new and renamed people."""

from __future__ import annotations

import pytest
from sync_helpers import VILLAGE_A, County, add_household, add_person, update

from yulu_desktop.domain.pinyin import search_key
from yulu_desktop.services import search
from yulu_desktop.store import search_index
from yulu_desktop.store.database import Database


def names(db: Database, query: str) -> list[str]:
    return [hit.name for hit in search.search(db, query)]


@pytest.mark.parametrize("bulk", [False, True], ids=["row by row", "bulk index"])
def test_pulled_and_renamed_people_are_found_by_pinyin(
    county: County, monkeypatch: pytest.MonkeyPatch, bulk: bool
) -> None:
    if bulk:
        monkeypatch.setattr(search_index, "BULK_THRESHOLD", 1)
    db, client = county.device("hongyan")
    client.sync_once()
    household = add_household(db, county.unit_id(VILLAGE_A))
    person = add_person(db, household, "张鑫坤", search_key=search_key("张鑫坤"))
    client.sync_once()
    other, other_client = county.device("hongyan")
    other_client.sync_once()
    for query in ("zxk", "zhxk", "zhangxinkun", "鑫", "鑫坤"):
        assert names(other, query) == ["张鑫坤"], query
    update(db, "person", person, name="赵淼", search_key=search_key("赵淼"))
    client.sync_once()
    other_client.sync_once()
    assert names(other, "zhm") == ["赵淼"]
    assert names(other, "淼") == ["赵淼"]
    assert names(other, "zxk") == [] and names(other, "鑫") == []


def test_a_person_added_and_renamed_in_one_pull_is_found_by_the_new_name(county: County) -> None:
    """The insert and the rename arrive in the same page: the key written with the insert is replaced by the
    key of the new name (written with the update)."""
    db, client = county.device("hongyan")
    client.sync_once()
    household = add_household(db, county.unit_id(VILLAGE_A))
    person = add_person(db, household, "张鑫坤", search_key=search_key("张鑫坤"))
    client.sync_once()
    update(db, "person", person, name="赵淼", search_key=search_key("赵淼"))
    client.sync_once()
    other, other_client = county.device("hongyan")
    report = other_client.sync_once()
    assert report.pull_pages == 1
    assert names(other, "zhm") == ["赵淼"] and names(other, "zxk") == []
