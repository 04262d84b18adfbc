"""Tests of kg.resolve on inline Extraction records (no spaCy): grouping within a paper, merging
across papers, labels, ids, relations and evidence."""

from __future__ import annotations

import re

import pytest

from kg.extract import AcronymPair, Extraction, Mention
from kg.lexicon import Lexicon, Surface, Term
from kg.resolve import PROPOSES, RELATION_BY_TYPE, paper_entities, resolve

EMPTY = Lexicon()


def mention(text: str, entity_type: str, start: int = 0, sentence: str = "s", proposed: bool = False) -> Mention:
    return Mention(text, entity_type, start, start + len(text), sentence, proposed)


def paper(paper_id: str, *mentions: Mention, acronyms: tuple[tuple[str, str], ...] = ()) -> Extraction:
    return Extraction(paper_id, tuple(mentions), tuple(AcronymPair(s, l) for s, l in acronyms))


def by_id(entities):
    return {e.id: e for e in entities}


# --- paper_entities --------------------------------------------------------------------------------

def test_acronym_and_long_form_are_one_local_entity():
    extraction = paper("p1", mention("mixture of experts", "method", 0), mention("MoE", "method", 20),
                       mention("MoE", "method", 50), mention("CLIP", "method", 70),
                       acronyms=(("MoE", "mixture of experts"),))
    locals_ = paper_entities(extraction).entities
    assert len(locals_) == 2
    moe = next(e for e in locals_ if "MoE" in e.surfaces)
    assert [m.start for m in moe.mentions] == [0, 20, 50]
    assert moe.shorts == {"MoE"} and moe.longs == {"mixture of experts"}
    assert moe.surfaces["MoE"] == 2 and moe.type == "method" and moe.paper_id == "p1"


def test_case_plural_and_hyphen_variants_are_one_local_entity():
    extraction = paper("p1", mention("Vision Transformers", "method", 0), mention("vision transformer", "method", 30),
                       mention("Vision-Transformer", "method", 60))
    (entity,) = paper_entities(extraction).entities
    assert len(entity.mentions) == 3 and not entity.shorts


def test_shorter_task_variant_folds_into_the_one_longer_task():
    extraction = paper("p1", mention("small object segmentation", "task", 0),
                       mention("object segmentation", "task", 40), mention("Object Segmentation", "task", 80))
    (entity,) = paper_entities(extraction).entities
    assert entity.type == "task" and len(entity.mentions) == 3


def test_shorter_task_with_two_longer_candidates_stays_apart():
    extraction = paper("p1", mention("small object segmentation", "task", 0),
                       mention("salient object segmentation", "task", 30), mention("object segmentation", "task", 70))
    assert len(paper_entities(extraction).entities) == 3


def test_only_tasks_fold():
    extraction = paper("p1", mention("graph neural network", "method", 0), mention("neural network", "method", 30))
    assert len(paper_entities(extraction).entities) == 2


def test_a_defined_task_does_not_fold_into_a_longer_one():
    extraction = paper("p1", mention("object detection", "task", 0), mention("OD", "task", 18),
                       mention("small object detection", "task", 40), acronyms=(("OD", "object detection"),))
    assert len(paper_entities(extraction).entities) == 2


def test_two_names_of_one_known_term_are_one_local_entity():
    lexicon = Lexicon()
    snr = Term("Signal-to-Noise Ratio", "metric")
    for form in ("Signal-to-Noise Ratio", "SNR"):
        lexicon.add(Surface(form, snr, form == "SNR"))
    extraction = paper("p1", mention("signal-to-noise ratio", "metric", 0), mention("SNR", "metric", 40),
                       mention("PSNR", "metric", 60))
    grouped = paper_entities(extraction, lookup=lexicon.lookup).entities
    assert sorted(sorted(e.surfaces) for e in grouped) == [["PSNR"], ["SNR", "signal-to-noise ratio"]]
    assert len(paper_entities(extraction, lookup=EMPTY.lookup).entities) == 3


def test_majority_type_wins_within_a_paper():
    extraction = paper("p1", mention("Mamba", "method", 0), mention("Mamba", "method", 10), mention("Mamba", "task", 20))
    (entity,) = paper_entities(extraction).entities
    assert entity.type == "method"


