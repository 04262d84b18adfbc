"""Tests of kg.rules: words, name shapes, and each candidate rule on small inline sentences.

Rules are called directly on a :class:`~kg.rules.Layout` of the cached pipeline's Doc. Lexicon
rules get a tiny inline :class:`~kg.lexicon.Lexicon`, and name rules an empty one, so that
these tests do not depend on the shipped lexicon data.
"""

from __future__ import annotations

import pytest

from kg.lexicon import Lexicon, Surface, Term
from kg.nlp import load_pipeline
from kg.rules import (Candidate, default_vocabulary, enumerated_contributions, has_proposal_verb, head_phrase_candidates, introduced_names, listed_measures, reported_measures,
                      is_name_shaped, is_url, lexicon_candidates, listed_examples, make_layout, name_candidates, name_phrases,
                      other_mentions, system_subjects, words)

VOCABULARY = default_vocabulary()


def layout_of(text: str):
    return make_layout(load_pipeline()(text), VOCABULARY)


def texts(layout, candidates: list[Candidate]) -> list[str]:
    return [layout.span_text(c.start, c.end) for c in candidates]


def typed(layout, candidates: list[Candidate]) -> set[tuple[str, str]]:
    return {(layout.span_text(c.start, c.end), c.type) for c in candidates}


# --- words and layout ----------------------------------------------------------------------------

def test_words_trim_outer_punctuation_and_possessives():
    doc = load_pipeline()('We use (BIG-MoE), CLIP\'s encoder and "Mamba".')
    ws = words(doc)
    assert [w.text for w in ws] == ["We", "use", "BIG-MoE", "CLIP", "encoder", "and", "Mamba"]
    big = ws[2]
    assert big.punct_before and big.punct_after
    assert doc[big.start:big.end].text == "BIG-MoE"  # the token range is the trimmed word
    assert not ws[1].punct_before and not ws[1].punct_after
    assert ws[3].punct_after  # "'s" was trimmed
    assert ws[-1].punct_before and ws[-1].punct_after  # quotes and the full stop


def test_inner_punctuation_stays_in_the_word():
    assert [w.text for w in words(load_pipeline()("We test NTU-RGB+D 60 and GPT-4.1-mini."))] == \
        ["We", "test", "NTU-RGB+D", "60", "and", "GPT-4.1-mini"]


def test_sentence_initial_flags_mark_the_first_word_of_each_sentence():
    layout = layout_of("Mamba scales well. It beats Transformers. Our code is public.")
    initial = [w.text for w in layout.words if w.sentence_initial]
    assert initial == ["Mamba", "It", "Our"]
    assert len(layout.bounds) == 4  # three sentences, then the token count
    assert layout.bounds[-1] == len(layout.lowers)
    assert [layout.sentence_of[w.start] for w in layout.words if w.sentence_initial] == [0, 1, 2]


@pytest.mark.parametrize("text", ["It works. (Robust Interval Search is fast.)",
                                  'It works. "Robust Interval Search" is fast.'])
def test_word_after_an_opening_bracket_at_a_sentence_start_is_sentence_initial(text):
    layout = layout_of(text)
    robust = next(w for w in layout.words if w.text == "Robust")
    assert layout.sentence_of[robust.start] == 1 and layout.bounds[1] == robust.start  # its token starts sentence 2
    assert robust.sentence_initial


def test_numbers_are_noted_per_sentence():
    layout = layout_of("Accuracy improves. It reaches 91.2 on the test set.")
    assert layout.sentences_with_numbers == {1}


@pytest.mark.parametrize("text, proposals", [
    ("In this paper we propose SpoofNet. It works.", {0}),
    ("Prior work proposes RGBNet. This paper presents a benchmark.", {1}),
    ("This study introduces a detector. We evaluate it on three datasets.", {0}),
    ("Our contribution is simple. We design a new loss.", {1}),
    ("Earlier methods were built by others. The results are good.", set()),  # no authors
    ("We evaluate on ImageNet. We report accuracy.", set()),  # authors, but no proposal verb
])
def test_proposal_sentences_need_the_authors_and_a_proposal_verb(text, proposals):
    assert layout_of(text).proposals == proposals


