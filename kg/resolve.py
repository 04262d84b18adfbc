"""Resolve mentions into entities: one entity per thing, across all papers.

Resolution runs per paper first, then across papers:

1. within a paper, mentions with the same :func:`~kg.normalize.match_key` (case, plural, hyphen
   and accent variants) are one entity, and so are an acronym and the long form the paper
   defines for it;
2. across papers, entities of the same type merge when they name the same known term
   (lexicon), the same long form, or the same plain name. An acronym a paper uses without
   defining joins the entity it was defined for elsewhere, if that acronym, written the same way
   (:func:`acronym_key`), has exactly one meaning of that type and is no known term; an acronym
   defined with two meanings in two papers stays two entities, and one defined with a long form
   unlike its known term's name ("EM (electron microscopy)") is not that term. A name no
   lexicon knows that more papers propose than only use is one entity per proposal.

The first step (:func:`paper_entities`) needs one paper alone: builds run it in the extraction
workers and cache its result. Everything here is plain data, so it runs in any process.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

from .extract import AcronymPair, Extraction, Mention
from .lexicon import ENTITY_TYPES, Lexicon, Term, content_words, default_lexicon, fits_a_name
from .normalize import display_key, is_name_shaped
from .normalize import match_key as _shared_match_key

# The full corpus has more distinct forms than match_key's own cache holds, and its misses
# took a sixth of resolution's time: this cache in front of it holds them all.
match_key = lru_cache(maxsize=1 << 21)(_shared_match_key)

RELATION_BY_TYPE = {"method": "uses", "task": "addresses", "dataset": "evaluates_on", "metric": "reports"}
PROPOSES = "proposes"


@dataclass(frozen=True, slots=True)
class Link:
    """What one paper says about one entity: the relation and the sentences that show it."""

    paper_id: str
    relation: str
    evidence: tuple[str, ...]
    mentions: int


@dataclass(frozen=True, slots=True)
class Entity:
    """One method, dataset, task or metric, with every name it goes by and the papers citing it."""

    id: str  # "<type>:<normalized label>"
    type: str
    label: str
    aliases: tuple[str, ...]
    acronym: str | None
    long_form: str | None
    links: tuple[Link, ...]

    @property
    def paper_count(self) -> int:
        return len(self.links)


@dataclass(frozen=True, slots=True)
class LocalEntity:
    """One entity within one paper, before merging across papers."""

    paper_id: str
    type: str
    mentions: tuple[Mention, ...]
    surfaces: dict[str, int]  # every written form, with its number of mentions (at least 1)
    shorts: frozenset[str]  # the acronym as defined in this paper
    longs: frozenset[str]  # its long form
    proposed: bool  # the paper introduces it: some mention says so


def acronym_key(text: str) -> str:
    """What an acronym used without its definition must match to join a definition elsewhere:
    its letters as written, case and all ("dB" is no "DB", "score" no "SCORE"), but for a
    plural "s".

    >>> acronym_key("DBs"), acronym_key("dB"), acronym_key("LLMs"), acronym_key("MoE")
    ('DB', 'dB', 'LLM', 'MoE')
    """
    return text[:-1] if len(text) > 2 and text.endswith("s") and (text[-2].isupper() or text[-2].isdigit()) else text


_TERM = "term:"


def _term_key(term: Term) -> str:
    """The grouping key of everything that names a known term, apart from any plain name's key."""
    return _TERM + match_key(term.label)


@dataclass(frozen=True, slots=True)
class PaperEntities:
    """One paper's entities before merging across papers, and the acronyms it defines: all
    that resolution and the graph need of its extraction (the build cache keeps this, packed)."""

    paper_id: str
    entities: tuple[LocalEntity, ...]
    acronyms: tuple[AcronymPair, ...]


