"""A learned event-type model on top of the lexicon: multinomial logistic regression over what the extractor
found in a sentence (its records' types, CAMEO codes, modality, trigger) and the sentence itself (content lemmas,
the root, the dependency path between the two parties, the trigger's word vector).

The lexicon and rules type every record. A type model trained on sentences labelled with the event type of a
(source, target) pair (``newsevents train-types``) can then

- retype the records of any article (``extract --type-model``; a retyped record says ``type_source: "model"``),
- classify labelled pairs, including those between which the extractor finds no record
  (``newsevents classify-pairs``; the PLV protocol of ``newsevents eval``).

No model ships with the package: the public labelled pairs we measure on carry no licence, so users train their
own; ``newsevents eval`` reports the model's accuracy by 5-fold cross-validation. Labels may be current PLOVER
root types or the older labels of ``data/events/label_aliases.tsv`` (YIELD, DEMAND, ...).

Training is deterministic: full-batch Adam from zero weights, fixed hyper-parameters, sparse binary features
kept when seen in at least ``min_count`` training rows, word vectors standardised on the training rows.

Training reads each pair as one text with no publication date and its marked source and target; retyping reads a
record's own sentence, its first actor and recipient, and the article's date. The features are the same, but a
dated future event is "planned" only in the second case.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .lexicon import load as load_lexicon
from .lexicon import plover_event

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from .model import EventRecord

FORMAT = "newsevents-type-model/1"
# parts of speech whose lemmas describe the sentence; those on the path between the parties; a trigger's head word
LEMMA_POS = frozenset({"VERB", "NOUN", "ADJ", "ADV", "ADP", "PART"})
PATH_POS = frozenset({"VERB", "NOUN", "ADJ", "ADP"})
TRIGGER_POS = frozenset({"VERB", "NOUN"})


class PairsError(ValueError):
    """A labelled-pairs file that cannot be read; the message names the file (and line) and the reason."""


@dataclass
class Example:
    """One (sentence, parties) case as the model sees it."""

    sparse: list[str]
    dense: np.ndarray = field(default_factory=lambda: np.zeros(0))


# --------------------------------------------------------------------------- features


def _head(tokens: Sequence[Token], span: tuple[int, int] | None) -> Token | None:
    if span is None:
        return None
    a, b = span
    inside = [t for t in tokens if t.idx >= a and t.idx + len(t) <= b]
    ids = {t.i for t in inside}
    for t in inside:
        if t.head.i not in ids or t.head.i == t.i:
            return t
    return None


def _ancestors(t: Token) -> list[Token]:
    out = [t]
    while t.head.i != t.i:
        t = t.head
        out.append(t)
    return out


def coded(record: EventRecord) -> str:
    """The PLOVER event a record codes as (its type, or the intent/refusal its modality makes it)."""
    return plover_event(record.event, record.modality)


def features(
    doc: Doc,
    sentence: tuple[int, int],
    record: EventRecord | None,
    spans: Sequence[tuple[int, int] | None] = (),
    others: Iterable[str] = (),
) -> Example:
    """The case of ``record`` (or of no record) in the sentence at character offsets ``sentence``; ``spans`` are
    the source and target offsets, ``others`` the coded types of all records of the sentence."""
    a, b = sentence
    span = doc.char_span(
        a, b, alignment_mode="contract"
    )  # the tokens wholly inside, without a scan of the doc
    toks = list(span) if span is not None else []
    label = coded(record) if record is not None else None
    f = [f"pred={label}"]
    trigger: list[Token] = []
    if record is not None:
        f.append(f"ev={record.event}")
        if record.cameo:
            f += [f"c2={record.cameo[:2]}", f"c3={record.cameo[:3]}"]
        f.append(f"mod={record.modality}|{label}")
        ts, te = record.trigger.start, record.trigger.end
        trigger = [t for t in toks if t.idx >= ts and t.idx + len(t) <= te]
        content = [t for t in trigger if t.pos_ in TRIGGER_POS]
        if content:
            lemma = content[-1].lemma_.lower()
            f += [f"trig={lemma}", f"trig|pred={lemma}|{label}"]
    f += [f"any={o}" for o in sorted(set(others))]
    f += [f"lem={t.lemma_.lower()}" for t in toks if not t.is_stop and t.pos_ in LEMMA_POS]
    roots = [t for t in toks if t.dep_ == "ROOT"]
    f += [f"root={t.lemma_.lower()}" for t in roots]
    heads = [_head(toks, s) for s in (list(spans) + [None, None])[:2]]
    src, tgt = heads
    if src is not None and tgt is not None:
        up_s, up_t = _ancestors(src), _ancestors(tgt)
        t_ids = [t.i for t in up_t]
        common = next((t for t in up_s if t.i in t_ids), None)
        if common is not None:
            path = up_s[1 : [t.i for t in up_s].index(common.i) + 1] + up_t[1 : t_ids.index(common.i)]
            f += [f"path={t.lemma_.lower()}" for t in path if t.pos_ in PATH_POS]
            f.append(f"lca={common.lemma_.lower()}")
    for role, h in zip(("s", "t"), heads, strict=True):
        if h is not None:
            f += [f"{role}dep={h.dep_}", f"{role}head={h.head.lemma_.lower()}"]
    width = doc.vocab.vectors_length
    dense = np.zeros(width, dtype=np.float64)
    if width:
        vecs = [np.asarray(t.vector) for t in (trigger or roots[:1]) if t.has_vector]
        if vecs:
            dense = np.mean(vecs, axis=0).astype(np.float64)
    return Example(f, dense)


# --------------------------------------------------------------------------- model


@dataclass
class TypeModel:
    labels: list[str]
    vocab: dict[str, int]
    weights: np.ndarray  # (len(vocab) + vector width, len(labels))
    bias: np.ndarray
    mean: np.ndarray  # dense-feature standardisation, from the training rows
    scale: np.ndarray
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def width(self) -> int:
        return len(self.mean)

    def _rows(self, examples: Sequence[Example]) -> tuple[list[np.ndarray], np.ndarray]:
        idx = [
            np.array(sorted({self.vocab[f] for f in e.sparse if f in self.vocab}), dtype=np.int64)
            for e in examples
        ]
        if self.width:
            for e in examples:
                if len(e.dense) != self.width:
                    raise ValueError(
                        f"type model expects {self.width}-dimensional word vectors, the parser gives {len(e.dense)}"
                    )
            dense = (np.array([e.dense for e in examples]) - self.mean) / self.scale / math.sqrt(self.width)
        else:
            dense = np.zeros((len(examples), 0))
        return idx, dense

    def probabilities(self, examples: Sequence[Example]) -> np.ndarray:
        idx, dense = self._rows(examples)
        return _softmax(_logits(self.weights, self.bias, idx, dense, len(self.vocab)))

    def predict(self, examples: Sequence[Example]) -> list[tuple[str, float]]:
        if not examples:
            return []
        p = self.probabilities(examples)
        return [(self.labels[int(row.argmax())], float(row.max())) for row in p]

    def save(self, path: str | Path) -> None:
        order = sorted(self.vocab, key=self.vocab.__getitem__)
        doc = {
            "format": FORMAT,
            "meta": self.meta,
            "labels": self.labels,
            "features": order,
            "weights": np.round(self.weights, 6).tolist(),
            "bias": np.round(self.bias, 6).tolist(),
            "mean": np.round(self.mean, 6).tolist(),
            "scale": np.round(self.scale, 6).tolist(),
        }
        Path(path).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> TypeModel:
        try:
            doc = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ValueError(f"{path}: not a type model: {exc}") from None
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise ValueError(f"{path}: not a type model (expected format {FORMAT})")
        try:
            labels = [str(x) for x in doc["labels"]]
            model = cls(
                labels=labels,
                vocab={str(f): i for i, f in enumerate(doc["features"])},
                weights=np.array(doc["weights"], dtype=np.float64),
                bias=np.array(doc["bias"], dtype=np.float64),
                mean=np.array(doc["mean"], dtype=np.float64),
                scale=np.array(doc["scale"], dtype=np.float64),
                meta=doc.get("meta") or {},
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{path}: damaged type model: {type(exc).__name__}: {exc}") from None
        rows = len(model.vocab) + model.width
        if model.weights.shape != (rows, len(labels)) or model.bias.shape != (len(labels),):
            raise ValueError(f"{path}: damaged type model: weights do not fit its features and labels")
        if model.scale.shape != model.mean.shape:
            raise ValueError(f"{path}: damaged type model: vector standardisation of the wrong size")
        return model


@lru_cache(maxsize=4)
def load_cached(path: str) -> TypeModel:
    """One load per process and path (pipeline workers)."""
    return TypeModel.load(path)


def _logits(w: np.ndarray, b: np.ndarray, idx: list[np.ndarray], dense: np.ndarray, nv: int) -> np.ndarray:
    z = np.tile(b, (len(idx), 1))
    for r, cols in enumerate(idx):
        if len(cols):
            z[r] += w[cols].sum(axis=0)
    if dense.shape[1]:
        z += dense @ w[nv:]
    return z


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    p = np.exp(z)
    return p / p.sum(axis=1, keepdims=True)


def fit(
    examples: Sequence[Example],
    labels: Sequence[str],
    l2: float = 1.0,
    iterations: int = 300,
    rate: float = 0.05,
    min_count: int = 2,
    meta: dict[str, Any] | None = None,
) -> TypeModel:
    """Train on ``examples`` with gold ``labels``."""
    if not examples or len(examples) != len(labels):
        raise ValueError("training needs as many labels as examples, and at least one")
    classes = sorted(set(labels))
    counts = Counter(f for e in examples for f in set(e.sparse))
    vocab = {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= min_count))}
    width = len(examples[0].dense)
    if width:
        d = np.array([e.dense for e in examples])
        mean, scale = d.mean(axis=0), d.std(axis=0) + 1e-6
    else:
        mean = scale = np.zeros(0)
    model = TypeModel(
        classes, vocab, np.zeros((len(vocab) + width, len(classes))), np.zeros(len(classes)), mean, scale
    )
    idx, dense = model._rows(examples)
    n = len(examples)
    y = np.eye(len(classes))[[classes.index(lab) for lab in labels]]
    rows = np.concatenate([np.full(len(c), r) for r, c in enumerate(idx)]).astype(np.int64)
    cols = np.concatenate(idx) if idx else np.zeros(0, dtype=np.int64)
    w, b = model.weights, model.bias
    m_w, v_w, m_b, v_b = np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)
    for it in range(1, iterations + 1):
        err = _softmax(_logits(w, b, idx, dense, len(vocab))) - y
        g_w = np.zeros_like(w)
        np.add.at(g_w, cols, err[rows])
        if width:
            g_w[len(vocab) :] = dense.T @ err
        g_w = g_w / n + l2 * w / n
        g_b = err.mean(axis=0)
        for p, g, m, v in ((w, g_w, m_w, v_w), (b, g_b, m_b, v_b)):
            m *= 0.9
            m += 0.1 * g
            v *= 0.999
            v += 0.001 * g * g
            p -= rate * (m / (1 - 0.9**it)) / (np.sqrt(v / (1 - 0.999**it)) + 1e-8)
    model.meta = {
        **(meta or {}),
        "rows": n,
        "label_counts": dict(sorted(Counter(labels).items())),
        "features": len(vocab),
        "vector_width": width,
        "l2": l2,
        "iterations": iterations,
        "rate": rate,
        "min_count": min_count,
    }
    return model


def cross_validate(examples: Sequence[Example], labels: Sequence[str], folds: int = 5) -> list[str]:
    """Out-of-fold predictions: row ``i`` is in fold ``i % folds`` and predicted by a model trained on the
    other folds."""
    pred: list[str] = [""] * len(examples)
    for k in range(folds):
        train = [i for i in range(len(examples)) if i % folds != k]
        test = [i for i in range(len(examples)) if i % folds == k]
        if not test:
            continue
        model = fit([examples[i] for i in train], [labels[i] for i in train])
        for i, (lab, _) in zip(test, model.predict([examples[i] for i in test]), strict=True):
            pred[i] = lab
    return pred


# --------------------------------------------------------------------------- records


def retype(record: EventRecord, label: str) -> bool:
    """Give ``record`` the model's ``label`` when it codes differently; True when its type changed. An older
    label covering several types (YIELD) keeps the record's type when it is one of them, else takes the first."""
    lex = load_lexicon()
    now = coded(record)
    covered = lex.aliases.get(label, (label,))
    if now in covered:
        return False
    new = record.event if record.event in covered else covered[0]
    if new == record.event or new not in lex.types:
        # the model disagrees only with the modality's coding (a planned meeting codes AGREE): keep the type
        return False
    t = lex.types[new]
    record.event = new
    record.cameo = t.cameo_root
    record.mode = record.mode if record.mode in t.modes else None
    record.intensity = t.intensity
    record.type_source = "model"
    return True