# --- shapes --------------------------------------------------------------------------------------

@pytest.mark.parametrize("word", ["PhysMamba", "rPPG", "GPT-4o", "ResNet-50", "DINOv2", "ViT", "BIG-MoE", "T5"])
def test_name_shaped_words(word):
    assert is_name_shaped(word)


@pytest.mark.parametrize("word", ["Mamba", "model", "2024", "13B", "1.5M", "7B", "cross-domain", "---", "Transformer"])
def test_not_name_shaped_words(word):
    assert not is_name_shaped(word)


@pytest.mark.parametrize("text, expected", [
    ("https://github.com/org/repo", True),
    ("http://example.org", True),
    ("www.example.com", True),
    ("github.com/org/repo", True),
    ("ResNet-50", False),
    ("e.g.", False),
])
def test_is_url(text, expected):
    assert is_url(text) is expected


# --- lexicon candidates --------------------------------------------------------------------------

def _lexicon() -> Lexicon:
    lexicon = Lexicon()
    mlp = Term("Multilayer Perceptron", "method")
    sam = Term("Segment Anything Model", "method")
    for surface in [
        Surface("Multilayer Perceptron", mlp, False),
        Surface("MLP", mlp, True),
        Surface("CLIP", Term("CLIP", "method"), False),
        Surface("SAM", sam, True),
        Surface("Skeleton Based Action Recognition", Term("skeleton-based action recognition", "task"), False),
        Surface("ImageNet", Term("ImageNet", "dataset"), False),
        Surface("MAE", Term("masked autoencoder", "method", ambiguous=True), False),
        Surface("attention", Term("attention", "method"), False),  # a generic word
        Surface("AI", Term("artificial intelligence", "method"), False),  # a stop name
    ]:
        lexicon.add(surface)
    return lexicon


LEXICON = _lexicon()


def lexicon_matches(text: str) -> set[tuple[str, str]]:
    layout = layout_of(text)
    return typed(layout, lexicon_candidates(layout, LEXICON, VOCABULARY))


@pytest.mark.parametrize("text, expected", [
    ("We stack multi-layer perceptrons here.", {("multi-layer perceptrons", "method")}),
    ("A multilayer perceptron, then a Multilayer-Perceptron.", {("multilayer perceptron", "method"),
                                                               ("Multilayer-Perceptron", "method")}),
    ("We use MLPs and an MLP.", {("MLPs", "method"), ("MLP", "method")}),
    ("Skeleton-based action recognition is hard.", {("Skeleton-based action recognition", "task")}),
    ("A CLIP-based detector and a CLIP-like encoder.", {("CLIP", "method")}),
    ("Trained on ImageNet, CLIP works.", {("ImageNet", "dataset"), ("CLIP", "method")}),
])
def test_lexicon_matches_case_plural_hyphen_and_space_variants(text, expected):
    assert lexicon_matches(text) == expected


def test_usage_suffix_match_covers_only_the_stem():
    layout = layout_of("A CLIP-based detector.")
    (candidate,) = lexicon_candidates(layout, LEXICON, VOCABULARY)
    assert layout.span_text(candidate.start, candidate.end) == "CLIP"
    assert candidate.source == "lexicon"


@pytest.mark.parametrize("text", [
    "We use sam and Sam for masks.",  # case-sensitive "SAM"
    "the mlp is small",  # case-sensitive "MLP"
    "We add attention.",  # a generic word, even though the lexicon lists it
    "Progress in AI is fast.",  # a stop name
    "We use MAE here.",  # ambiguous without a definition
    "A multilayer, perceptron.",  # punctuation between the words
])
def test_lexicon_does_not_match(text):
    assert lexicon_matches(text) == set()


def test_case_sensitive_surface_matches_when_written_exactly():
    assert lexicon_matches("We prompt SAM with boxes.") == {("SAM", "method")}


