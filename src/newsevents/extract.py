"""Event mention extraction from a parsed spaCy Doc: triggers, argument spans, modality.

Owns the syntactic rules only; the vocabulary is in ``data/events`` (see :mod:`newsevents.lexicon`).
Output is :class:`Mention` objects that still point at spaCy tokens/spans; resolution to people, dates and
places happens in :mod:`newsevents.pipeline`.

Rules, in short:
- a trigger is a verb or noun whose lemma (plus required preposition, object or complement) is in the lexicon;
- the actor of a verb is its subject, found through control ("X is scheduled to meet" -> X), coordination,
  relative clauses and participles; in a passive the ``by`` agent is the actor and the subject a recipient;
- a verb embedded as the content of a speech act that is itself an event ("threatened to invade", "asked to
  meet") is not a second event; reporting verbs ("said") are not events, so reported events keep their own actor;
- modality comes from the verb chain above the trigger: negation, modal/conditional, future/scheduling cues.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from .lexicon import ANY_CLAUSE, BLOCK, Lexicon, TriggerEntry
from .lexicon import load as load_lexicon

SUBJ = {"nsubj", "csubj"}
PASS_SUBJ = {"nsubjpass", "csubjpass"}
# dependents that are not part of a participant's own phrase
CUT_DEPS = {
    "conj",
    "cc",
    "relcl",
    "acl",
    "advcl",
    "punct",
    "prep",
    "appos",
    "parataxis",
    "ccomp",
    "dep",
    "case",
}
# prepositions after a participant's head that stay in its phrase ("ambassador to the UN", "police in Kyiv")
KEEP_PREPS = {"of", "to", "in", "for"}
# prepositions whose noun object is an event of the clause's own subject ("after talks with X, Y flew home")
SEQUENCE_PREPS = {"after", "before", "during", "following", "ahead", "since", "upon", "on"}
PRONOUNS = {"he", "she", "him", "her", "they", "them", "it"}
REFLEXIVE_SKIP = {"who", "which", "that", "whom"}


@dataclass
class Mention:
    trigger: Token
    entry: TriggerEntry
    actors: list[Span] = field(default_factory=list)
    recipients: list[Span] = field(default_factory=list)
    modality: str = "asserted"
    nominal: bool = False
    # told as the setting of another event: inside a relative clause, a participle modifying a noun or an
    # "after ..." phrase ("weapons seized last year"), or a channel verb whose purpose clause holds another
    # trigger ("called X to congratulate"); the record's confidence is lowered so the foreground event is primary
    background: bool = False

    @property
    def sentence(self) -> Span:
        return self.trigger.sent

    def trigger_span(self) -> Span:
        """The trigger with its particle/preposition ("called for", "held talks")."""
        t = self.trigger
        toks = [t]
        for c in t.children:
            if c.dep_ == "prt" or (
                self.entry.prep and c.dep_ in ("prep", "agent") and c.lower_ == self.entry.prep
            ):
                toks.append(c)
            if self.entry.objects and c.dep_ == "dobj" and not self.entry.prep:
                toks.append(c)
        lo = min(x.i for x in toks)
        hi = max(x.i for x in toks)
        return t.doc[lo : hi + 1]


# --------------------------------------------------------------------------- participants


def participant_span(head: Token) -> Span:
    """The noun phrase of one participant: the head with its modifiers, without coordinated or clausal parts.

    Keeps a following ``of``/``to``/``in`` phrase of titles ("ambassador to the UN", "police in Kyiv")
    because it carries the participant's country.
    """
    keep = [head]
    stack = [c for c in head.children]
    # "police in Kyiv arrested ...": a subject's "in" phrase says who they are; after an object or a name
    # ("arrested the leader in Dhaka", "met Yoon in Tokyo") it is where the event happened
    # likewise "from" ("doctors from two American aid groups"); a root noun is a subject the parser missed
    keep_preps = (
        KEEP_PREPS | {"from"}
        if head.pos_ == "NOUN" and head.dep_ in ("nsubj", "nsubjpass", "ROOT")
        else KEEP_PREPS - {"in"}
    )
    while stack:
        c = stack.pop()
        if c.dep_ in CUT_DEPS and not (c.dep_ == "prep" and c.head.i == head.i and c.lower_ in keep_preps):
            continue
        if c.dep_ == "prep" and c.head.i == head.i and c.i < head.i:
            continue
        keep.append(c)
        stack.extend(c.children)
    lo = min(t.i for t in keep)
    hi = max(t.i for t in keep)
    doc = head.doc
    # a title's name after a kept preposition ("Assistant Secretary-General for Human Rights Ivan Simonovic")
    persons = doc.user_data.get("newsevents_persons")
    if persons is None:  # Doc.ents builds new spans on every access: keep (start, end) pairs once per doc
        persons = doc.user_data["newsevents_persons"] = [
            (e.start, e.end) for e in doc.ents if e.label_ == "PERSON"
        ]
    for start, end in persons:
        if start > hi + 1:
            break
        if lo <= start and end - 1 > hi:
            ent = doc[start:end]
            sub = {k.i for k in head.subtree}
            if all(tok.i in sub for tok in ent):
                hi = ent.end - 1
    return doc[lo : hi + 1]


def may_be_unresolved_actor(span: Span) -> bool:
    """A participant phrase worth keeping as an actor even when it resolves to nobody known: a personal pronoun,
    a name (proper noun or named entity) or a party noun ("the delegation"), not a thing ("a position")."""
    root = span.root
    if root.lower_ in PRONOUNS:
        # "it" is a person or party only as a subject ("the ministry said it would"); "hit it" is a thing
        return root.lower_ != "it" or root.dep_ in SUBJ
    if root.lemma_.lower() in load_lexicon().wordlist("non_actor_heads"):
        return False
    return root.pos_ == "PROPN" or root.ent_type_ in PARTY_ENTS or root.lemma_.lower() in _party_nouns()


def coordinated(head: Token) -> list[Token]:
    """A head and the nouns coordinated with it ("Putin and Lavrov" -> [Putin, Lavrov])."""
    out = [head]
    stack = [c for c in head.children if c.dep_ == "conj"]
    while stack:
        c = stack.pop(0)
        if c.pos_ in ("VERB", "AUX"):
            continue
        out.append(c)
        stack.extend(x for x in c.children if x.dep_ == "conj")
    return out


def _is_relative_pronoun(t: Token) -> bool:
    return t.tag_ in ("WDT", "WP", "WP$") or t.lower_ in REFLEXIVE_SKIP


def _children(t: Token, deps: set[str]) -> list[Token]:
    return [c for c in t.children if c.dep_ in deps]


def subject_of(v: Token, depth: int = 0) -> tuple[list[Token], bool]:
    """(subject heads, passive?) of a verb, following control, coordination and relative clauses."""
    if depth > 6:
        return [], False
    subj = _children(v, SUBJ)
    if subj:
        s = subj[0]
        if _is_relative_pronoun(s):
            return _relative_antecedent(v), False
        return [s], False
    psubj = _children(v, PASS_SUBJ)
    if psubj:
        s = psubj[0]
        if _is_relative_pronoun(s):
            return _relative_antecedent(v), True
        return [s], True
    h = v.head
    if h.i == v.i:
        return [], False
    if v.dep_ == "xcomp":
        objs = _children(h, {"dobj"})
        if objs and h.lemma_ not in ("promise", "vow", "pledge", "offer", "threaten"):
            return [objs[0]], False
        # "Ban is scheduled to meet": the passive subject of the control verb is the logical subject
        return subject_of(h, depth + 1)[0], False
    if v.dep_ == "conj":
        subj, passive = subject_of(h, depth + 1)  # "was arrested and charged": the shared passive counts
        if passive and (v.tag_ != "VBN" or _children(v, {"aux"})):
            passive = False  # "has been indicted and will resign": an active verb with its own auxiliary
        return subj, passive
    return _inherited_subject(v, h, depth)[0], False


def _inherited_subject(v: Token, h: Token, depth: int) -> tuple[list[Token], bool]:
    """Subject taken from a governing clause; its passive voice does not make this verb passive."""
    if v.dep_ == "acomp" and h.pos_ in ("VERB", "AUX"):
        return subject_of(h, depth + 1)  # "the king is willing to meet": through the adjective to its subject
    if v.dep_ == "relcl":
        return [h], False
    if v.dep_ in ("advcl", "pcomp", "acl") and h.pos_ in ("VERB", "AUX"):
        return subject_of(h, depth + 1)
    if v.dep_ == "pcomp" and h.dep_ == "prep":
        gv = h.head
        if gv.pos_ in ("VERB", "AUX"):
            return subject_of(gv, depth + 1)
    if _misparsed_predicate(v):
        return [v.sent.root], False
    if v.dep_ == "acl" and h.pos_ in ("NOUN", "PROPN"):
        # "signed a decree recognizing X": the signer is the actor of the decree's content
        g = h.head
        if h.dep_ in ("dobj", "pobj") and g.pos_ in ("VERB", "AUX"):
            return subject_of(g if h.dep_ == "dobj" else g.head, depth + 1)
    return [], False


def _misparsed_predicate(v: Token) -> bool:
    """A participle the parser hung on a noun of a sentence it gave no verb root, where it or a verb coordinated
    with it is in the past tense ("Doctors from two aid groups donated and delivered goods"): a finite verb heads
    no reduced relative, so it is the sentence's predicate and the root noun phrase its subject."""
    if v.dep_ != "acl" or v.sent.root.pos_ not in ("NOUN", "PROPN"):
        return False
    return v.tag_ == "VBD" or any(c.dep_ == "conj" and c.tag_ == "VBD" for c in v.children)