def paper_entities(extraction: Extraction, *, lookup: Callable[[str], Term | None] | None = None) -> PaperEntities:
    """Group one paper's mentions: same match key, acronym and its long form, or two names of
    one known term ("signal-to-noise ratio" and "SNR", or "transformer networks" and
    "Transformer"), looked up with ``lookup`` (default: the shipped lexicon's
    :meth:`~kg.lexicon.Lexicon.named_term`)."""
    lookup = lookup or default_lexicon().named_term

    def group_key(text: str) -> str:
        term = lookup(text)
        return _term_key(term) if term is not None else match_key(text)

    pairs = {match_key(p.short): p for p in extraction.acronyms}
    pairs.update({match_key(p.long): p for p in extraction.acronyms})
    groups: dict[str, list[Mention]] = defaultdict(list)
    defined: dict[str, set] = defaultdict(set)
    long_words = {_words(p.long): p for p in extraction.acronyms if len(_words(p.long)) > 1}
    for mention in extraction.mentions:
        pair = pairs.get(match_key(mention.text))
        if pair is None and long_words and mention.type == "method":
            pair = _ending_in(_words(mention.text), long_words)
            if pair is not None and mention.proposed and lookup(pair.long) is not None:
                # "difficulty-aware staged reinforcement learning (RL)" is a kind of RL: what the
                # paper proposes is no proposal of RL itself
                mention = replace(mention, proposed=False)
        key = group_key(pair.long if pair else mention.text)
        groups[key].append(mention)
        if pair:
            defined[key].add(pair)
    groups = _merge_task_variants(groups, defined)
    entities = tuple(_local_entity(extraction.paper_id, mentions, defined.get(key, ()))
                     for key, mentions in groups.items())
    return PaperEntities(extraction.paper_id, entities, extraction.acronyms)


def _local_entity(paper_id: str, mentions: list[Mention], pairs: Iterable[AcronymPair]) -> LocalEntity:
    """The entity of ``mentions`` in one paper, which defines ``pairs`` for it. (Plain loops and
    dicts: a build reading the full corpus from its cache makes half a million of these.)"""
    surfaces: dict[str, int] = {}
    for mention in mentions:
        surfaces[mention.text] = surfaces.get(mention.text, 0) + 1
    shorts = frozenset(p.short for p in pairs)
    longs = frozenset(p.long for p in pairs)
    for form in (*shorts, *longs):
        surfaces.setdefault(form, 1)
    return LocalEntity(paper_id, _majority_type(mentions), tuple(mentions), surfaces, shorts, longs,
                       any(m.proposed for m in mentions))


Packed = list  # [sentences, acronym pairs, entities]: JSON-ready lists, see pack_paper()


def pack_paper(paper: PaperEntities) -> Packed:
    """``paper`` without its id as JSON-ready lists, each evidence sentence and acronym pair
    once; an entity is the numbers of the pairs it was defined with and its mentions.

    >>> e = Extraction("paper:1", (Mention("MoE", "method", 4, 7, "We MoE.", True),), (AcronymPair("MoE", "m o e"),))
    >>> pack_paper(paper_entities(e, lookup=lambda text: None))
    [['We MoE.'], [['MoE', 'm o e']], [[[0], [['MoE', 'method', 4, 7, 0, True]]]]]
    """
    sentences = {m.sentence: None for local in paper.entities for m in local.mentions}
    sentence_number = {sentence: i for i, sentence in enumerate(sentences)}
    pair_number = {pair: i for i, pair in enumerate(paper.acronyms)}

    def defined_with(local: LocalEntity) -> list[int]:
        return [i for pair, i in pair_number.items() if pair.short in local.shorts and pair.long in local.longs]
    return [list(sentences), [[p.short, p.long] for p in paper.acronyms],
            [[defined_with(local),
              [[m.text, m.type, m.start, m.end, sentence_number[m.sentence], m.proposed] for m in local.mentions]]
             for local in paper.entities]]


def unpack_paper(paper_id: str, packed: Packed) -> PaperEntities:
    """The :class:`PaperEntities` of paper ``paper_id`` from its :func:`pack_paper` form."""
    sentences, pairs, entities = packed
    acronyms = tuple(AcronymPair(short, long) for short, long in pairs)
    return PaperEntities(paper_id, tuple(
        _local_entity(paper_id, [Mention(text, type_, start, end, sentences[number], bool(proposed))
                                 for text, type_, start, end, number, proposed in mentions],
                      [acronyms[i] for i in defined_with])
        for defined_with, mentions in entities), acronyms)


def _majority_type(mentions: list[Mention]) -> str:
    """The type most mentions have, ties broken in the order of ENTITY_TYPES."""
    first = mentions[0].type
    if len(mentions) == 1 or all(m.type == first for m in mentions):  # nearly always
        return first
    types = Counter(m.type for m in mentions)
    return min(types, key=lambda t: (-types[t], ENTITY_TYPES.index(t)))


def _words(text: str) -> tuple[str, ...]:
    return tuple(match_key(w) for w in text.replace("-", " ").split())