def refine(records: list[EventRecord], doc: Doc, model: TypeModel) -> list[EventRecord]:
    """Retype ``records`` (all from ``doc``) by ``model``; returns those whose type changed."""
    by_sentence: dict[int, list[str]] = {}
    for r in records:
        by_sentence.setdefault(r.sentence.start, []).append(coded(r))
    cases = []
    for r in records:
        spans = [_span(r.actor), _span(r.recipient)]
        cases.append(
            features(doc, (r.sentence.start, r.sentence.end), r, spans, by_sentence[r.sentence.start])
        )
    changed = []
    lex = load_lexicon()
    for r, (label, _) in zip(records, model.predict(cases), strict=True):
        if retype(r, label):
            changed.append(r)
            if lex.unnamed_actor(r.event, r.mode) is None:
                r.actor = [a for a in r.actor if not a.implicit]  # an unnamed perpetrator is of the old type
    return changed


def _span(entities: list[Any]) -> tuple[int, int] | None:
    for e in entities:
        if e.start is not None and e.end is not None:
            return (e.start, e.end)
    return None


def primary(records: list[EventRecord], spans: list[tuple[int, int]] | None = None) -> EventRecord | None:
    """The record a sentence is about: the most confident, among those whose parties overlap ``spans`` (the
    marked source and target) when any does."""
    if not records:
        return None
    if spans:

        def touches(r: EventRecord) -> bool:
            ents = r.actor + r.recipient
            return any(
                e.start is not None and e.end is not None and e.start < b and a < e.end
                for e in ents
                for a, b in spans
            )

        hits = [r for r in records if touches(r)]
        if hits:
            records = hits
    return max(records, key=lambda r: r.confidence)