# --- resolve: merging ------------------------------------------------------------------------------

def test_moe_in_two_papers_is_one_entity_under_its_long_form():
    a = paper("paper:1", mention("mixture of experts", "method", 0, "s1"), mention("MoE", "method", 20, "s1"),
              acronyms=(("MoE", "mixture of experts"),))
    b = paper("paper:2", mention("MoE", "method", 0, "s2"))
    (entity,) = resolve([a, b], lexicon=EMPTY)
    assert entity.id == "method:mixture of experts"
    assert entity.label == "mixture of experts"
    assert entity.acronym == "MoE" and entity.long_form == "mixture of experts"
    assert "MoE" in entity.aliases
    assert [link.paper_id for link in entity.links] == ["paper:1", "paper:2"]
    assert entity.paper_count == 2


def test_an_acronym_with_two_meanings_stays_two_entities():
    a = paper("p1", mention("self-supervised learning", "method", 0), mention("SSL", "method", 30),
              acronyms=(("SSL", "self-supervised learning"),))
    b = paper("p2", mention("semi-supervised learning", "method", 0), mention("SSL", "method", 30),
              acronyms=(("SSL", "semi-supervised learning"),))
    c = paper("p3", mention("SSL", "method", 0))  # undefined, ambiguous: joins neither
    entities = by_id(resolve([a, b, c], lexicon=EMPTY))
    assert set(entities) == {"method:self-supervised learning", "method:semi-supervised learning", "method:ssl"}
    assert [link.paper_id for link in entities["method:self-supervised learning"].links] == ["p1"]
    assert [link.paper_id for link in entities["method:semi-supervised learning"].links] == ["p2"]
    assert entities["method:ssl"].acronym is None


def test_an_undefined_acronym_joins_its_unique_meaning():
    a = paper("p1", mention("deformable image registration", "task", 0), mention("DIR", "task", 31),
              acronyms=(("DIR", "deformable image registration"),))
    b = paper("p2", mention("DIR", "task", 5))
    c = paper("p3", mention("DIR", "method", 5))  # another type: a different entity
    entities = by_id(resolve([a, b, c], lexicon=EMPTY))
    assert [link.paper_id for link in entities["task:deformable image registration"].links] == ["p1", "p2"]
    assert "method:dir" in entities


@pytest.mark.parametrize("forms", [
    ("vision transformers", "Vision Transformer", "vision-transformer"),
    ("multi-layer perceptron", "Multilayer Perceptrons", "multi layer perceptron"),
    ("CNNs", "CNN", "cnn"),
])
def test_plural_case_and_hyphen_variants_merge_across_papers(forms):
    extractions = [paper(f"p{i}", mention(form, "method")) for i, form in enumerate(forms)]
    (entity,) = resolve(extractions, lexicon=EMPTY)
    assert entity.paper_count == len(forms)
    assert set(forms) <= set(entity.aliases)


def test_same_name_of_two_types_is_two_entities():
    a = paper("p1", mention("ImageNet", "dataset"))
    b = paper("p2", mention("ImageNet", "method"))
    assert set(by_id(resolve([a, b], lexicon=EMPTY))) == {"dataset:imagenet", "method:imagenet"}


def test_lexicon_term_merges_names_and_gives_its_spelling():
    lexicon = Lexicon()
    clip = Term("Contrastive Language-Image Pre-training", "method")
    lexicon.add(Surface("Contrastive Language-Image Pre-training", clip, False))
    lexicon.add(Surface("CLIP", clip, True))
    a = paper("p1", mention("CLIP", "method"))
    b = paper("p2", mention("contrastive language-image pre-training", "method"))
    (entity,) = resolve([a, b], lexicon=lexicon)
    assert entity.label == "Contrastive Language-Image Pre-training"
    assert entity.id == "method:contrastive language-image pre-training"
    assert {"CLIP", "contrastive language-image pre-training"} <= set(entity.aliases)