@pytest.mark.parametrize("text, name", [
    ("We report Cohen's kappa here.", "Cohen's kappa"),
    ("We report Fleiss' kappa here.", "Fleiss' kappa"),  # a possessive after -s is a bare apostrophe
])
def test_possessive_eponym_is_part_of_a_known_name(text, name):
    lexicon = Lexicon()
    for label in ("Cohen's Kappa", "Fleiss' Kappa"):
        lexicon.add(Surface(label, Term(label, "metric"), False))
    layout = layout_of(text)
    assert texts(layout, lexicon_candidates(layout, lexicon, VOCABULARY)) == [name]



# --- name phrases and name candidates ------------------------------------------------------------

def phrases(text: str) -> list[str]:
    ws = layout_of(text).words
    return [" ".join(w.text for w in ws[i:j]) for i, j in name_phrases(ws, VOCABULARY)]


def names(text: str, defined: dict[str, str | None] | None = None) -> set[tuple[str, str]]:
    layout = layout_of(text)
    return typed(layout, name_candidates(layout, VOCABULARY, Lexicon(), defined or {}))


@pytest.mark.parametrize("text, expected", [
    ("We use DINOv2 ViT features.", ["DINOv2", "ViT"]),  # two names side by side
    ("It has a Temporal Difference Mamba block.", ["Temporal Difference Mamba"]),
    ("The Robust Interval Search is fast.", ["Robust Interval Search"]),
    ("Robust Interval Search is fast.", ["Interval Search"]),  # sentence-initial "Robust" is ordinary
    ("Mamba is fast.", []),  # one ordinary capitalized word
    ("A 13B model and a 1.5M corpus.", []),  # sizes are not names
    ("A CLIP-based rPPG model.", ["CLIP-based", "rPPG"]),  # the name ends at the usage suffix
    ("See https://github.com/Org/RepoName for code.", []),
    ("We use PyTorch and GitHub.", []),  # stop names
])
def test_name_phrases(text, expected):
    assert phrases(text) == expected


def test_number_after_a_name_belongs_to_it():
    found = names("We evaluate on NTU-RGB+D 60 and Kinetics-400.")
    assert ("NTU-RGB+D 60", "dataset") in found


def test_dinov2_vit_are_two_methods():
    assert names("We extract DINOv2 ViT features.") == {("DINOv2", "method"), ("ViT", "method")}


def test_specific_component_head_is_kept_in_the_name():
    assert names("It stacks a Temporal Difference Mamba block.") == {("Temporal Difference Mamba block", "method")}
    assert names("We add a Multi-Stream Fusion head.") == {("Multi-Stream Fusion head", "method")}


@pytest.mark.parametrize("text, name", [
    ("We release ViMoNet-Bench today.", "ViMoNet-Bench"),
    ("Scores on RAF-DB improve.", "RAF-DB"),
    ("We collect UniSurg-15M clips.", "UniSurg-15M"),
])
def test_dataset_suffixes_name_datasets(text, name):
    assert (name, "dataset") in names(text)


def test_model_size_suffix_names_a_method():
    assert ("DeepSeek-R1-7B", "method") in names("We distil DeepSeek-R1-7B into it.")


def test_size_alone_is_not_a_name():
    assert names("We train a 13B model on 1.5M images.") == set()


def test_both_names_before_a_plural_dataset_head_are_datasets():
    assert names("Results on the OULU-NPU and CASIA-FASD datasets are good.") == {
        ("OULU-NPU", "dataset"), ("CASIA-FASD", "dataset")}


def test_names_listed_in_an_evaluation_context_are_datasets():
    assert names("Extensive experiments on FooSet-A, BarCorpus-B and BazData show gains.") >= {
        ("FooSet-A", "dataset"), ("BazData", "dataset")}


@pytest.mark.parametrize("text", [
    "We gather six DeepFake datasets for training.",
    pytest.param("Experiments on six DeepFake datasets show gains."),
])
def test_counted_name_before_datasets_names_no_dataset(text):
    assert not any(t == "dataset" for _, t in names(text))


