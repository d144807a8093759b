"""The one spaCy pipeline that turns a normalised text into entities, built once per process.

``spacy.blank("zh")`` with its default *character* segmenter (no jieba or pkuseg, nothing to
download), then two components:

1. ``gazetteer`` — a SpanRuler with validated phrase patterns (``lexicon.py``): trigger
   words, carrier and platform names, brand aliases; matched on ``LOWER`` so Latin aliases
   are case-insensitive. Matches go to ``doc.spans["gazetteer"]``.
2. ``cluehub_entities`` — runs the regex finders over the text, anchored on those matches,
   in a fixed order (each claims what it found; see ``scan.py``), and writes the entities to
   ``doc.spans["cluehub"]`` (overlaps kept: a BRAND inside an ORG, a PLATFORM_ID on its URL)
   with their canonical values in ``doc._.cluehub_values`` (same order).

``doc.ents`` is left empty on purpose: it cannot hold overlapping entities, and setting it
walks every token, which cost a quarter of the pipeline's time. A caller who wants it for
display can set ``doc.ents = spacy.util.filter_spans(doc.spans["cluehub"])``.

Values live in a Doc extension rather than in ``Span.kb_id`` so a long-running worker does
not grow spaCy's string store with every phone number it has seen.
"""

from __future__ import annotations

import re
from functools import cache

import spacy
from spacy.lang.zh import ChineseTokenizer
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .. import places
from . import entity as T
from . import lexicon as L
from .addresses import find_addresses
from .entity import Entity, Hit
from .names import find_orgs, find_persons, find_shops
from .normalise import Normalised, normalise
from .numbers import (
    claim_order_numbers,
    find_bare_waybills,
    find_codes,
    find_phones,
    find_prefixed_waybills,
)
from .roles import assign as assign_roles
from .scan import Mark, Scan
from .web import find_text_ids, find_urls

GAZETTEER_KEY = "gazetteer"
ENTITIES_KEY = "cluehub"
TEXT_KEY = "cluehub_text"  # the doc's text, handed in so the component need not rebuild it
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")
# spaCy's character segmentation: each non-space character a token taking one following
# U+0020 as its trailing space; any other run of white space a token of its own.
_CHAR_TOKEN = re.compile(r"(\S)( ?)|(\s+)")
_SPACE = re.compile(r"\s")

if not Doc.has_extension("cluehub_values"):
    Doc.set_extension("cluehub_values", default=None)
if not Doc.has_extension("cluehub_roles"):
    Doc.set_extension("cluehub_roles", default=None)


def _marks(doc: Doc, text: str) -> dict[str, list[Mark]]:
    """Gazetteer matches by label: Latin ones only on word boundaries; among overlapping
    trigger words the longest wins (订单号 over the 单号 inside it), and a phrase that is
    two things (卖家: a person and a shop follow) keeps both labels."""
    groups: dict[str, list[tuple[int, int, str, str]]] = {}
    for span in doc.spans[GAZETTEER_KEY]:
        start, end = span.start_char, span.end_char
        if _ASCII_ALNUM.match(text[start]) and start > 0 and _ASCII_ALNUM.match(text[start - 1]):
            continue
        if _ASCII_ALNUM.match(text[end - 1]) and end < len(text) and _ASCII_ALNUM.match(text[end]):
            continue
        if span.label_ in L.TRIGGER_LABELS:
            group = "TRIGGER"
        elif span.label_ in L.ROLE_LABELS:
            group = "ROLE"
        else:
            group = span.label_
        groups.setdefault(group, []).append((start, end, span.label_, span.id_))
    marks: dict[str, list[Mark]] = {}
    for found in groups.values():
        taken: list[tuple[int, int]] = []
        for start, end, label, ident in sorted(found, key=lambda f: (f[0] - f[1], f[0])):
            if any(start < e and s < end and (s, e) != (start, end) for s, e in taken):
                continue
            taken.append((start, end))
            marks.setdefault(label, []).append(Mark(start, end, ident))
    for found_marks in marks.values():
        found_marks.sort(key=lambda m: m.start)
    return marks