def _relative_antecedent(v: Token) -> list[Token]:
    """The noun a relative clause hangs on, also through a reporting verb ("men who he said demanded")."""
    cur = v
    for _ in range(4):
        if cur.dep_ == "relcl":
            return [cur.head]
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return []


def _prep_objects(t: Token, prep: str) -> list[Token]:
    out: list[Token] = []
    for c in t.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ == prep:
            out.extend(x for x in c.children if x.dep_ == "pobj")
    return out


PARTY_ENTS = {"PERSON", "ORG", "GPE", "NORP"}


def names_a_party(tok: Token, nationals: bool = False) -> bool:
    """A noun phrase head that names a person, organisation or country (not a thing). With ``nationals``, also
    a thing of a named nation or body ("Palestinian homes", "German goods", "a Security Council resolution"),
    what is done to it being done to them, and a party noun without a name ("demonstrators")."""
    if tok.ent_type_ in PARTY_ENTS or tok.tag_ == "PRP":
        return True
    named = any(c.ent_type_ in PARTY_ENTS and c.dep_ in ("compound", "amod", "poss") for c in tok.children)
    party = tok.lemma_.lower() in _party_nouns()
    return (named and party) or (nationals and (named or party))


@lru_cache(maxsize=1)
def _party_nouns() -> frozenset[str]:
    return frozenset(load_lexicon().wordlist("party_nouns"))