def test_defined_untyped_acronym_gets_no_type_from_its_shape():
    # an acronym the abstract defines is typed by its definition or not at all
    assert names("We run DeepNetX here.", defined={"deepnetx": None}) == set()
    assert names("We run DeepNetX here.", defined={"deepnetx": "task"}) == {("DeepNetX", "task")}


@pytest.mark.parametrize("text, name, is_metric", [
    ("We report the BLEU score on 3 sets.", "BLEU", True),  # a name before "score" names the measure
    ("We sample at sub-Nyquist rates with 2 channels.", "sub-Nyquist", False),  # "rates" measure something else
    ("GPT-4o accuracy drops by 3%.", "GPT-4o", False),
])
def test_name_before_a_metric_head_is_a_metric_only_before_a_named_measure_head(text, name, is_metric):
    layout = layout_of(text)
    found = {layout.span_text(c.start, c.end): c.type for c in name_candidates(layout, VOCABULARY, Lexicon(), {})}
    assert (found.get(name) == "metric") is is_metric


def test_hyphenated_variant_of_a_measure_is_a_metric():
    lexicon = Lexicon()
    for label in ("F1", "Dice"):
        lexicon.add(Surface(label, Term(label, "metric"), True))
    layout = layout_of("We report macro-F1, F1-macro and Pixel-AUROC, and propose Agent-Dice.")
    found = {(layout.span_text(c.start, c.end), c.type) for c in name_candidates(layout, VOCABULARY, lexicon, {})}
    assert {("macro-F1", "metric"), ("F1-macro", "metric"), ("Pixel-AUROC", "metric")} <= found
    assert ("Agent-Dice", "metric") not in found  # "Dice" is not an unambiguous measure's name


def test_name_before_a_method_head_is_a_method_and_before_a_task_head_is_not_a_task():
    # "X recognition" uses X for the task; "Semantic Scene Completion" names the task
    assert ("LLaMA 2", "method") in names("We fine-tune the LLaMA 2 model.")
    assert ("Semantic Scene Completion", "task") in names("We study the Semantic Scene Completion problem.")
    assert not any(t == "task" for _, t in names("We study HuBERT recognition."))


# --- head phrases --------------------------------------------------------------------------------

def heads(text: str) -> set[tuple[str, str]]:
    layout = layout_of(text)
    return typed(layout, head_phrase_candidates(layout, VOCABULARY))


@pytest.mark.parametrize("text, expected", [
    ("We study cross-domain few-shot segmentation in depth.", ("cross-domain few-shot segmentation", "task")),
    ("We study biased hand pose estimation.", ("hand pose estimation", "task")),  # gradable adjective
    ("It enables stable hand pose estimation.", ("hand pose estimation", "task")),
    ("Our model boosts hand pose estimation.", ("hand pose estimation", "task")),  # a verb
    ("Mantis decouples object tracking from control.", ("object tracking", "task")),  # a third-person -s
    ("We present 3D object detection results.", ("3D object detection", "task")),  # a stop name modifies
    ("We address anti-spoofing.", ("anti-spoofing", "task")),  # a bare hyphenated task
    ("A region-lifted preference mechanism is used.", ("region-lifted preference mechanism", "method")),
    ("We propose learning-based organelle segmentation.", ("organelle segmentation", "task")),
    ("The Semantic Scene Completion task.", ("Semantic Scene Completion", "task")),  # Title Case modifiers
    ("It resists word substitution attacks.", ("word substitution attacks", "method")),  # attacks are methods
])
def test_head_phrases(text, expected):
    assert expected in heads(text)


@pytest.mark.parametrize("text", [
    "It significantly improves detection.",  # bare head
    "We use a segmentation model.",  # generic method head with a task modifier
    "We use a diffusion model.",  # generic method heads come from other rules
    "The proposed feature representation helps.",  # generic words only
    "We quickly segmentation.",  # adverb
    "It detects presentation attacks.",  # spoofs shown to a face system, not a technique
    "It generates label-consistent attack samples.",  # "attack" modifies "samples"
])
def test_no_head_phrase(text):
    assert heads(text) == set()