# --------------------------------------------------------------------------- labelled pairs


@dataclass
class Pair:
    sentence: str
    source: str
    target: str
    label: str | None
    where: str  # file:line
    row: dict[str, Any] = field(default_factory=dict)  # all the row's columns

    def spans(self) -> list[tuple[int, int] | None]:
        out: list[tuple[int, int] | None] = []
        for s in (self.source, self.target):
            i = self.sentence.find(s) if s else -1
            out.append((i, i + len(s)) if i >= 0 else None)
        return out


def read_pairs(path: str | Path, label_column: str | None = "label") -> list[Pair]:
    """Labelled pairs from a JSON Lines, TSV or CSV file with columns ``sentence``, ``source``, ``target`` and
    ``label_column`` (None: unlabelled). A label must be a PLOVER root type or a known older label."""
    path = Path(path)
    lex = load_lexicon()
    known = set(lex.types) | set(lex.aliases)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise PairsError(f"{path}: cannot read: {exc}") from None
    rows: list[tuple[int, dict[str, Any]]] = []
    if path.suffix in (".jsonl", ".json"):
        # JSON strings may hold U+2028 and the like raw, where str.splitlines would break a line
        for n, line in enumerate(text.split("\n"), 1):
            if line.strip():
                try:
                    obj = json.loads(line)
                except ValueError as exc:
                    raise PairsError(f"{path}:{n}: not JSON: {exc}") from None
                if not isinstance(obj, dict):
                    raise PairsError(f"{path}:{n}: not a JSON object")
                rows.append((n, obj))
    else:
        reader = csv.DictReader(
            io.StringIO(text, newline=""), delimiter="," if path.suffix == ".csv" else "\t"
        )
        rows = []
        for r in reader:
            rows.append((reader.line_num, r))  # the row's last physical line (quoted fields may span several)
        need = {"sentence", "source", "target"} | ({label_column} if label_column else set())
        missing = need - set(reader.fieldnames or [])
        if missing:
            raise PairsError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
    out = []
    for n, r in rows:
        sentence = str(r.get("sentence") or "").strip()
        if not sentence:
            raise PairsError(f"{path}:{n}: empty sentence")
        label = None
        if label_column:
            label = str(r.get(label_column) or "").strip()
            if label not in known:
                raise PairsError(
                    f"{path}:{n}: unknown event label {label!r} (PLOVER root types and label_aliases.tsv)"
                )
        out.append(
            Pair(
                sentence,
                str(r.get("source") or ""),
                str(r.get("target") or ""),
                label,
                f"{path}:{n}",
                dict(r),
            )
        )
    return out