def _recipient_heads(t: Token, entry: TriggerEntry) -> list[Token]:
    places: list[Token] = [t]
    places.extend(c for c in t.children if c.dep_ == "dobj")  # "held talks with X": prep on the object
    if entry.prep:
        places.extend(_prep_objects(t, entry.prep))  # "called for sanctions against X"
    for src in entry.recipient:
        found: list[Token] = []
        if src == "dobj":
            found = _children(t, {"dobj"})
            if entry.objects:
                # the object is usually the thing (agreement, aid), unless it names a party ("received the
                # Saudi crown prince", "moved Khan to house arrest")
                found = [o for o in found if names_a_party(o)]
        elif src == "dative":
            found = _children(t, {"dative"})
            found = [x for c in found for x in ([c] if c.pos_ != "ADP" else list(c.children))]
        elif src == "clause":
            # "..., a rights group protested": the subject of the content clause is who is complained about
            found = [x for c in _content_clauses(t) for x in c.children if x.dep_ in SUBJ]
        elif src == "poss":
            # "rejected Israel's proposal": the proposal's author is who is rejected
            found = [
                p for o in _children(t, {"dobj"}) for p in o.children if p.dep_ == "poss" and p.tag_ != "PRP$"
            ]
        elif src == "xobj":
            if _children(t, {"xcomp"}):
                found = _children(t, {"dobj"})
        elif src.startswith("prep:"):
            p = src.split(":", 1)[1]
            for host in places:
                found.extend(_prep_objects(host, p))
        if found:
            return found
    return []


# the trigger's own dependents that hold what the event is done to (not its subject, time, manner or a clause
# of circumstance: "eased measures in Montenegro, as authorities in Croatia cracked down" is not about Croatia)
AFFECTED_FIRST = {
    "dobj",
    "dative",
    "prep",
    "xcomp",
    "ccomp",
    "acomp",
    "attr",
    "oprd",
    "pobj",
    "pcomp",
    "nsubjpass",
}
# prepositions of circumstance, not of what the event is done to ("despite Israel's wish", "amid protests"); "on"
# is both ("on Monday", "sanctions on Russia"): a date is no party or place anyway
CIRCUMSTANCE_PREPS = (SEQUENCE_PREPS - {"on"}) | {
    "despite",
    "amid",
    "amidst",
    "because",
    "according",
    "as",
    "like",
    "unlike",
}
# dependents never followed further down
AFFECTED_SKIP = {
    "advcl",
    "relcl",  # a relative clause describes ("the official who visited Kyiv")
    "punct",
    "cc",
    "mark",
    "aux",
    "auxpass",
    "neg",
    "det",
    "case",
    "parataxis",
    "agent",
}


def affected_heads(t: Token, exclude: set[int], verbal: bool = False) -> list[Token]:
    """Noun heads inside what the event is done to, nearest first (breadth-first down the trigger's object,
    complement and prepositional phrases): where a participant names no recipient, PLOVER codes the party or
    place affected ("expelled two Russian diplomats" -> Russia, "lifted the curfew in Darfur" -> Sudan).
    Tokens in ``exclude`` (the actor's), phrases of circumstance ("despite ...", "after ..."), venues ("at a
    ceremony in ...", ``words.json`` venue_nouns) and relative clauses are not entered; for a ``verbal`` act
    (statements, meetings, agreements) nor are participles. A noun trigger's possessor is its actor, not looked at.
    """
    out: list[Token] = []
    venues = load_lexicon().wordlist("venue_nouns")
    frontier = [c for c in t.children if c.dep_ in AFFECTED_FIRST]
    seen = {t.i}
    while frontier:
        nxt: list[Token] = []
        for c in frontier:
            if c.i in seen or c.i in exclude or (c.dep_ == "prep" and c.lower_ in CIRCUMSTANCE_PREPS):
                continue
            if c.dep_ == "pobj" and c.lemma_.lower() in venues:
                continue  # "at a ceremony in the Kremlin": where it happened
            seen.add(c.i)
            if c.pos_ in ("NOUN", "PROPN"):
                out.append(c)
            # a clause on a noun is its complement ("a call for forces to be deployed in X"), on a verb a
            # circumstance
            # a participle on a noun says what the thing is ("forces operating in X"), but under a statement
            # it is another event's circumstance ("agreed to follow through on the understandings reached in Bali")
            nxt.extend(
                x
                for x in c.children
                if (x.dep_ not in AFFECTED_SKIP or (x.dep_ == "advcl" and c.pos_ in ("NOUN", "PROPN")))
                and not (verbal and x.dep_ == "acl" and x.tag_ in ("VBN", "VBG"))
            )
        frontier = nxt
    return out


# --------------------------------------------------------------------------- modality