@pytest.mark.parametrize("text, expected", [
    ("We study latent motion prediction for robots.", set()),  # weak head, no cue
    ("Complex reasoning matters.", set()),
    ("A policy for latent motion prediction.", {("latent motion prediction", "task")}),
    ("We test the mathematical reasoning task.", {("mathematical reasoning", "task")}),
])
def test_weak_task_heads_need_a_cue(text, expected):
    assert {h for h in heads(text) if h[1] == "task"} == expected


@pytest.mark.parametrize("text, expected", [
    ("It improves the success rate.", set()),  # no number in the sentence
    ("It improves the success rate by 12%.", {("success rate", "metric")}),
    ("It improves topology accuracy.", {("topology accuracy", "metric")}),  # a measure head
    ("We achieve mean absolute error of 3.2.", {("mean absolute error", "metric")}),
    ("We reduce memory consumption by 40%.", {("memory consumption", "metric")}),
    ("A lower inference time of 3 ms.", {("inference time", "metric")}),
    ("It takes a long time of 3 days.", set()),  # "time" needs a time modifier
    ("The learning rate is 0.1.", set()),  # not a metric
    ("The heart rate of 70 bpm.", set()),
])
def test_metric_phrases_need_a_number_unless_a_measure_head(text, expected):
    assert {h for h in heads(text) if h[1] == "metric"} == expected


@pytest.mark.parametrize("text, expected", [
    ("A feature alignment and fusion module.", {("feature alignment and fusion module", "method")}),
    # regression: two coordinated phrases with one head became one method
    ("Training loss and validation loss decrease.", {("validation loss", "method")}),
    ("We report kappa and contrastive loss.", {("contrastive loss", "method")}),
])
def test_coordinated_modifiers_share_a_component_head_unless_they_name_things(text, expected):
    kappa = Lexicon()
    kappa.add(Surface("kappa", Term("kappa", "metric"), False))
    layout = layout_of(text)
    assert typed(layout, head_phrase_candidates(layout, VOCABULARY, kappa)) == expected


# --- introduced names ----------------------------------------------------------------------------

def introduced(text: str) -> set[tuple[str, str, bool]]:
    layout = layout_of(text)
    return {(layout.span_text(c.start, c.end), c.type, c.proposed) for c in introduced_names(layout, VOCABULARY)}


@pytest.mark.parametrize("text, expected", [
    ("We propose Mantis, a novel framework for robots.", {("Mantis", "method", True)}),
    ("In this work we present Orca, a vision-language model.", {("Orca", "method", True)}),
    ("We introduce a new dataset named VIMOS for video.", {("VIMOS", "dataset", True)}),
    ("We also build a benchmark called VidBench.", {("VidBench", "dataset", True)}),
    ("We propose DEARLi, a novel benchmark.", {("DEARLi", "dataset", True)}),
    ("To this end, the authors release Mantis, a novel benchmark for manipulation.", {("Mantis", "dataset", True)}),
    ("Results on ViMoBench, a new benchmark for motion, are given.", {("ViMoBench", "dataset", True)}),
])
def test_introduced_names(text, expected):
    assert introduced(text) == expected


@pytest.mark.parametrize("text", [
    "Mantis, a robot from Boston, walks.",  # sentence-initial ordinary word, no novelty
    "Paris, a city, is nice.",
    "We propose Mantis to solve it.",  # no apposition
    "We test on Falcon, a dataset of birds.",  # not new, no proposal verb
])
def test_not_introduced(text):
    assert introduced(text) == set()


def test_named_outside_a_proposal_is_not_proposed():
    assert introduced("However, a model named Falcon exists.") == {("Falcon", "method", False)}


@pytest.mark.parametrize("text", ["We propose DEARLi, a novel evaluation metric.",
                                  "We introduce HalluScore, a measure of hallucination."])
def test_introduced_metric_is_typed_metric(text):
    assert {t for _, t, _ in introduced(text)} == {"metric"}


