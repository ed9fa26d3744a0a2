"""A person imported with the export's own text of a value no code list knows (``raw_values``, the coded field
empty or 其他) passes the county server's checks, reaches the county and comes down to another laptop."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sync_helpers import County, pending

from yulu_desktop.server import admin
from yulu_desktop.services import excel_import as xi


def test_an_imported_person_with_kept_texts_syncs(county: County, xl: Any) -> None:
    db, client = county.device("hongyan")
    client.sync_once()  # the county's units come down: the import finds 城口县 › 庙坝镇 › 红岩村 by name
    rows = xl.standard_rows()
    header = list(xl.NATIONAL_HEADER)
    rows[2][header.index("在校生状况")] = "在读（职业技能培训班）"
    rows[2][header.index("健康状况")] = "一般"
    rows[4][header.index("与户主关系")] = "侄女"
    rows[0][header.index("监测对象类型")] = "不清楚"
    report = xi.import_national(db, xl.national(rows), actor="张书记", today=dt.date(2025, 6, 1))
    assert report.applied and report.new == 5 and report.org_units_new == 0, report.problems()
    assert pending(db) > 0

    result = client.sync_once()
    assert result.complete and pending(db) == 0, result

    people = {
        data["person_no"]: data
        for (entity, _), data in admin.record_state(county.db).items()
        if entity == "person" and data is not None
    }
    assert len(people) == 5
    student = people["P003"]
    assert (student["student_status"], student["health"]) == (None, None)
    assert json.loads(student["raw_values"]) == {"health": "一般", "student_status": "在读（职业技能培训班）"}
    assert people["P005"]["relationship"] == "99"
    households = [d for (e, _), d in admin.record_state(county.db).items() if e == "household" and d]
    assert sorted(str(h["monitoring_type"]) for h in households) == ["None", "unstable"]

    other, other_client = county.device("hongyan2")
    assert other_client.sync_once().complete
    with other.read_connection() as conn:
        kept = conn.exec_driver_sql("SELECT raw_values FROM person WHERE person_no = 'P003'").scalar_one()
    assert json.loads(kept)["student_status"] == "在读（职业技能培训班）"