def _governors(t: Token) -> list[Token]:
    """The verb chain above a trigger through open complements and clausal objects of the same clause.

    A noun trigger only takes the modality of a predicate it is the subject or object of ("talks were
    cancelled", "plans a visit"), not of a clause it is merely embedded in ("after the invasion, X will ...").
    """
    chain: list[Token] = []
    if t.pos_ == "NOUN":
        if t.dep_ not in ("nsubj", "nsubjpass", "dobj"):
            return chain
        chain.append(t.head)
        t = t.head
    cur = t
    for _ in range(5):
        if cur.dep_ in (
            "xcomp",
            "ccomp",
            "pcomp",
            "acl",
            "advcl",
            "conj",
            "nsubjpass",
            "nsubj",
            "pobj",
            "prep",
        ):
            if cur.dep_ == "pcomp" and cur.head.lower_ in BACKGROUND_PREPS:
                break  # "called off the strike after reaching agreement": the agreement is not called off
            if cur.dep_ == "ccomp" and cur.head.lemma_ in (
                "say",
                "tell",
                "add",
                "report",
                "announce",
                "state",
            ):
                break
            cur = cur.head
            chain.append(cur)
        else:
            break
    return chain


def _phrasal(v: Token) -> set[str]:
    """The verb's lemma, and lemma + particle ("call off"), for matching governor lists."""
    out = {v.lemma_.lower(), v.lower_}
    out.update(f"{v.lemma_.lower()} {c.lower_}" for c in v.children if c.dep_ == "prt" or _is_particle(c))
    return out


def _negated_argument(v: Token, negators: frozenset[str] | set[str]) -> bool:
    """A participant quantified away: "signed no agreement", "no troops were sent", "neither X nor Y attended"."""
    for a in v.children:
        if a.dep_ not in ("dobj", "nsubj", "nsubjpass"):
            continue
        if any(c.lower_ in negators and c.dep_ in ("det", "preconj") for c in a.children):
            return True
    return False


def _conditional_clause(v: Token, marks: frozenset[str] | set[str]) -> bool:
    """An adverbial clause under ``v`` introduced by if/unless/provided ("if the talks fail, X will attack")."""
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children)
        for c in v.children
    )


def _nonspecific_argument(v: Token, lex: Lexicon) -> bool:
    """A participant with "any" ("would sanction any company that ..."): a rule, not a reported plan."""
    dets = lex.wordlist("nonspecific_determiners")
    return any(
        a.dep_ in ("dobj", "nsubj", "nsubjpass")
        and any(c.lower_ in dets for c in a.children if c.dep_ == "det")
        for a in v.children
    )


def _reported_clause(v: Token, lex: Lexicon) -> bool:
    """``v`` is the content clause of a reporting verb that back-shifts "will" to "would" ("said he would visit")."""
    return v.dep_ == "ccomp" and v.head.lemma_ in lex.wordlist("reported_future_verbs")


def modality_of(t: Token, lex: Lexicon) -> str:
    negators = lex.wordlist("negators")
    hyp_aux = lex.wordlist("hypothetical_aux")
    fut_aux = lex.wordlist("future_aux")
    backshift = lex.wordlist("backshifted_future_aux")
    planned = lex.wordlist("planned_governors")
    neg_gov = lex.wordlist("negating_governors")
    hyp_gov = lex.wordlist("hypothetical_governors")
    marks = lex.wordlist("conditional_marks")
    planned_pred = lex.wordlist("planned_predicates")

    chain = [t] + _governors(t)
    negated = hypothetical = is_planned = False
    # "said he would visit": a plan reported in the past, unless something makes it a condition
    reported_would = False
    conditional = False
    for i, v in enumerate(chain):
        kids = list(v.children)
        if any(
            c.dep_ == "neg"
            or (
                c.lower_ in negators
                and (c.dep_ == "advmod" or (c.dep_ == "det" and (v.i == t.i or v.pos_ == "NOUN")))
            )
            for c in kids
        ):
            negated = True
        if (
            (i == 0 or chain[i - 1].pos_ == "NOUN" and i == 1)
            and v.pos_ in ("VERB", "AUX")
            and _negated_argument(v, negators)
        ):
            negated = True
        words = _phrasal(v)
        if i > 0 and words & neg_gov:
            negated = True
        for c in kids:
            if c.dep_ == "aux" and c.lower_ in hyp_aux:
                if c.lower_ in backshift and _reported_clause(v, lex) and not _nonspecific_argument(v, lex):
                    reported_would = True
                else:
                    hypothetical = True
        if any(c.dep_ == "mark" and c.lower_ in marks for c in kids) or _conditional_clause(v, marks):
            hypothetical = conditional = True
        # "is prepared to" (ready) is a condition; the verb "prepared to resume" is a plan
        if i > 0 and words & hyp_gov and not (v.pos_ == "VERB" and v.lemma_.lower() in planned):
            hypothetical = True
        if i > 0 and any(c.dep_ == "acomp" and c.lemma_.lower() in hyp_gov for c in kids):
            hypothetical = True  # "it is possible that they meet"
        if any(c.dep_ == "aux" and c.lower_ in fut_aux for c in kids):
            is_planned = True
        if i > 0 and words & planned:
            is_planned = True
        if i > 0 and v.lemma_ == "be" and chain[i - 1].dep_ == "xcomp":  # "he is to meet"
            is_planned = True
        if v.lower_ in planned_pred and t.pos_ == "NOUN":
            is_planned = True
        if v.dep_ in ("ccomp",) and v.head.lemma_ in ("say", "tell", "add", "report"):
            break
    if reported_would and not conditional:
        is_planned = True
    elif reported_would:
        hypothetical = True
    # "going to meet" / "set to meet": spaCy tags the governor in the chain already
    if negated:
        return "negated"
    if hypothetical:
        return "hypothetical"
    if is_planned:
        return "planned"
    return "asserted"