def test_a_known_model_with_a_kind_noun_is_that_model():
    lexicon = Lexicon()
    lexicon.add(Surface("Transformer", Term("Transformer", "method"), False))
    a = paper("p1", mention("transformer networks", "method"))
    b = paper("p2", mention("Transformer", "method"), mention("adaptive transformer networks", "method", 20))
    entities = resolve([a, b], lexicon=lexicon)
    assert sorted((e.label, e.paper_count) for e in entities) == [
        ("Transformer", 2), ("adaptive transformer networks", 1)]


def test_a_proposed_kind_of_a_defined_known_term_is_no_proposal_of_the_term():
    # regression: "difficulty-aware staged reinforcement learning (RL)" joined RL, which papers
    # then proposed, under the longer phrase's label
    lexicon = Lexicon()
    rl = Term("Reinforcement Learning", "method")
    lexicon.add(Surface("Reinforcement Learning", rl, False))
    lexicon.add(Surface("RL", rl, True))
    a = paper("p1", mention("difficulty-aware staged reinforcement learning", "method", 0, proposed=True),
              mention("RL", "method", 60), acronyms=(("RL", "reinforcement learning"),))
    (entity,) = resolve([a], lexicon=lexicon)
    assert entity.label == "Reinforcement Learning"
    assert [link.relation for link in entity.links] == ["uses"]


def test_one_papers_odd_long_form_does_not_name_a_known_entity():
    # regression: "MMLU" in 198 papers was labelled with one paper's long form of it
    lexicon = Lexicon()
    mmlu = Term("MMLU", "dataset")
    lexicon.add(Surface("MMLU", mmlu, True))
    odd = paper("p1", mention("models with pre-prompted personae", "dataset"), mention("MMLU", "dataset", 40),
                acronyms=(("MMLU", "models with pre-prompted personae"),))
    others = [paper(f"p{n}", mention("MMLU", "dataset")) for n in range(2, 6)]
    (entity,) = resolve([odd, *others], lexicon=lexicon)
    assert entity.label == "MMLU" and entity.paper_count == 5


def test_a_rare_long_form_does_not_name_a_known_entity():
    # regression: the shortest long form won, so a rare "large LMs" named every LLM
    lexicon = Lexicon()
    llm = Term("Large Language Model", "method")
    lexicon.add(Surface("large language model", llm, False))
    lexicon.add(Surface("LLM", llm, True))
    extractions = [paper("p1", mention("large LMs", "method"), mention("LLM", "method", 20), acronyms=(("LLM", "large LMs"),))]
    extractions += [paper(f"p{n}", mention("large language models", "method"), mention("LLM", "method", 30),
                          acronyms=(("LLM", "large language models"),)) for n in range(2, 5)]
    (entity,) = resolve(extractions, lexicon=lexicon)
    assert entity.label == "Large Language Model" and entity.paper_count == 4


def test_a_coined_name_written_far_more_than_its_long_form_is_the_label():
    # regression: ChatGPT in 250 papers of the corpus was labelled "Chat Generative Pre-trained Transformer"
    defined = paper("p0", mention("Chat Generative Pre-trained Transformer", "method"), mention("ChatGPT", "method", 41),
                    acronyms=(("ChatGPT", "Chat Generative Pre-trained Transformer"),))
    others = [paper(f"p{n}", mention("ChatGPT", "method")) for n in range(1, 12)]
    (entity,) = resolve([defined, *others], lexicon=EMPTY)
    assert entity.label == "ChatGPT" and entity.long_form == "Chat Generative Pre-trained Transformer"
    (few,) = resolve([defined, *others[:3]], lexicon=EMPTY)
    assert few.label == "Chat Generative Pre-trained Transformer"


@pytest.mark.parametrize("forms, label", [
    ({"Vision Transformer": 3, "Vision Transformers": 20}, "Vision Transformer"),  # a singular counts its plural
    ({"Mixture-of-Expert": 1, "Mixture-of-Experts": 30}, "Mixture-of-Experts"),  # unless ten times rarer
    ({"chainOfThought": 1, "Chain-of-Thought": 9}, "Chain-of-Thought"),  # the spelling written most
])
def test_the_label_is_the_spelling_papers_write_most(forms, label):
    extractions = [paper(f"p{form}{n}", mention(form, "method")) for form, count in forms.items() for n in range(count)]
    (entity,) = resolve(extractions, lexicon=EMPTY)
    assert entity.label == label