def find_all(scan: Scan) -> list[Hit]:
    """Every finder in claiming order; names and places last, over what is left."""
    hits: list[Hit] = []
    hits += find_urls(scan)
    hits += find_text_ids(scan)
    claim_order_numbers(scan)
    hits += find_codes(scan)
    hits += find_prefixed_waybills(scan)
    hits += find_bare_waybills(scan)
    hits += find_phones(scan)
    brand_hits = [Hit(T.BRAND, m.id, m.start, m.end) for m in scan.of(L.BRAND)]
    hits += brand_hits
    shops = find_shops(scan, places.name_spans)
    hits += [o for o in find_orgs(scan, places.name_spans) if not _inside_shop(o, shops)]
    hits += shops
    hits += find_persons(scan, places.starts_with_place_name)
    hits += _regions(scan, brand_hits)
    hits += find_addresses(scan)
    return hits


def _inside_shop(org: Hit, shops: list[Hit]) -> bool:
    """An organisation word inside a longer shop name (专柜代购工厂专营店) is the shop's."""
    return any(s.start <= org.start and org.end < s.end for s in shops)


def _regions(scan: Scan, brand_hits: list[Hit]) -> list[Hit]:
    """One REGION per address mention; place names inside a brand (云南白药) do not count."""
    found = [
        p
        for p in places.find_places(scan.masked)
        if not any(b.start <= p.start and p.end <= b.end for b in brand_hits)
    ]
    hits: list[Hit] = []
    for group in places.address_groups(scan.masked, found):
        code = places.most_specific(group)
        if code is not None:
            hits.append(Hit(T.REGION, code, group[0].start, group[-1].end))
    return hits


@Language.component("cluehub_entities")
def cluehub_entities(doc: Doc) -> Doc:
    """spaCy component: the finders over the doc's text, entities in doc.spans["cluehub"]."""
    text = doc.user_data.get(TEXT_KEY) or doc.text  # doc.text walks every token
    scan = Scan(text, _marks(doc, text))
    hits = sorted(set(find_all(scan)), key=lambda h: (h.start, -h.end, h.type, h.value))
    spans, values, roles = [], [], []
    for hit, role in zip(hits, assign_roles(scan, hits), strict=True):
        span = doc.char_span(hit.start, hit.end, label=hit.type, alignment_mode="expand")
        if span is not None:
            spans.append(span)
            values.append(hit.value)
            roles.append(role)
    doc.spans[ENTITIES_KEY] = spans
    doc._.cluehub_values = values
    doc._.cluehub_roles = roles
    return doc


class CharTokenizer(ChineseTokenizer):
    """spaCy's ``char`` segmenter with the same tokens, made without its alignment pass
    (``util.get_words_and_spaces`` re-scans the text's tail for every character: a fifth
    of the pipeline's time on complaint-length texts)."""

    def __init__(self, vocab: Vocab) -> None:
        super().__init__(vocab, segmenter="char")

    def __call__(self, text: str) -> Doc:
        if _SPACE.search(text) is None:  # the usual complaint: no white space at all
            return Doc(self.vocab, words=list(text), spaces=[False] * len(text))
        words: list[str] = []
        spaces: list[bool] = []
        for char, space, blank in _CHAR_TOKEN.findall(text):
            words.append(char or blank)
            spaces.append(bool(space))
        return Doc(self.vocab, words=words, spaces=spaces)


@cache
def pipeline() -> Language:
    """The process's pipeline, built on first use (well under 0.1 s)."""
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    nlp.tokenizer = CharTokenizer(nlp.vocab)
    ruler = nlp.add_pipe(
        "span_ruler",
        name="gazetteer",
        config={"spans_key": GAZETTEER_KEY, "phrase_matcher_attr": "LOWER", "validate": True},
    )
    ruler.add_patterns(L.gazetteer_patterns())  # type: ignore[attr-defined]
    nlp.add_pipe("cluehub_entities")
    return nlp


def entities_of(doc: Doc, original: str, norm: Normalised) -> list[Entity]:
    """The doc's entities with offsets and text in the original string."""
    out: list[Entity] = []
    found = zip(doc.spans[ENTITIES_KEY], doc._.cluehub_values, doc._.cluehub_roles, strict=True)
    for span, value, role in found:
        start, end = norm.original_span(span.start_char, span.end_char)
        out.append(Entity(span.label_, value, original[start:end], start, end, role))
    return out


def extract(text: str) -> list[Entity]:
    """Entities in ``text``, ordered by start offset (then longest first)."""
    norm = normalise(text)
    nlp = pipeline()
    doc = nlp.make_doc(norm.text)
    doc.user_data[TEXT_KEY] = norm.text
    return entities_of(nlp(doc), text, norm)