def test_other_mentions_repeat_a_context_name_with_its_type_and_flag():
    layout = layout_of("We present SCNP, a plug-in module. SCNP can be integrated into CNNs. Unlike SCNPs, ...")
    found = introduced_names(layout, VOCABULARY)
    others = other_mentions(layout, found)
    assert texts(layout, others) == ["SCNP", "SCNP"]  # both exact occurrences, not "SCNPs"
    assert all(c.type == "method" and c.proposed for c in others)
    assert len({c.start for c in others}) == 2


def test_other_mentions_ignore_candidates_of_other_sources():
    layout = layout_of("Mamba is fast. We like Mamba.")
    assert other_mentions(layout, [Candidate(0, 1, "method", "shape")]) == []


@pytest.mark.parametrize("text, name, expected", [
    ("DEARLi outperforms prior work.", "DEARLi", True),
    ("Finally, DEARLi surpasses all baselines.", "DEARLi", True),
    ("FAS models are weak.", "FAS", False),  # a following noun says nothing
    ("Mamba, outperforms.", "Mamba", False),  # punctuation in between
    ("DEARLi outperforms prior work.", "Dear", False),  # whole words only
])
def test_system_subjects(text, name, expected):
    assert (name in system_subjects(layout_of(text).words, VOCABULARY)) is expected


# --- numbered lists of contributions ----------------------------------------------------------------

def contributions(text: str) -> set[tuple[str, str, bool]]:
    layout = layout_of(text)
    return {(layout.span_text(c.start, c.end), c.type, c.proposed)
            for c in enumerated_contributions(layout, default_vocabulary())}


@pytest.mark.parametrize("text, expected", [
    ("We empower it through three key contributions: (1) a stable tool environment that supports tools; "
     "(2) a hierarchical data curation framework that identifies data; and (3) a cascaded training recipe.",
     {("stable tool environment", "method", True), ("hierarchical data curation framework", "method", True),
      ("cascaded training recipe", "method", True)}),
    ("UniSurg introduces three innovations: 1) motion-guided latent prediction to prioritize regions, "
     "2) spatiotemporal affinity self-distillation to enforce consistency.",
     {("motion-guided latent prediction", "method", True),
      ("spatiotemporal affinity self-distillation", "method", True)}),
    ("We release two resources: (i) a large-scale surgical benchmark and (ii) a new agreement score.",
     {("large-scale surgical benchmark", "dataset", True), ("agreement score", "metric", True)}),
    ("We define two new tasks: (a) hateful video localization and (b) hateful video classification.",
     {("hateful video localization", "task", False), ("hateful video classification", "task", False)}),
])
def test_enumerated_contributions_are_proposed_components(text, expected):
    assert contributions(text) == expected


@pytest.mark.parametrize("text", [
    "Existing methods suffer from (1) limited context and (2) noisy labels.",  # no proposal cue
    "Our contributions: (1) we propose a model; (2) we release code.",  # items are clauses
    "We propose two steps: (1) integration, (2) coarse scales, (3) temporally-invariant.",  # no component
    "We contribute (1) cross-center performance gains of (2) a framework.",  # generic heads only
])
def test_enumerated_contributions_reject_non_components(text):
    assert contributions(text) == set()


def examples(text: str) -> set[tuple[str, str]]:
    layout = layout_of(text)
    return typed(layout, listed_examples(layout, VOCABULARY))


@pytest.mark.parametrize("text, expected", [
    ("MExD is validated on three widely-used benchmarks-Camelyon16, TCGA-NSCLC, and BRACS consistently.",
     {("Camelyon16", "dataset"), ("TCGA-NSCLC", "dataset"), ("BRACS", "dataset")}),
    ("We test on two datasets: AffectNet and RAF-DB.", {("AffectNet", "dataset"), ("RAF-DB", "dataset")}),
    ("It covers three tasks: (i) depth estimation, (ii) optical flow.",
     {("depth estimation", "task"), ("optical flow", "task")}),
])
def test_a_colon_or_dash_after_a_plural_type_noun_opens_a_list(text, expected):
    assert examples(text) == expected