# --- ids, relations, evidence ----------------------------------------------------------------------

def test_entity_ids_are_type_and_lower_case_label_and_unique():
    lexicon = Lexicon()
    moe = Term("Mixture of Experts", "method")
    lexicon.add(Surface("Mixture of Experts", moe, False))
    lexicon.add(Surface("MoE", moe, True))
    extractions = [
        paper("p1", mention("MoE", "method")),  # the lexicon term, written "MoE"
        paper("p2", mention("MOE", "method")),  # not that term (case-sensitive alias): another entity
        paper("p3", mention("Face Anti-Spoofing", "task"), mention("OULU-NPU", "dataset", 30)),
        paper("p4", mention("HTER", "metric")),
    ]
    entities = resolve(extractions, lexicon=lexicon)
    ids = [e.id for e in entities]
    assert len(ids) == len(set(ids)) == 5
    assert ids == sorted(ids)
    for entity in entities:
        base = entity.id.split("~")[0]
        assert base == f"{entity.type}:{entity.label.lower()}"
        assert re.fullmatch(r"(method|dataset|task|metric):[^A-Z]+(~\d+)?", entity.id)
    assert {"method:moe", "method:moe~2"} <= set(ids)  # two entities labelled alike get a suffix


def test_relation_is_proposes_when_any_mention_is_proposed():
    a = paper("p1", mention("GateMix", "method", 0, "We propose GateMix.", proposed=True),
              mention("GateMix", "method", 30, "GateMix is fast."))
    b = paper("p2", mention("GateMix", "method", 0, "We compare with GateMix."))
    (entity,) = resolve([a, b], lexicon=EMPTY)
    assert [(link.paper_id, link.relation) for link in entity.links] == [("p1", PROPOSES), ("p2", "uses")]


@pytest.mark.parametrize("entity_type, relation", [
    ("method", "uses"), ("dataset", "evaluates_on"), ("task", "addresses"), ("metric", "reports")])
def test_relation_follows_the_type_when_nothing_is_proposed(entity_type, relation):
    (entity,) = resolve([paper("p1", mention("FooBar", entity_type))], lexicon=EMPTY)
    assert RELATION_BY_TYPE[entity_type] == relation
    assert entity.links[0].relation == relation


def test_proposed_dataset_link_is_proposes():
    (entity,) = resolve([paper("p1", mention("VIMOS", "dataset", proposed=True))], lexicon=EMPTY)
    assert entity.links[0].relation == PROPOSES


def test_evidence_is_deduplicated_in_text_order():
    a = paper("p1",
              mention("Mamba", "method", 120, "Third, Mamba wins."),
              mention("Mamba", "method", 0, "First, Mamba is fast."),
              mention("mamba", "method", 60, "Then Mamba and mamba scale."),
              mention("Mamba", "method", 50, "Then Mamba and mamba scale."),
              mention("Mamba", "method", 10, "First, Mamba is fast."))
    (entity,) = resolve([a], lexicon=EMPTY)
    (link,) = entity.links
    assert link.evidence == ("First, Mamba is fast.", "Then Mamba and mamba scale.", "Third, Mamba wins.")
    assert link.mentions == 5


def test_links_are_sorted_by_paper_and_count_mentions():
    extractions = [paper("p2", mention("BERT", "method"), mention("BERT", "method", 10)),
                   paper("p1", mention("BERT", "method"))]
    (entity,) = resolve(extractions, lexicon=EMPTY)
    assert [(link.paper_id, link.mentions) for link in entity.links] == [("p1", 1), ("p2", 2)]


def test_resolve_does_not_depend_on_paper_order():
    extractions = [
        paper("p1", mention("mixture of experts", "method"), mention("MoE", "method", 20),
              acronyms=(("MoE", "mixture of experts"),)),
        paper("p2", mention("MoE", "method"), mention("ImageNet", "dataset", 10)),
        paper("p3", mention("object segmentation", "task")),
    ]
    assert resolve(extractions, lexicon=EMPTY) == resolve(list(reversed(extractions)), lexicon=EMPTY)


