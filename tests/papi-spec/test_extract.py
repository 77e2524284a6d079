"""scripts/papi-extract.py against a small split in the spec's shape, and the committed extract
in the form the script writes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPT = HERE.parent.parent / "scripts" / "papi-extract.py"
# The list operation's query parameters, as the extract writes each: name:type:style:explode.
LIST_PARAMS = [
    "pageToken:string:form:true",
    "filterStates:array:form:true",
    "sortColumn:RcsSenderSortColumnsEnum:form:true",
]
LIST_QUERY = ",".join(LIST_PARAMS)
HEADER = "# method\tpath\toperationId\tdeprecated\tquery\tsource"


def rows(text: str) -> list[list[str]]:
    return [
        line.split("\t")
        for line in text.splitlines()
        if line and not line.startswith("#")
    ]


def test_a_split_refreshes_its_rows_and_keeps_the_others(tmp_path):
    out = tmp_path / "operations.tsv"
    out.write_text(
        HEADER
        + "\nGET\t/rcs/senders\t-\tno\t?\tdocs"
        + "\nGET\t/webhooks\tWebhookWebhookController_listWebhooks_v1\tno\t-\tspec\n"
    )
    run = subprocess.run(
        [sys.executable, SCRIPT, "--out", out, HERE / "fixtures" / "split.yml"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "4 operations (3 from the given spec files)" in run.stdout
    text = out.read_text()
    assert text.startswith(HEADER + "\n")
    assert rows(text) == [
        [
            "GET",
            "/rcs/senders",
            "RcsSendersController_listSenders_v1",
            "no",
            LIST_QUERY,
            "spec",
        ],
        [
            "POST",
            "/rcs/senders/{senderId}/testNumbers",
            "RcsSendersController_addTestNumbers_v1",
            "no",
            "dryRun:object:deepObject:false",
            "spec",
        ],
        [
            "GET",
            "/rcs/senders/{senderId}/testNumbers/{testNumber}/retry",
            "RcsSendersController_retryTestNumber_v1",
            "yes",
            "-",
            "spec",
        ],
        [
            "GET",
            "/webhooks",
            "WebhookWebhookController_listWebhooks_v1",
            "no",
            "-",
            "spec",
        ],
    ]
    assert "deleteRcsSender" not in text and "{project_id}" not in text


def test_the_committed_extract_is_in_the_scripts_form():
    committed = rows((HERE / "operations.tsv").read_text())
    assert all(len(r) == 6 for r in committed), [r for r in committed if len(r) != 6]
    keys = [(r[1], r[0]) for r in committed]
    assert keys == sorted(keys), "rows must be sorted by path, then method"
    assert len(set(keys)) == len(keys)
    assert {r[3] for r in committed} <= {"yes", "no"}
    assert {r[5] for r in committed} <= {"spec", "docs", "notes"}