@dataclass
class PairCase:
    pair: Pair
    record: EventRecord | None  # the extractor's record for the pair, if any
    example: Example


def pair_cases(pairs: Sequence[Pair], model_name: str | None = None, batch_size: int = 64) -> list[PairCase]:
    """Run the extractor on each pair's sentence and describe the pair as the type model sees it."""
    from . import nlp
    from .pipeline import analyse, article_from_text

    out = []
    texts = [p.sentence for p in pairs]
    for p, doc in zip(pairs, nlp.parse(texts, model_name, batch_size), strict=True):
        recs = analyse(article_from_text(p.sentence), doc, None)
        spans = p.spans()
        rec = primary(recs, [s for s in spans if s is not None])
        others = [coded(r) for r in recs]
        out.append(PairCase(p, rec, features(doc, (0, len(p.sentence)), rec, spans, others)))
    return out


def lexicon_label(case: PairCase, labels: Iterable[str] = ()) -> str | None:
    """What the extractor alone says: its record's coded type, written as the older label that covers it when the
    data's labels use one (CONCEDE -> YIELD)."""
    if case.record is None:
        return None
    return written_as(coded(case.record), labels)


def written_as(label: str, labels: Iterable[str]) -> str:
    """``label`` as a data set whose labels are ``labels`` writes it: itself, or the older label that covers it
    (CONCEDE -> YIELD) when the data uses that one."""
    names = set(labels)
    if label in names:
        return label
    for alias, covered in load_lexicon().aliases.items():
        if alias in names and label in covered:
            return alias
    return label


def current_type(label: str) -> str:
    """An older label that stands for one current type (DEMAND -> REQUEST) as that type; others unchanged."""
    covered = load_lexicon().aliases.get(label)
    return covered[0] if covered is not None and len(covered) == 1 else label