def _ending_in(words: tuple[str, ...], long_words: dict) -> AcronymPair | None:
    """The acronym whose long form a longer method phrase ends with: "global-local collaborative
    feature fusion" is CFF when the paper defines "collaborative feature fusion (CFF)" (a longer
    task, "small object detection", is a task of its own)."""
    for length in range(len(words) - 1, 1, -1):
        pair = long_words.get(words[-length:])
        if pair is not None:
            return pair
    return None


def _merge_task_variants(groups: dict[str, list[Mention]], defined: dict[str, set]) -> dict[str, list[Mention]]:
    """Fold a shorter task into the one longer task of the paper that ends with it: "object
    segmentation" is an alias of "small object segmentation" there (the guide's most specific
    phrase, with shorter variants as aliases). Returns the new grouping."""
    merged = {key: list(mentions) for key, mentions in groups.items()}
    tasks = {key: _words(max((m.text for m in ms), key=len)) for key, ms in groups.items()
             if all(m.type == "task" for m in ms) and not defined.get(key)}
    for key, words in sorted(tasks.items(), key=lambda item: len(item[1])):
        longer = [other for other, other_words in tasks.items()
                  if len(other_words) > len(words) and other_words[-len(words):] == words and other in merged]
        if len(longer) == 1:
            merged[longer[0]].extend(merged.pop(key))
    return merged


def primary_forms(local: LocalEntity) -> list[str]:
    """The names that identify an entity: its long form and acronym, else its longest form
    (not the shorter variants folded into it)."""
    return [*sorted(local.longs), *sorted(local.shorts), max(local.surfaces, key=lambda f: (len(f), f))]


_MUCH_RARER = 10  # a spelling written this many times less is a variant, not the name


def _choose_label(forms: Mapping[str, int]) -> str:
    """The display name among surface forms: from the name most papers write, counting case,
    plural and spelling variants as one ("large language models", not a rare "large LMs"); within
    it the spelling written most ("Chain-of-Thought", not a rare "chainOfThought"), a singular
    counting its plural's uses unless it is ten times rarer ("Vision Transformer" for "Vision
    Transformers"; not a misspelt "Mixture-of-Expert"); ties go to lower-case-initial forms
    (sentence starts capitalise), then the shortest."""
    if len(forms) == 1:  # most entities
        return next(iter(forms))
    variants: dict[str, dict[str, int]] = defaultdict(dict)
    for form, count in forms.items():
        variants[match_key(form)][form] = count
    forms = max(variants.values(), key=lambda group: (sum(group.values()), -min(map(len, group)), min(group)))
    any_lower_initial = any(f[:1].islower() for f in forms)
    def uses(form: str) -> int:
        plural = forms.get(form + "s", 0)
        return forms[form] + (plural if _MUCH_RARER * forms[form] >= plural else 0)
    return min(forms, key=lambda f: (-uses(f), any_lower_initial and f[:1].isupper(), len(f), f))


def _entity_label(written: Mapping[str, int], longs: Mapping[str, int], known: str | None) -> str:
    """The known term's name when papers write it or define an acronym with it, in the
    lexicon's spelling ("mixture of experts" -> "Mixture of Experts"; but "Real3D-AD" stays as
    authors write it); else the long form when a paper writes it (unless a coined name is
    written ten times as often: "ChatGPT"), else the form papers write most ("CLIP"). A known
    name comes first: one paper's odd long form must not name an entity a hundred papers cite
    by its acronym, nor a longer phrase a paper writes ("difficulty-aware staged reinforcement
    learning (RL)") the term it defines."""
    known_key = match_key(known) if known else None
    named = {f: n for f, n in (*written.items(), *longs.items()) if match_key(f) == known_key}
    if named:
        label = _choose_label(named)
        return label if is_name_shaped(label) else known
    long_forms = {f: n for f, n in written.items() if f in longs}
    coined = {f: n for f, n in written.items() if f not in longs and _is_coined(f)}
    if long_forms and coined and max(coined.values()) >= _MUCH_RARER * sum(long_forms.values()):
        return _choose_label(coined)  # "ChatGPT" in 400 papers, not the "Chat Generative Pre-trained Transformer" of one
    return _choose_label(long_forms or written)


def _is_coined(form: str) -> bool:
    """Whether ``form`` is a coined name ("ChatGPT", "DINOv3") rather than an acronym ("LLM",
    "CNNs"): a lower-case letter after its first capital, other than a plural "s"."""
    inner = form[1:-1] if form.endswith("s") else form[1:]
    return form[:1].isupper() and any(c.islower() for c in inner) and is_name_shaped(form) and " " not in form