def test_folded_task_is_labelled_by_its_most_specific_phrase():
    extraction = paper("p1", mention("small object segmentation", "task", 0),
                       mention("object segmentation", "task", 40))
    plain = paper("p2", mention("object segmentation", "task", 0))  # another paper's own, broader task
    entities = by_id(resolve([extraction, plain], lexicon=EMPTY))
    assert set(entities) == {"task:small object segmentation", "task:object segmentation"}
    assert "object segmentation" in entities["task:small object segmentation"].aliases


def test_an_undefined_word_joins_no_acronym_written_otherwise():
    # regression: on the full corpus "dB" (decibels) in 300 papers joined "DB" (Difficulty
    # Balancing) of one paper, and every bare "score" joined "SCORE", a defined framework
    a = paper("p1", mention("difficulty balancing", "method", 0), mention("DB", "method", 30),
              acronyms=(("DB", "difficulty balancing"),))
    b = paper("p2", mention("dB", "method", 5))
    c = paper("p3", mention("DBs", "method", 5))  # the plural, written alike: joins
    entities = by_id(resolve([a, b, c], lexicon=EMPTY))
    assert [link.paper_id for link in entities["method:difficulty balancing"].links] == ["p1", "p3"]
    assert [link.paper_id for link in entities["method:db"].links] == ["p2"]


def test_a_defined_acronym_is_the_term_its_long_form_names_not_the_term_its_letters_name():
    # regression: "EM (electron microscopy)" and "MT (mechanical thrombectomy)" joined Exact Match
    # and Machine Translation on the full corpus, which the lexicon knows as EM and MT
    from kg.lexicon import default_lexicon
    a = paper("p1", mention("electron microscopy", "metric", 0), mention("EM", "metric", 25),
              acronyms=(("EM", "electron microscopy"),))
    b = paper("p2", mention("EM", "metric", 5))  # undefined: the known Exact Match
    c = paper("p3", mention("exact match", "metric", 5))
    entities = by_id(resolve([a, b, c], lexicon=default_lexicon()))
    assert [link.paper_id for link in entities["metric:electron microscopy"].links] == ["p1"]
    assert [link.paper_id for link in entities["metric:exact match"].links] == ["p2", "p3"]


def test_an_acronym_known_by_a_full_name_defined_otherwise_is_not_that_term():
    # regression: "RAM (Raw Adaptation Module)", "RAM (Residual Alignment Model)" and seven more
    # meanings joined one RAM node on the full corpus, the lexicon's "Recurrent models of visual
    # attention", whose label is the acronym itself
    lexicon = Lexicon()
    ram = Term("RAM", "method")
    for text in ("RAM", "Recurrent models of visual attention"):
        lexicon.add(Surface(text, ram, True))
    a = paper("p1", mention("Raw Adaptation Module", "method"), mention("RAM", "method", 30),
              acronyms=(("RAM", "Raw Adaptation Module"),))
    b = paper("p2", mention("Residual Alignment Model", "method"), mention("RAM", "method", 30),
              acronyms=(("RAM", "Residual Alignment Model"),))
    c = paper("p3", mention("Recurrent Models of Visual Attention", "method"), mention("RAM", "method", 40),
              acronyms=(("RAM", "Recurrent Models of Visual Attention"),))
    entities = by_id(resolve([a, b, c], lexicon=lexicon))
    assert sorted(entities) == ["method:raw adaptation module", "method:recurrent models of visual attention",
                                "method:residual alignment model"]
    assert [link.paper_id for link in entities["method:recurrent models of visual attention"].links] == ["p3"]


def test_an_acronym_known_by_its_letters_alone_is_that_name_whatever_the_long_form():
    lexicon = Lexicon()
    lexicon.add(Surface("ADNI", Term("ADNI", "dataset"), True))
    a = paper("p1", mention("Alzheimer's Disease Neuroimaging Initiative", "dataset"), mention("ADNI", "dataset", 50),
              acronyms=(("ADNI", "Alzheimer's Disease Neuroimaging Initiative"),))
    b = paper("p2", mention("ADNI", "dataset"))
    assert [(e.id, len(e.links)) for e in resolve([a, b], lexicon=lexicon)] == [("dataset:adni", 2)]