# --------------------------------------------------------------------------- triggers


def _match_entry(t: Token, entries: list[TriggerEntry], lex: Lexicon) -> TriggerEntry | None:
    children = list(t.children)
    prep_lemmas = {
        c.lower_ for c in children if c.dep_ in ("prep", "prt", "agent", "dative") or _is_particle(c)
    }
    passive = any(c.dep_ in PASS_SUBJ or c.dep_ == "auxpass" for c in children)
    subj_words: set[str] | None = None
    for e in entries:  # most specific first
        if e.prep and e.prep not in prep_lemmas:
            continue
        if e.voice and (e.voice == "passive") != passive:
            continue
        if e.objects or e.not_objects:
            objs = _object_heads(t, e, passive)
            if e.objects and not _has_any(_phrase_words(objs), e.objects):
                continue
            if e.not_objects and _has_any(
                _head_words(objs + _all_prep_objects(t), parties=True), e.not_objects
            ):
                continue
        if e.subjects or e.not_subjects:
            if subj_words is None:
                subj_words = _head_words(_subject_heads(t))
            if e.subjects and not _has_any(subj_words, e.subjects):
                continue
            if e.not_subjects and _has_any(subj_words, e.not_subjects):
                continue
        if e.complement == ANY_CLAUSE:
            # "..., a rights group protested": a finite content clause with its own subject
            if not _content_clauses(t):
                continue
        elif e.complement:
            words = e.complement_words
            comps = [c for c in children if c.dep_ in ("oprd", "acomp", "ccomp", "xcomp")]
            comp_words = set()
            for c in comps:
                comp_words.add(c.lemma_.lower())
                comp_words.update(x.lemma_.lower() for x in c.subtree)
            if not comp_words & words:
                continue
        return None if e.event == BLOCK else e
    return None


