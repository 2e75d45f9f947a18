"""The record contract: JSON round trip and the committed schema file match the dataclasses."""

from __future__ import annotations

import json

from newsevents.model import (
    ArticleRef,
    Entity,
    EventRecord,
    Location,
    TextSpan,
    event_from_json,
    event_json_schema,
)
from tests.conftest import REPO


def sample() -> EventRecord:
    return EventRecord(
        id="m1",
        event_id="ev_1",
        article_id="a1",
        event="CONSULT",
        mode="visit",
        cameo="042",
        intensity=1.5,
        modality="planned",
        date="2022-04-26",
        date_precision="day",
        date_text="on Tuesday",
        date_source="text",
        actor=[
            Entity(
                "Guterres",
                "António Guterres",
                "person",
                "UNO",
                "IGO",
                "Secretary-General of the United Nations",
            )
        ],
        recipient=[Entity("Putin", "Vladimir Putin", "person", "RUS", "GOV", "President of Russia")],
        location=Location("Moscow", "Moscow", "RUS", 55.75, 37.62, "524901", 10, 16),
        trigger=TextSpan("meet", 3, 7),
        sentence=TextSpan("He will meet Putin in Moscow.", 0, 29),
        article=ArticleRef("a1", "t", "2022-04-22", "inferred", None, "x.txt"),
    )


def test_json_round_trip():
    r = sample()
    assert event_from_json(json.loads(json.dumps(r.to_json()))) == r


def test_committed_schema_matches_the_code():
    committed = json.loads((REPO / "docs" / "event-record.schema.json").read_text(encoding="utf-8"))
    assert committed == event_json_schema(), (
        "regenerate with: newsevents schema > docs/event-record.schema.json"
    )


def test_schema_requires_the_contract_fields():
    schema = event_json_schema()
    assert {
        "event_id",
        "event",
        "modality",
        "date_precision",
        "actor",
        "recipient",
        "trigger",
        "sentence",
    } <= set(schema["required"])
    assert schema["properties"]["modality"] == {"enum": ["asserted", "planned", "negated", "hypothetical"]}


def test_plover_strict_export_codes_intentions_and_refusals():
    import dataclasses

    from newsevents.export import plover

    planned_visit = sample()
    assert plover(planned_visit)["event"] == "CONSULT" and plover(planned_visit)["mode"] == "visit"
    strict = plover(planned_visit, strict=True)
    assert strict["event"] == "AGREE" and strict["mode"] is None
    refused = dataclasses.replace(planned_visit, modality="negated")
    assert plover(refused, strict=True)["event"] == "REJECT"
    threat = dataclasses.replace(planned_visit, event="SANCTION", mode=None, modality="hypothetical")
    assert plover(threat, strict=True)["event"] == "THREATEN"
    done = dataclasses.replace(planned_visit, modality="asserted")
    assert plover(done, strict=True)["event"] == "CONSULT"