def test_an_acronym_known_by_its_letters_alone_is_the_meaning_most_papers_give_it():
    # regression: "American English (AE)", "adverse event (AE)" and five more meanings were one
    # AE node on the full corpus; spellings of the usual meaning still join it
    lexicon = Lexicon()
    lexicon.add(Surface("BART", Term("BART", "method"), True))
    usual = [paper(f"p{i}", mention(long, "method"), mention("BART", "method", 60), acronyms=(("BART", long),))
             for i, long in enumerate(["Bidirectional and Auto-Regressive Transformers",
                                       "bidirectional and auto-regressive transformers",
                                       "Bidirectional Auto-Regressive Transformers"])]
    other = paper("p9", mention("Bayesian Additive Regression Trees", "method"), mention("BART", "method", 60),
                  acronyms=(("BART", "Bayesian Additive Regression Trees"),))
    entities = resolve([*usual, other], lexicon=lexicon)
    assert sorted((e.id, [link.paper_id for link in e.links]) for e in entities) == [
        ("method:bayesian additive regression trees", ["p9"]),
        ("method:bidirectional and auto-regressive transformers", ["p0", "p1", "p2"])]


@pytest.mark.parametrize("text", ["two-stage framework", "PRISM"])
def test_a_name_several_papers_propose_is_one_entity_per_proposal(text):
    # regression: "two-stage framework" was one node of the 60 papers that each propose their
    # own, and "PRISM" one node of 27 papers' different PRISMs
    proposals = [paper(f"p{i}", mention(text, "method", proposed=True)) for i in range(3)]
    users = [paper(f"u{i}", mention(text, "method")) for i in range(2)]
    entities = resolve([*proposals, *users], lexicon=EMPTY)
    assert sorted([link.paper_id for link in e.links] for e in entities) == [["p0"], ["p1"], ["p2"], ["u0", "u1"]]
    assert {e.label for e in entities} == {text}
    key = f"method:{text.lower()}"
    assert sorted(e.id for e in entities) == [key, f"{key}~p0", f"{key}~p1", f"{key}~p2"]  # stable as papers come
    assert resolve(list(reversed([*proposals, *users])), lexicon=EMPTY) == entities


def test_a_name_most_papers_only_use_stays_one_entity_though_some_propose_it():
    proposals = [paper(f"p{i}", mention("knowledge graph", "method", proposed=True)) for i in range(2)]
    users = [paper(f"u{i}", mention("knowledge graph", "method")) for i in range(3)]
    (entity,) = resolve([*proposals, *users], lexicon=EMPTY)
    assert entity.paper_count == 5


def test_a_name_one_paper_proposes_is_the_entity_other_papers_use():
    extractions = [paper("p1", mention("PhysMamba", "method", proposed=True)),
                   paper("p2", mention("PhysMamba", "method")), paper("p3", mention("PhysMamba", "method"))]
    (entity,) = resolve(extractions, lexicon=EMPTY)
    assert [link.relation for link in entity.links] == [PROPOSES, "uses", "uses"]


def test_a_known_term_several_papers_propose_stays_one_entity():
    lexicon = Lexicon()
    lexicon.add(Surface("Mamba", Term("Mamba", "method"), False))
    (entity,) = resolve([paper(f"p{i}", mention("Mamba", "method", proposed=True)) for i in range(2)], lexicon=lexicon)
    assert entity.paper_count == 2


@pytest.mark.parametrize("long, joins", [
    ("Video-Language Models", False),  # regression: joined Vision-Language Model on the full corpus
    ("Visual Language Models", True),
    ("vision-language models", True),
    ("Vision Language Modelling", True),
])
def test_a_long_form_that_swaps_a_word_of_the_known_name_is_another_term(long, joins):
    lexicon = Lexicon()
    vlm = Term("Vision-Language Model", "method")
    lexicon.add(Surface("Vision-Language Model", vlm, False))
    lexicon.add(Surface("VLM", vlm, True))
    a = paper("p1", mention(long, "method", 0), mention("VLMs", "method", 30), acronyms=(("VLMs", long),))
    b = paper("p2", mention("Vision-Language Model", "method", 5))
    assert len(resolve([a, b], lexicon=lexicon)) == (1 if joins else 2)