def _relation(mentions: list[Mention], entity_type: str) -> str:
    return PROPOSES if any(m.proposed for m in mentions) else RELATION_BY_TYPE[entity_type]


def resolve(papers: Iterable[Extraction | PaperEntities], *, lexicon: Lexicon | None = None) -> list[Entity]:
    """Merge the mentions of all papers into entities, sorted by id. ``papers`` are extractions,
    or their entities as :func:`paper_entities` groups them (what the build cache keeps).

    Examples
    --------
    >>> from kg.extract import AcronymPair
    >>> a = Extraction("paper:1", (Mention("mixture of experts", "method", 0, 18, "s1"),
    ...                            Mention("MoE", "method", 20, 23, "s1")), (AcronymPair("MoE", "mixture of experts"),))
    >>> b = Extraction("paper:2", (Mention("MoE", "method", 0, 3, "s2"),), ())
    >>> [(e.id, e.acronym, e.paper_count) for e in resolve([a, b], lexicon=Lexicon())]
    [('method:mixture of experts', 'MoE', 2)]
    """
    lexicon = lexicon if lexicon is not None else default_lexicon()
    lookup = lru_cache(maxsize=None)(lexicon.named_term)  # each form is looked up several times
    # each local entity with its primary forms, computed once (resolution reads them several times)
    grouped = (paper if isinstance(paper, PaperEntities) else paper_entities(paper, lookup=lookup) for paper in papers)
    locals_ = [(local, primary_forms(local)) for paper in grouped for local in paper.entities]
    usual_names = _usual_long_forms(locals_, lookup, lexicon)  # what papers call each acronym-only term

    def expands(term: Term, long: str) -> bool:
        """Whether a paper's ``long`` form for an acronym of ``term`` is that term: it fits one
        of the term's names; for a term the lexicon knows by its acronym alone, the long form
        papers give it most ("Bidirectional and Auto-Regressive Transformers" for BART, but
        "American English" is not the AE of "Attribute Extractor" papers)."""
        fits = lexicon.expands(term, long)
        return fits if fits is not None else fits_a_name(long, [usual_names[term]])

    def defined_key(local: LocalEntity, forms: list[str]) -> str:
        """Where a paper's own definition puts an entity: its known term, else its long form.
        A known acronym defined with a long form unlike the term's names is another thing:
        "EM (electron microscopy)" is no Exact Match (but "LLM (large LMs)" is a Large
        Language Model)."""
        for form in forms:
            term = lookup(form)
            if term is not None and term.type == local.type and not (
                    form in local.shorts and not any(expands(term, long) for long in local.longs)):
                return _term_key(term)
        return match_key(min(local.longs)) if local.longs else match_key(forms[-1])

    defined_keys = [defined_key(local, forms) for local, forms in locals_]
    # meanings of each acronym per type, as the papers that define it merge them
    meanings: dict[tuple[str, str], set[str]] = defaultdict(set)
    for (local, _), key in zip(locals_, defined_keys):
        for short in local.shorts:
            meanings[(local.type, acronym_key(short))].add(key)

    def merge_key(local: LocalEntity, forms: list[str], key: str) -> tuple[str, str]:
        if not local.longs and not key.startswith(_TERM):  # a known acronym is its known term
            known = meanings.get((local.type, acronym_key(forms[-1])), set())
            if len(known) == 1:  # an undefined acronym with one known meaning
                return local.type, next(iter(known))
        return local.type, key

    merge_keys = [merge_key(local, forms, key) for (local, forms), key in zip(locals_, defined_keys)]
    # An unknown name that several papers propose, and fewer only use, is as many things as
    # proposals: names collide (27 papers propose a PRISM, used by 3 more; 60 a "two-stage
    # framework"). A name most papers only use is one shared thing ("language model"), and
    # what one paper proposes is the thing the papers using its name cite.
    proposing: dict[tuple[str, str], set[str]] = defaultdict(set)
    for (local, _), key in zip(locals_, merge_keys):
        if local.proposed and not key[1].startswith(_TERM):
            proposing[key].add(local.paper_id)
    using: dict[tuple[str, str], set[str]] = {key: set() for key, papers in proposing.items() if len(papers) > 1}
    for (local, _), key in zip(locals_, merge_keys):
        if key in using and local.paper_id not in proposing[key]:
            using[key].add(local.paper_id)
    apart = {key for key, papers in using.items() if len(proposing[key]) > len(papers)}
    clusters: dict[tuple[str, str], list[tuple[LocalEntity, list[str]]]] = defaultdict(list)
    proposal_of: dict[tuple[str, str], str] = {}  # the paper each entity of a proposal apart is of
    for (local, forms), key in zip(locals_, merge_keys):
        if key in apart and local.proposed:
            key = (key[0], f"{key[1]}@{local.paper_id}")
            proposal_of[key] = local.paper_id
        clusters[key].append((local, forms))
    entities = [_entity(cluster, lookup, proposal_of.get(key)) for key, cluster in clusters.items()]
    return _unique_ids(entities)