# dependents that leave an object's own phrase when its words are compared with a row's object list
# (a possessor too: "welcomed the president's statement" welcomes a statement)
_OBJ_CUT = {"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "appos", "punct", "poss"}
_OBJ_KEEP_PREPS = {"of", "in", "for"}  # "500 tonnes of food", "$100 million in aid"


# particles spaCy attaches as adverbs ("stepped down") and hyphenated verb prefixes ("test-fired": npadvmod)
_PARTICLES = {"down", "out", "up", "off", "back", "over", "in", "away"}


def _is_particle(c: Token) -> bool:
    if c.dep_ == "advmod" and c.lower_ in _PARTICLES and c.i > c.head.i:
        return True
    return c.dep_ == "npadvmod" and c.i + 2 == c.head.i and c.nbor(1).text == "-"


def _content_clauses(t: Token) -> list[Token]:
    """Finite clauses with their own subject that ``t`` reports: its ``ccomp`` children, or the clause the parser
    made ``t`` a ``ccomp`` of when the report follows it ("X is harassing Y, a researcher protested")."""
    out = [c for c in t.children if c.dep_ == "ccomp" and any(x.dep_ in SUBJ for x in c.children)]
    h = t.head
    if (
        not out
        and t.dep_ == "ccomp"
        and h.i < t.i
        and h.pos_ in ("VERB", "AUX")
        and any(x.dep_ in SUBJ for x in h.children)
        and _after_comma(t)  # "X did Y, a group protested", not "he said thousands protested"
    ):
        out = [h]
    return out


def _after_comma(t: Token) -> bool:
    """The phrase of ``t`` is set off from what precedes it by a comma (its own or the one before it)."""
    edge = t.left_edge
    return edge.text == "," or (edge.i > 0 and t.doc[edge.i - 1].text == ",")


def _all_prep_objects(t: Token) -> list[Token]:
    """Objects of every preposition under the trigger: "met ... in the final", "killed in a crash".

    Time phrases are left out: "met Xi at the end of August" is no "meet the end"."""
    return [
        x
        for c in t.children
        if c.dep_ in ("prep", "agent")
        for x in c.children
        if x.dep_ == "pobj" and not any(y.ent_type_ in ("DATE", "TIME") for y in x.subtree)
    ]


def _object_heads(t: Token, e: TriggerEntry, passive: bool) -> list[Token]:
    """The heads a row's object lists are compared with: prep object, direct object or a noun's modifiers."""
    if e.prep:
        objs = _prep_objects(t, e.prep)
        if objs or not any((c.dep_ == "prt" or _is_particle(c)) and c.lower_ == e.prep for c in t.children):
            return objs
    if t.pos_ == "NOUN":  # "hunger strike", "air strikes", "phone call"
        return [c for c in t.children if c.dep_ in ("compound", "amod")]
    objs = _children(t, {"dobj"})
    if not objs and passive:  # "sanctions were imposed on ..."
        objs = _children(t, PASS_SUBJ)
    return objs


def _subject_heads(t: Token) -> list[Token]:
    """Who does it, for the subject columns: the active subject or ``by`` agent; for nouns their modifiers."""
    if t.pos_ == "NOUN":
        heads = [c for c in t.children if c.dep_ in ("poss", "compound", "amod")] + _prep_objects(t, "by")
        if t.dep_ == "dobj" and t.head.pos_ in ("VERB", "AUX"):
            heads += _subject_heads(t.head)
        return heads
    subj, passive = subject_of(t)
    return _prep_objects(t, "by") if passive else subj


def _has_any(words: set[str], wanted: frozenset[str]) -> bool:
    """Any wanted word is in ``words``; a multiword item ("martial law") must occur in a phrase text."""
    if words & wanted:
        return True
    phrases = [w for w in words if w.startswith(" ")]
    return any(f" {w} " in p for w in wanted if " " in w for p in phrases)


def _head_words(heads: list[Token], parties: bool = False) -> set[str]:
    """Lemmas of phrase heads (coordinated too), their compounds, ``of`` objects and ``ent:LABEL`` tags.

    With ``parties``, a head that is a party noun keeps only its own word: "met opposition leaders" meets
    leaders, while "met opposition" or "met the sales target" keep their sense-blocking words.
    """
    words: set[str] = set()
    for h in heads:
        for c in coordinated(h):
            if parties and c.lemma_.lower() in _party_nouns():
                parts = [c]
            else:
                parts = [c] + [x for x in c.children if x.dep_ == "compound"]
            parts += [
                o
                for p in c.children
                if p.dep_ == "prep" and p.lower_ == "of"
                for o in p.children
                if o.dep_ == "pobj"
            ]
            for x in parts:
                words.update((x.lemma_.lower(), x.lower_))
                if x.ent_type_:
                    words.add(f"ent:{x.ent_type_}")
    return words


def _phrase_words(heads: list[Token]) -> set[str]:
    """Lemmas, hyphenated words and entity tags of the phrases under ``heads``, without clauses and most
    prepositional phrases ("a de-escalation and restraint", "$100 million in aid", not "a plan to buy missiles").

    Also holds the phrase's lemma text and word text (with spaces), for multiword items ("martial law").
    """
    words: set[str] = set()
    for h in heads:
        keep = [h]
        stack = list(h.children)
        while stack:
            c = stack.pop()
            if c.dep_ in _OBJ_CUT or (c.dep_ == "prep" and c.lower_ not in _OBJ_KEEP_PREPS):
                continue
            keep.append(c)
            stack.extend(c.children)
        keep.sort(key=lambda x: x.i)
        words.update(x.lemma_.lower() for x in keep)
        words.update(x.lower_ for x in keep)
        words.update(w.strip("\"'.,;:") for w in "".join(x.text_with_ws for x in keep).lower().split())
        words.update(f"ent:{x.ent_type_}" for x in keep if x.ent_type_ and x.i == h.i)
        words.add(" " + " ".join(x.lemma_.lower() for x in keep) + " ")
        words.add(" " + " ".join(x.lower_ for x in keep) + " ")
    return words


def _content_governor(t: Token, triggers: dict[int, TriggerEntry], lex: Lexicon) -> int | None:
    """The speech-act trigger ``t`` is the content of ("threatened to invade" -> threatened), else None."""
    governing = lex.wordlist("content_governing_events")
    cur = t
    for _ in range(4):
        # "agreed to lift sanctions and provide guarantees", "agreed to allow access to deliver aid": a verb
        # coordinated with the content, or its purpose, is content too
        while cur.pos_ in ("VERB", "AUX") and (
            (cur.dep_ == "conj" and cur.head.pos_ in ("VERB", "AUX"))
            or (cur.dep_ == "advcl" and any(a.dep_ == "aux" and a.tag_ == "TO" for a in cur.children))
        ):
            cur = cur.head
        if cur.dep_ not in ("xcomp", "ccomp", "pcomp", "pobj", "acl", "dobj"):
            return None
        clause = cur
        cur = cur.head
        if cur.dep_ == "prep":
            cur = cur.head
        e = triggers.get(cur.i)
        if e is not None:
            return cur.i if e.event in governing else None
        if clause.dep_ == "ccomp":
            # "reiterated its demand that Israel ease ...": the parser hangs the noun's that-clause on the verb
            for o in cur.children:
                oe = triggers.get(o.i)
                if o.dep_ == "dobj" and o.pos_ == "NOUN" and oe is not None and oe.event in governing:
                    return o.i
    return None


def _noun_actor(t: Token, entry: TriggerEntry, lex: Lexicon) -> list[Token]:
    poss = [c for c in t.children if c.dep_ == "poss"]
    if poss and poss[0].tag_ == "PRP$" and t.dep_ == "dobj" and t.head.pos_ in ("VERB", "AUX"):
        # "the ILO reiterated its demand": the possessive pronoun is the subject of the verb the noun is object of
        subj = subject_of(t.head)[0]
        if subj:
            return subj
    if poss:
        return poss
    if "prep:by" not in entry.recipient:
        by = _prep_objects(t, "by")
        if by:
            return by
    between = _prep_objects(t, "between")
    if between:
        return between
    mods = [
        c for c in t.children if c.dep_ in ("amod", "compound") and (c.ent_type_ in ("NORP", "GPE", "ORG"))
    ]
    if mods:
        return mods
    # the noun is the object of a clause ("after reception by X, Guterres will travel"): that clause's subject
    h = t.head
    if t.dep_ == "pobj" and h.dep_ == "prep" and h.lower_ in SEQUENCE_PREPS and entry.event == "CONSULT":
        v = h.head
        if v.pos_ in ("VERB", "AUX"):
            return subject_of(v)[0]
    if (
        t.dep_ == "dobj"
        and h.pos_ in ("VERB", "AUX")
        and h.lemma_.lower() not in lex.wordlist("non_agent_governors")
    ):
        # "launched an invasion": the subject does it; "the novel describes the invasion": it does not
        return subject_of(h)[0]
    return []


def _accidental_cause(t: Token, lex: Lexicon) -> bool:
    """An agentless passive whose time clause names a vehicle or natural cause as the doer ("three people were
    killed when their car hit a tree", "were injured as the storm hit"): an accident, not an event.

    A weapon in that clause keeps the event ("when their vehicle hit a roadside bomb")."""
    causes = lex.wordlist("non_agents") | lex.wordlist("vehicles")
    arms = lex.wordlist("projectiles") | lex.wordlist("weapons")
    for c in t.children:
        if c.dep_ != "advcl" or not any(
            m.dep_ in ("mark", "advmod") and m.lower_ in ("when", "as", "after") for m in c.children
        ):
            continue
        if not any(s.dep_ in SUBJ and s.lemma_.lower() in causes for s in c.children):
            continue
        if not any(x.lemma_.lower() in arms for x in c.subtree):
            return True
    return False


def extract(doc: Doc, lex: Lexicon | None = None) -> list[Mention]:
    """All event mentions in a parsed document, in text order."""
    lex = lex or load_lexicon()
    found: dict[int, TriggerEntry] = {}
    for t in doc:
        if t.pos_ == "VERB" or (t.pos_ == "AUX" and t.lemma_ != "be"):
            entries = lex.entries(t.lemma_, "VERB")
        elif t.pos_ == "NOUN":
            entries = lex.entries(t.lemma_, "NOUN")
        else:
            continue
        if not entries:
            continue
        e = _match_entry(t, entries, lex)
        if e is not None:
            found[t.i] = e
    mentions: list[Mention] = []
    # governing speech-act trigger -> recipients of its content
    content_recipients: dict[int, list[Token]] = {}
    for i, e in sorted(found.items()):
        t = doc[i]
        gov = _content_governor(t, found, lex)
        if gov is not None:
            # "threatened to reimpose sanctions on Myanmar": Myanmar is who the threat is aimed at; but a demand
            # that names who is to act is addressed to them ("demanded that Israel ease restrictions on X")
            own = [c for c in t.children if c.dep_ in SUBJ and names_a_party(c)]
            if lex.types[found[gov].event].clause_recipient and own:
                content_recipients.setdefault(gov, []).extend(own)
            else:
                content_recipients.setdefault(gov, []).extend(_recipient_heads(t, e))
            continue
        m = Mention(trigger=t, entry=e, nominal=e.pos == "NOUN")
        if m.nominal:
            # a noun that is the object of a light-verb trigger ("held talks") is that trigger's, not a second event
            if t.dep_ == "dobj" and t.head.i in found:
                continue
            actor_heads = _noun_actor(t, e, lex)
            rec_heads = _recipient_heads(t, e)
            if not actor_heads and not (rec_heads and t.dep_ == "nsubjpass"):
                continue
        else:
            subj, passive = subject_of(t)
            if passive:
                actor_heads = _prep_objects(t, "by")
                if not actor_heads and _accidental_cause(t, lex):
                    continue
                # "sanctions were imposed on X": a thing-subject is the object; recipients come from the rest
                # (with a preposition row the object is that preposition's: "X was put under investigation")
                thing = (
                    bool(e.objects)
                    and not (e.prep and _prep_objects(t, e.prep))
                    and bool(subj)
                    and not names_a_party(subj[0])
                )
                rec_heads = _recipient_heads(t, e) if thing else subj
            else:
                actor_heads = subj
                rec_heads = _recipient_heads(t, e)
            if not rec_heads and lex.types[e.event].clause_recipient:
                # "demanded that the Taliban hand over bin Laden": the demand is addressed to the clause's subject
                rec_heads = [c for x in t.children if x.dep_ == "ccomp" for c in x.children if c.dep_ in SUBJ]
        m.actors = _spans(actor_heads)
        m.recipients = [s for s in _spans(rec_heads) if not _overlaps_any(s, m.actors)]
        m.modality = modality_of(t, lex)
        mentions.append(m)
    demands = _reported_demands(doc, lex, {m.trigger.i for m in mentions} | set(found))
    contents = {clause_i for _, clause_i in demands}
    # "said Russia must withdraw": the withdrawal is what is demanded, not a second (asserted) event
    mentions = [m for m in mentions if m.trigger.i not in contents] + [m for m, _ in demands]
    mentions.sort(key=lambda m: m.trigger.i)
    for m in mentions:
        if not m.recipients and m.trigger.i in content_recipients:
            m.recipients = [
                s for s in _spans(content_recipients[m.trigger.i]) if not _overlaps_any(s, m.actors)
            ]
    triggers = {m.trigger.i for m in mentions}
    channels = lex.wordlist("channel_verbs")
    for m in mentions:
        m.background = _in_modifier(m.trigger) or (
            not m.nominal and m.trigger.lemma_.lower() in channels and _purpose_trigger(m.trigger, triggers)
        )
    return mentions


# dependencies that make a verb a modifier of a noun or of a time phrase rather than a clause of its own
MODIFIER_DEPS = {"relcl", "acl", "amod"}
BACKGROUND_PREPS = {"after", "before", "following", "since", "upon"}


def _in_modifier(t: Token) -> bool:
    """A verb trigger inside a relative clause or participle on a noun ("rebels who stormed", "weapons seized
    last year"), or in an "after/before ..." phrase ("after reaching agreement"); coordinated verbs share it."""
    if t.pos_ not in ("VERB", "AUX"):
        return False
    cur = t
    for _ in range(4):
        # coordinated verbs share it, and so does an open complement ("the team trying to broker a pact")
        if cur.dep_ not in ("conj", "xcomp"):
            break
        cur = cur.head
    if (
        cur.dep_ in MODIFIER_DEPS
        and cur.head.pos_ in ("NOUN", "PROPN", "PRON")
        and not _misparsed_predicate(cur)
    ):
        return True
    if cur.dep_ == "relcl":
        return True
    if cur.dep_ == "advcl" and any(
        m.dep_ == "mark" and m.lower_ in _conditional_marks() for m in cur.children
    ):
        return True  # "will allow refugees in unless the EU provides support": the condition is not the news
    if (
        t.tag_ == "VBG"
        and t.dep_ in ("advcl", "conj")
        and t.i > t.head.i
        and not _children(t, SUBJ | PASS_SUBJ | {"aux"})
        and _after_comma(t)
    ):
        return True  # "started a hunger strike, protesting the law": a trailing participle elaborates
    return cur.dep_ == "pcomp" and cur.head.dep_ == "prep" and cur.head.lower_ in BACKGROUND_PREPS


@lru_cache(maxsize=1)
def _conditional_marks() -> frozenset[str]:
    return load_lexicon().wordlist("conditional_marks")


def _purpose_trigger(t: Token, triggers: set[int]) -> bool:
    """A to-infinitive purpose clause of ``t`` ("called X to congratulate him") holds another event trigger."""
    for c in t.children:
        if c.dep_ not in ("advcl", "xcomp") or c.i not in triggers:
            continue
        if any(a.dep_ == "aux" and a.tag_ == "TO" for a in c.children):
            return True
    return False


@lru_cache(maxsize=1)
def _speech() -> dict:
    raw = resources.files("newsevents.data.events").joinpath("speech.json").read_text("utf-8")
    return json.loads(raw)


def _reported_demands(doc: Doc, lex: Lexicon, taken: set[int]) -> list[tuple[Mention, int]]:
    """ "X said Y must do Z": a REQUEST by X addressed to Y, with "said" as its trigger.

    Only when the reporting verb is not itself an event trigger and its clause carries a deontic modal.
    """
    sp = _speech()
    reporting = set(sp["reporting_verbs"])
    deontic = set(sp["deontic_aux"])
    phrases = tuple(sp["deontic_phrases"])
    entries = [
        e for e in lex.entries("demand", "VERB") if e.event == sp["event"] and not e.prep and not e.objects
    ]
    if not entries:
        return []
    entry = TriggerEntry(**{**entries[0].__dict__, "cameo": sp["cameo"], "lemma": "(reported demand)"})
    out = []
    for t in doc:
        if t.i in taken or t.pos_ != "VERB" or t.lemma_ not in reporting:
            continue
        for clause in (c for c in t.children if c.dep_ == "ccomp"):
            aux = [c for c in clause.children if c.dep_ == "aux"]
            text = clause.doc[clause.left_edge.i : min(clause.i + 2, len(clause.doc))].text.lower()
            if not (any(a.lower_ in deontic for a in aux) or any(p in text for p in phrases)):
                continue
            subj = [c for c in clause.children if c.dep_ in SUBJ]
            if not subj or subj[0].lower_ in ("it", "there", "we", "i", "you"):
                continue
            actors, _ = subject_of(t)
            m = Mention(trigger=t, entry=entry)
            m.actors = _spans(actors)
            m.recipients = [s for s in _spans(subj) if not _overlaps_any(s, m.actors)]
            m.modality = modality_of(t, lex)
            if m.actors and m.recipients:
                out.append((m, clause.i))
            break
    return out


def _spans(heads: list[Token]) -> list[Span]:
    out: list[Span] = []
    seen: set[int] = set()
    for h in heads:
        if h.pos_ != "PROPN":
            # "another envoy, Special Adviser Robert Serry": the named apposition is the participant
            named = [a for a in h.children if a.dep_ == "appos" and a.pos_ == "PROPN"]
            if named:
                h = named[0]
            elif h.dep_ == "appos" and h.head.pos_ == "PROPN":
                h = h.head  # "Wang Yi, China's top diplomat, who accused ...": the name, not the description
        for c in coordinated(h):
            if c.i in seen or c.pos_ in ("VERB",) or c.lower_ in REFLEXIVE_SKIP:
                continue
            seen.add(c.i)
            out.append(participant_span(c))
    return out


def _overlaps_any(s: Span, others: list[Span]) -> bool:
    return any(s.start < o.end and o.start < s.end for o in others)