@pytest.mark.parametrize("text, expected", [
    # regression: the item stopped at the verb-like "rewrite", and "proof-derived" was a proposed method
    ("It uses novel techniques including proof-derived rewrite motif caching and tractability guidance.", set()),
    ("It uses techniques such as pruning and distillation for speed.",
     {("pruning", "method"), ("distillation", "method")}),
])
def test_a_listed_item_cut_short_by_a_word_is_no_example(text, expected):
    assert examples(text) == expected


def test_a_list_of_domains_names_no_entities():
    assert examples("It spans many domains: news, fashion and robotics.") == set()


def test_dash_after_a_plural_noun_is_no_hyphen():
    # regression: "benchmarks-Camelyon16" was one name, a method
    assert "Camelyon16" in [w.text for w in layout_of("three benchmarks-Camelyon16 and BRACS").words]


def test_coordinated_modifiers_of_a_shared_noun_are_no_examples():
    # regression: "proprietary", "open-weight" and "reasoning" became methods
    text = "We evaluate 26 LLMs, including proprietary, open-weight, Japanese-specialised, and reasoning models."
    assert examples(text) == set()


@pytest.mark.parametrize("text, task", [
    ("Transformers have revolutionized object detection.", "object detection"),
    ("The encoder is pretrained face recognition features.", "face recognition"),
])
def test_a_participle_after_an_auxiliary_is_no_modifier(text, task):
    layout = layout_of(text)
    found = texts(layout, head_phrase_candidates(layout, VOCABULARY))
    assert task in found and not any(t.endswith(task) and t != task for t in found)


@pytest.mark.parametrize("text, phrase", [
    ("We promote tile-based culling to 3D.", "tile-based culling"),
    ("Models are fitted with genetic programming and Cox regression.", "genetic programming"),
    ("Our KV gate and forget gates decay states.", "forget gates"),
])
def test_technique_nouns_head_methods(text, phrase):
    layout = layout_of(text)
    assert (phrase, "method") in typed(layout, head_phrase_candidates(layout, VOCABULARY))


@pytest.mark.parametrize("text, phrase, entity_type", [
    ("We use Bayesian optimization with Laplacian smoothing.", "Laplacian smoothing", "method"),
    ("Results on Chinese spelling correction improve.", "Chinese spelling correction", "task"),
])
def test_an_eponym_or_language_modifies_a_lower_case_head(text, phrase, entity_type):
    layout = layout_of(text)
    assert (phrase, entity_type) in typed(layout, head_phrase_candidates(layout, VOCABULARY))


@pytest.mark.parametrize("text, expected", [
    # regression: application areas were tasks ("healthcare", "personal assistance")
    ("It matters in domains such as healthcare and finance.", set()),
    ("We caution against applications such as personal assistance and policy research.", set()),
    ("It helps applications such as image retrieval and object detection.",
     {("image retrieval", "task"), ("object detection", "task")}),
])
def test_listed_areas_are_tasks_only_by_their_head(text, expected):
    assert examples(text) == expected


@pytest.mark.parametrize("text, expected", [
    # regression: "manual annotation" and "human annotation" were among the corpus's most cited tasks
    ("This avoids costly manual annotation and human annotation.", set()),
    ("We study LLMs for data annotation.", {("data annotation", "task")}),
])
def test_annotation_is_a_task_only_with_a_cue(text, expected):
    assert {h for h in heads(text) if h[1] == "task"} == expected


@pytest.mark.parametrize("text, expected", [
    # regression: "the automatic generation of questions" gave the task "automatic generation"
    ("It hinders the automatic generation of questions and automated detection.", set()),
    ("We study automatic speech recognition.", {("automatic speech recognition", "task")}),
])
def test_a_manner_adjective_alone_makes_no_task(text, expected):
    assert {h for h in heads(text) if h[1] == "task"} == expected