def _usual_long_forms(locals_: list[tuple[LocalEntity, list[str]]], lookup: Callable[[str], Term | None],
                      lexicon: Lexicon) -> dict[Term, frozenset[str]]:
    """For each term the lexicon knows by its acronym alone, the words of the long form most
    papers define that acronym with, as the term's type (ties: the first in sorted order): the
    corpus's own name for it."""
    counts: dict[Term, Counter] = defaultdict(Counter)
    for local, _ in locals_:
        for short in local.shorts:
            term = lookup(short)
            if term is not None and term.type == local.type and not lexicon.has_full_name(term):
                counts[term].update({content_words(long) for long in local.longs})
    return {term: min(found, key=lambda words: (-found[words], sorted(words))) for term, found in counts.items()}


def _entity(cluster: list[tuple[LocalEntity, list[str]]], lookup: Callable[[str], Term | None],
            proposal_of: str | None = None) -> Entity:
    """One entity from the local entities (each with its primary forms) that merge into it;
    ``proposal_of`` is the paper whose own proposal it is, where other papers propose the same
    name: its id names that paper ("method:prism~2503.12345"), which no new paper changes."""
    entity_type = cluster[0][0].type
    # plain dicts, summed by hand: a Counter per entity and Counter.update per paper took a
    # fifth of resolution's time on the full corpus (most entities come from one paper)
    surfaces: dict[str, int] = dict(cluster[0][0].surfaces)
    for local, _ in cluster[1:]:
        for form, count in local.surfaces.items():
            surfaces[form] = surfaces.get(form, 0) + count
    shorts = {form: surfaces[form] for local, _ in cluster for form in local.shorts}
    longs = {form: surfaces[form] for local, _ in cluster for form in local.longs}
    term = next((t for _, forms in cluster for f in forms
                 if (t := lookup(f)) is not None and t.type == entity_type), None)
    # the most specific form of each paper's entity, not the shorter variants folded into it
    primaries = {forms[-1]: surfaces[forms[-1]] for _, forms in cluster}
    label = _entity_label(primaries, longs, term.label if term else None)
    by_paper: dict[str, list[Mention]] = defaultdict(list)
    for local, _ in cluster:
        by_paper[local.paper_id].extend(local.mentions)
    links = tuple(
        Link(paper_id, _relation(mentions, entity_type),
             _evidence(mentions), len(mentions))
        for paper_id, mentions in sorted(by_paper.items())
    )
    scope = f"~{proposal_of.removeprefix('paper:')}" if proposal_of else ""
    return Entity(
        id=f"{entity_type}:{display_key(label)}{scope}",
        type=entity_type,
        label=label,
        aliases=tuple(sorted(set(surfaces) | {label}, key=lambda s: (s.lower(), s))),
        acronym=_choose_label(shorts) if shorts else None,
        long_form=_choose_label(longs) if longs else None,
        links=links,
    )


def _evidence(mentions: list[Mention]) -> tuple[str, ...]:
    """The sentences of ``mentions``, each once, in text order."""
    if len(mentions) == 1:  # most links
        return (mentions[0].sentence,)
    return tuple(dict.fromkeys(m.sentence for m in sorted(mentions, key=lambda m: m.start)))


def _unique_ids(entities: list[Entity]) -> list[Entity]:
    """Sort by id; entities whose labels normalize alike get a numbered suffix, in a stable order."""
    seen: Counter = Counter()
    result = []
    for entity in sorted(entities, key=lambda e: (e.id, e.aliases, [link.paper_id for link in e.links])):
        seen[entity.id] += 1
        if seen[entity.id] > 1:
            entity = Entity(f"{entity.id}~{seen[entity.id]}", entity.type, entity.label, entity.aliases,
                            entity.acronym, entity.long_form, entity.links)
        result.append(entity)
    return result
