"""The learned type model: labelled-pair files, training, cross-validation, saving, retyping records in the
pipeline and the CLI. The fixture (tests/fixtures/type_pairs.tsv, invented sentences) labels blockades ASSAULT
where the lexicon codes them COERCE (CAMEO 191), and "feted" (no lexicon entry) SUPPORT."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from newsevents import typemodel as tm
from newsevents.cli import main
from newsevents.lexicon import load as load_lexicon
from newsevents.model import ArticleRef, EventRecord, TextSpan
from newsevents.pipeline import analyse_texts

PAIRS = Path(__file__).parent / "fixtures" / "type_pairs.tsv"
BLOCKADE = "Moroccan troops blockaded the Algerian border post on Saturday."
FETED = "Cuban officials feted the visiting Jamaican prime minister at a state banquet."


@pytest.fixture(scope="module")
def cases():
    return tm.pair_cases(tm.read_pairs(PAIRS))


@pytest.fixture(scope="module")
def model(cases):
    return tm.fit([c.example for c in cases], [c.pair.label for c in cases])


# --------------------------------------------------------------------------- files


def test_reads_the_fixture_with_spans():
    pairs = tm.read_pairs(PAIRS)
    assert len(pairs) == 36
    assert {p.label for p in pairs} == {"ASSAULT", "SUPPORT", "CONSULT"}
    p = pairs[0]
    a, b = p.spans()
    assert p.sentence[a[0] : a[1]] == p.source and p.sentence[b[0] : b[1]] == p.target
    assert p.where.endswith("type_pairs.tsv:2")


def test_jsonl_pairs_and_older_labels(tmp_path):
    f = tmp_path / "p.jsonl"
    rows = [
        {"sentence": "Rebels freed ten hostages.", "source": "Rebels", "target": "hostages", "y": "YIELD"},
        {"sentence": "Iran rejected the plan.", "source": "Iran", "target": "", "y": "REJECT"},
    ]
    f.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    pairs = tm.read_pairs(f, label_column="y")
    assert [p.label for p in pairs] == ["YIELD", "REJECT"]
    assert pairs[1].spans()[1] is None  # no target


@pytest.mark.parametrize(
    "content, reason",
    [
        (
            "sentence\tsource\ttarget\tlabel\nThey met.\tThey\t\tMEETING\n",
            "p.tsv:2: unknown event label 'MEETING'",
        ),
        ("sentence\tsource\tlabel\nThey met.\tThey\tCONSULT\n", "p.tsv: missing column(s) target"),
        ("sentence\tsource\ttarget\tlabel\n\tThey\t\tCONSULT\n", "p.tsv:2: empty sentence"),
    ],
)
def test_bad_pair_files_name_file_line_and_reason(tmp_path, content, reason):
    f = tmp_path / "p.tsv"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(tm.PairsError) as err:
        tm.read_pairs(f)
    assert reason in str(err.value) and "\n" not in str(err.value)


def test_every_label_alias_covers_current_types():
    lex = load_lexicon()
    assert lex.aliases["YIELD"] == ("CONCEDE", "RETREAT")
    for label, covered in lex.aliases.items():
        assert label not in lex.types and all(t in lex.types for t in covered)


# --------------------------------------------------------------------------- learning


@pytest.mark.slow
def test_lexicon_alone_disagrees_with_the_fixture_labels(cases):
    got = {c.pair.label: tm.lexicon_label(c) for c in cases}
    assert got["ASSAULT"] == "COERCE"  # the lexicon's (codebook) coding of blockades
    assert all(tm.lexicon_label(c) is None for c in cases if c.pair.label == "SUPPORT")  # no "fete" entry


@pytest.mark.slow
def test_model_learns_the_labels_conventions_on_unseen_sentences(model):
    pairs = [
        tm.Pair(BLOCKADE, "Moroccan troops", "the Algerian border post", None, "t:1"),
        tm.Pair(FETED, "Cuban officials", "the visiting Jamaican prime minister", None, "t:2"),
        tm.Pair(
            "The Omani sultan met with the Bahraini king in Muscat.",
            "The Omani sultan",
            "the Bahraini king",
            None,
            "t:3",
        ),
    ]
    got = [label for label, _ in model.predict([c.example for c in tm.pair_cases(pairs)])]
    assert got == ["ASSAULT", "SUPPORT", "CONSULT"]


@pytest.mark.slow
def test_cross_validation_is_out_of_fold_and_deterministic(cases):
    ex, gold = [c.example for c in cases], [c.pair.label for c in cases]
    first = tm.cross_validate(ex, gold, folds=4)
    assert first == tm.cross_validate(ex, gold, folds=4)
    assert sum(g == p for g, p in zip(gold, first, strict=True)) / len(gold) >= 0.9
    # a row's prediction must not come from a model that saw it: with one example per label, leaving it out
    # can only predict a label that another row has
    one = [ex[0], ex[12], ex[24], ex[1]]
    pred = tm.cross_validate(one, ["ASSAULT", "SUPPORT", "CONSULT", "ASSAULT"], folds=4)
    assert pred[1] != "SUPPORT" and pred[2] != "CONSULT"


@pytest.mark.slow
def test_save_and_load_give_the_same_probabilities(tmp_path, model, cases):
    f = tmp_path / "m.json"
    model.save(f)
    again = tm.TypeModel.load(f)
    ex = [c.example for c in cases]
    assert again.labels == model.labels and again.vocab == model.vocab
    np.testing.assert_allclose(again.probabilities(ex), model.probabilities(ex), atol=1e-4)
    assert again.meta["rows"] == 36 and again.meta["vector_width"] == 300


def test_not_a_model_is_a_clear_error(tmp_path):
    f = tmp_path / "x.json"
    f.write_text('{"format": "something else"}', encoding="utf-8")
    with pytest.raises(ValueError, match="x.json: not a type model"):
        tm.TypeModel.load(f)


def test_fit_refuses_mismatched_labels():
    with pytest.raises(ValueError):
        tm.fit([tm.Example(["a"])], [])


def test_trains_without_word_vectors():
    ex = [
        tm.Example(["w=attack"]),
        tm.Example(["w=attack"]),
        tm.Example(["w=praise"]),
        tm.Example(["w=praise"]),
    ]
    m = tm.fit(ex, ["ASSAULT", "ASSAULT", "SUPPORT", "SUPPORT"])
    assert [lab for lab, _ in m.predict([tm.Example(["w=praise"]), tm.Example(["w=attack"])])] == [
        "SUPPORT",
        "ASSAULT",
    ]


# --------------------------------------------------------------------------- retyping records


def _record(event: str, modality: str = "asserted", mode: str | None = None) -> EventRecord:
    return EventRecord(
        id="m",
        event_id="",
        article_id="a",
        event=event,
        mode=mode,
        cameo="081",
        intensity=5.0,
        modality=modality,  # type: ignore[arg-type]
        date=None,
        date_precision="none",
        date_text=None,
        date_source="none",
        actor=[],
        recipient=[],
        location=None,
        trigger=TextSpan("x", 0, 1),
        sentence=TextSpan("x", 0, 1),
        article=ArticleRef("a", None, None, "none", None, None),
    )


def test_retype_by_older_label_and_modality():
    r = _record("CONCEDE")
    assert not tm.retype(r, "YIELD") and r.event == "CONCEDE"  # YIELD covers CONCEDE
    r = _record("ACCUSE")
    assert tm.retype(r, "YIELD") and r.event == "CONCEDE" and r.cameo == "08" and r.type_source == "model"
    r = _record("RETREAT", mode="withdraw")
    assert (
        tm.retype(r, "ASSAULT")
        and r.mode is None
        and r.intensity == load_lexicon().types["ASSAULT"].intensity
    )
    # a planned meeting codes AGREE; a model saying CONSULT disagrees only with that convention: type kept
    r = _record("CONSULT", modality="planned")
    assert not tm.retype(r, "CONSULT") and r.type_source == "lexicon"


@pytest.mark.slow
def test_pipeline_retypes_records_and_says_so(model):
    plain, retyped = (analyse_texts([BLOCKADE], type_model=m)[0] for m in (None, model))
    assert [(r.event, r.type_source) for r in plain] == [("COERCE", "lexicon")]
    assert [(r.event, r.type_source, r.cameo) for r in retyped] == [("ASSAULT", "model", "18")]
    assert retyped[0].id != plain[0].id  # the mention id covers the type
    assert retyped[0].actor[0].country == "MAR"  # everything but the type is the extractor's


# --------------------------------------------------------------------------- command line


@pytest.mark.slow
def test_cli_train_extract_and_classify(tmp_path):
    runner = CliRunner()
    out = tmp_path / "types.json"
    res = runner.invoke(main, ["train-types", str(PAIRS), "--out", str(out), "--cv", "4"])
    assert res.exit_code == 0, res.output
    assert "36 pairs; lexicon alone: accuracy" in res.output and "4-fold cross-validated" in res.output
    assert json.loads(out.read_text("utf-8"))["format"] == tm.FORMAT

    art = tmp_path / "a.txt"
    art.write_text(BLOCKADE + "\n", encoding="utf-8")
    res = runner.invoke(main, ["extract", str(art), "--type-model", str(out)])
    assert res.exit_code == 0, res.output
    recs = [json.loads(line) for line in res.stdout.splitlines() if line.startswith("{")]
    assert [(r["event"], r["type_source"]) for r in recs] == [("ASSAULT", "model")]

    res = runner.invoke(
        main, ["classify-pairs", str(PAIRS), "--type-model", str(out), "--label-column", "label"]
    )
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.stdout.splitlines() if line.startswith("{")]
    assert len(rows) == 36 and rows[12]["record"] is None and rows[12]["label"] == "SUPPORT"
    assert "36 pairs: accuracy" in res.stderr


def test_cli_rejects_a_bad_model_and_a_bad_pairs_file(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    art = tmp_path / "a.txt"
    art.write_text("x\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["extract", str(art), "--type-model", str(bad)])
    assert res.exit_code == 2 and "bad.json: not a type model" in res.output
    pairs = tmp_path / "p.tsv"
    pairs.write_text("sentence\tsource\ttarget\tlabel\nThey met.\tThey\t\tMEET\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["train-types", str(pairs), "--out", str(tmp_path / "m.json")])
    assert res.exit_code == 1 and "p.tsv:2: unknown event label 'MEET'" in res.output


def test_jsonl_lines_may_hold_unicode_line_separators_and_tsv_a_bom(tmp_path):
    f = tmp_path / "p.jsonl"
    row = {"sentence": "Iran rejected\u2028the plan.", "source": "Iran", "target": "", "label": "REJECT"}
    f.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    assert [p.label for p in tm.read_pairs(f)] == ["REJECT"]
    g = tmp_path / "p.tsv"
    g.write_text(
        "\ufeffsentence\tsource\ttarget\tlabel\nIran rejected the plan.\tIran\t\tREJECT\n", encoding="utf-8"
    )
    assert [p.where.rsplit(":", 1)[1] for p in tm.read_pairs(g)] == ["2"]


def test_a_damaged_model_file_is_a_clear_error(tmp_path):
    f = tmp_path / "m.json"
    f.write_text(json.dumps({"format": tm.FORMAT, "labels": ["AGREE"]}), encoding="utf-8")
    with pytest.raises(ValueError, match="m.json: damaged type model"):
        tm.TypeModel.load(f)
    f.write_text(
        json.dumps(
            {
                "format": tm.FORMAT,
                "labels": ["AGREE"],
                "features": ["a"],
                "weights": [],
                "bias": [0],
                "mean": [],
                "scale": [],
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="weights do not fit"):
        tm.TypeModel.load(f)


@pytest.mark.slow
def test_a_retyped_record_loses_an_unnamed_actor_of_its_old_type():
    width = 300
    always_support = tm.TypeModel(
        ["SUPPORT"], {}, np.zeros((width, 1)), np.zeros(1), np.zeros(width), np.ones(width)
    )
    text = "A local reporter was killed in a car bomb explosion in eastern Beirut."
    (plain,) = analyse_texts([text])[0]
    (retyped,) = analyse_texts([text], type_model=always_support)[0]
    assert plain.event == "ASSAULT" and any(a.implicit for a in plain.actor)
    assert retyped.event == "SUPPORT" and not any(a.implicit for a in retyped.actor)


def test_cli_train_types_refuses_an_empty_file_and_a_missing_output_directory(tmp_path):
    empty = tmp_path / "p.tsv"
    empty.write_text("sentence\tsource\ttarget\tlabel\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["train-types", str(empty), "--out", str(tmp_path / "m.json")])
    assert res.exit_code == 1 and "p.tsv: no labelled pairs" in res.output
    res = CliRunner().invoke(main, ["train-types", str(PAIRS), "--out", str(tmp_path / "no" / "m.json")])
    assert res.exit_code == 1 and "does not exist" in res.output