@pytest.mark.parametrize("text, expected", [
    # regression: "offloading" is mostly a verb in the corpus, so the phrase was lost
    ("CLM uses a novel offloading strategy.", {("offloading strategy", "method")}),
    ("It reduces memory by offloading Gaussians to the CPU with a strategy.", set()),
    # regression: "high-quality training data" gave the method "high-quality training"
    ("It needs high-quality training data and incurs prohibitive training cost.", set()),
    ("We use contrastive training for the encoder.", {("contrastive training", "method")}),
    # regression: "prevailing data augmentation", "a dedicated gating module" kept their adjective
    ("We replace prevailing data augmentation with a dedicated gating module.",
     {("data augmentation", "method"), ("gating module", "method")}),
])
def test_method_phrases_take_only_modifiers_that_classify(text, expected):
    assert {h for h in heads(text) if h[1] == "method"} == expected


@pytest.mark.parametrize("text, expected", [
    ("Agents show an average leakage of 67.9% on scenarios.", {"leakage"}),
    ("PACE achieves 19.50% faster time-to-competence and 10.95% higher terminal mastery than tutors.",
     {"time-to-competence", "terminal mastery"}),
    ("It brings a reduction of 30% and a 5% gain with 2% higher unprecedented accuracy.", set()),
    ("A total of 45% of the images and 12% more data.", set()),
])
def test_what_a_percentage_is_reported_of_is_a_measure(text, expected):
    layout = layout_of(text)
    assert set(texts(layout, reported_measures(layout, default_vocabulary()))) == expected


@pytest.mark.parametrize("text, expected", [
    ("We use a set of metrics that capture diversity, novelty, and utility.", {"diversity", "novelty", "utility"}),
    ("Judged on three criteria: fluency, coherence and relevance.", {"fluency", "coherence", "relevance"}),
    ("It improves accuracy, efficiency and robustness.", set()),  # no word for measures: qualities
    ("Standard metrics are used.", set()),
    ("It keeps basic editing performance (reliability, locality, and generality) high.",
     {"reliability", "locality", "generality"}),
    ("It improves performance (see Section 4, Table 2).", set()),
    ("It improves performance (reliability, locality and generality of edits).", set()),  # not closed by the list
    ("It improves performance reliability, locality and generality.", set()),  # performance alone: in brackets only
])
def test_a_list_after_a_word_for_measures_lists_measures(text, expected):
    layout = layout_of(text)
    assert set(texts(layout, listed_measures(layout, default_vocabulary()))) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("we design a new loss", True),
    ("a new dataset is presented", True),
    ("we analyse scaling under different design choices", False),
    ("in the present work we study rates", False),
    ("our proposed method fooNet is fast", True),
    ("our model introduces a gate", True),
    ("a framework that introduces a gate", True),
])
def test_a_proposal_verb_used_as_a_noun_proposes_nothing(sentence, expected):
    # regression: "under different design choices, focusing on (1) ... (2) depthwise convolution"
    # made the studied items proposed methods
    assert has_proposal_verb(sentence.split(), default_vocabulary()) is expected


def test_the_object_of_a_proposal_verb_used_as_a_noun_is_no_proposal():
    # a proposal verb's noun ("under different design choices") introduces nothing after it
    nlp = load_pipeline()
    doc = nlp("We analyse scaling under different design choices of linear attention. We design a gated attention.")
    layout = make_layout(doc, default_vocabulary())
    first, second = (next(t.i for t in doc if t.text == "attention" and t.sent.start == s.start) for s in doc.sents)
    assert not layout.object_of_proposal(first, default_vocabulary())
    assert layout.object_of_proposal(second, default_vocabulary())


@pytest.mark.parametrize("sentence, name, expected", [
    ("We propose SpecNet for LLMs.", "SpecNet", True),
    # regression: what a proposal is for or on was proposed with it
    ("We propose a pruning method for LLMs.", "LLMs", False),
    ("This paper presents a survey on distributed solutions for various LMs.", "LMs", False),
])
def test_what_a_proposal_is_for_is_not_its_object(sentence, name, expected):
    doc = load_pipeline()(sentence)
    token = next(t.i for t in doc if t.text == name)
    assert make_layout(doc, default_vocabulary()).object_of_proposal(token, default_vocabulary()) is expected
