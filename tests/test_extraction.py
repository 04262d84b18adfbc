"""End-to-end tests of kg.extract on small, realistic (fictional) abstracts written for these tests.

The proposed method names (GateMix, SpoofDiff, VIMOS, DomainLift, CascadeWarp) are invented; the
prior methods, datasets and metrics they mention are real, well-known ones.
"""

from __future__ import annotations

import pytest

from kg.extract import AcronymPair, Extraction, extract
from kg.papers import Paper

ABSTRACTS = {
    "moe": (
        "Sparse mixture of experts (MoE) models let Vision Transformers (ViTs) grow without a matching growth "
        "in compute. However, the router often collapses onto a few experts. We propose GateMix, a "
        "load-balanced routing framework for MoE models. GateMix employs a Token Affinity Router that assigns "
        "tokens by learned prototypes, and an Expert Dropout Regularizer that prevents collapse. We build on "
        "CLIP and compare against ResNet-50 and Swin Transformer. Extensive experiments on ImageNet and COCO "
        "show that our model improves top-1 accuracy by 1.8% while reducing inference time by 23%."
    ),
    "fas": (
        "Face anti-spoofing (FAS) protects face recognition systems from presentation attacks. Existing FAS "
        "models overfit to the attack types seen in training. In this paper we propose SpoofDiff, a "
        "diffusion-based data synthesis framework that generates diverse attack samples. SpoofDiff contains a "
        "Live-Spoof Disentangling Encoder and a Trace Injection Module. A lightweight ResNet-50 classifier "
        "trained on the augmented data requires no architectural change. Experiments on the OULU-NPU and "
        "CASIA-FASD datasets show that SpoofDiff reduces the half total error rate (HTER) by 5.3%."
    ),
    "bench": (
        "Multimodal large language models (MLLMs) still struggle with fine-grained temporal reasoning. We "
        "introduce a new dataset named VIMOS for video motion understanding, with 12,000 annotated clips. We "
        "evaluate GPT-4o, LLaVA-1.5 and Qwen2-VL on VIMOS and find that all of them fall below 60% accuracy. "
        "Our analysis shows that the proposed method benefits from chain-of-thought prompting."
    ),
    "seg": (
        "Cross-domain few-shot segmentation (CD-FSS) aims to segment novel classes in unseen domains from a "
        "handful of labelled images. We present DomainLift, a training-free adapter for the Segment Anything "
        "Model (SAM). DomainLift uses a region-lifted preference mechanism to select reliable prompts. "
        "DomainLift achieves a mean intersection over union (mIoU) of 62.4 on four benchmark datasets, "
        "outperforming prior CD-FSS methods."
    ),
    "reg": (
        "CNNs (convolutional neural networks) are widely used for deformable image registration (DIR). We "
        "propose CascadeWarp, a recurrent registration network. A Correlation Pyramid Module computes local "
        "cost volumes, and CascadeWarp is compared with VoxelMorph and TransMorph. Results on OASIS show that "
        "CascadeWarp improves the Dice similarity coefficient (DSC) by 1.9%."
    ),
    "nlp": (
        "Pre-trained language models such as BERT and RoBERTa dominate natural language understanding. This "
        "study analyses their robustness to typos. We evaluate both models on SST-2 and MNLI and measure the "
        "attack success rate (ASR), which exceeds 40% for character-level perturbations."
    ),
}
ENTITY_TYPES = {"method", "dataset", "task", "metric"}


@pytest.fixture(scope="module")
def extractions() -> dict[str, Extraction]:
    return {e.paper_id: e for e in extract(Paper(key, text) for key, text in ABSTRACTS.items())}


def extract_one(text: str) -> Extraction:
    (extraction,) = extract([Paper("p", text)])
    return extraction


def mentions_of(extraction: Extraction, text: str):
    return [m for m in extraction.mentions if m.text == text]


# --- acronyms --------------------------------------------------------------------------------------

@pytest.mark.parametrize("paper, short, long", [
    ("moe", "MoE", "mixture of experts"),
    ("moe", "ViTs", "Vision Transformers"),
    ("fas", "FAS", "Face anti-spoofing"),
    ("fas", "HTER", "half total error rate"),
    ("bench", "MLLMs", "Multimodal large language models"),
    ("seg", "CD-FSS", "Cross-domain few-shot segmentation"),
    ("seg", "SAM", "Segment Anything Model"),
    ("seg", "mIoU", "mean intersection over union"),
    ("reg", "CNNs", "convolutional neural networks"),  # short form first
    ("reg", "DIR", "deformable image registration"),
    ("reg", "DSC", "Dice similarity coefficient"),
    ("nlp", "ASR", "attack success rate"),
])
def test_acronym_pairs_in_both_orders(extractions, paper, short, long):
    assert AcronymPair(short, long) in extractions[paper].acronyms


def test_no_spurious_acronym_pairs(extractions):
    # every pair found is one of the definitions written in the abstracts
    assert len(extractions["moe"].acronyms) == 2
    assert len(extractions["fas"].acronyms) == 2
    assert len(extractions["reg"].acronyms) == 3
    assert len(extractions["nlp"].acronyms) == 1


# --- typed mentions --------------------------------------------------------------------------------

@pytest.mark.parametrize("paper, text, entity_type", [
    ("moe", "mixture of experts", "method"),
    ("moe", "MoE", "method"),
    ("moe", "Vision Transformers", "method"),
    ("moe", "CLIP", "method"),
    ("moe", "ResNet-50", "method"),
    ("moe", "Swin Transformer", "method"),
    ("moe", "ImageNet", "dataset"),
    ("moe", "COCO", "dataset"),
    ("moe", "top-1 accuracy", "metric"),
    ("moe", "inference time", "metric"),
    ("fas", "Face anti-spoofing", "task"),
    ("fas", "FAS", "task"),
    ("fas", "face recognition", "task"),
    ("fas", "OULU-NPU", "dataset"),
    ("fas", "CASIA-FASD", "dataset"),
    ("fas", "half total error rate", "metric"),
    ("fas", "HTER", "metric"),
    ("bench", "VIMOS", "dataset"),
    ("bench", "GPT-4o", "method"),
    ("bench", "LLaVA-1.5", "method"),
    ("bench", "Qwen2-VL", "method"),
    ("bench", "accuracy", "metric"),
    ("seg", "Cross-domain few-shot segmentation", "task"),
    ("seg", "CD-FSS", "task"),
    ("seg", "Segment Anything Model", "method"),
    ("seg", "mean intersection over union", "metric"),
    ("seg", "mIoU", "metric"),
    ("seg", "region-lifted preference mechanism", "method"),
    ("reg", "convolutional neural networks", "method"),
    ("reg", "CNNs", "method"),
    ("reg", "deformable image registration", "task"),
    ("reg", "VoxelMorph", "method"),
    ("reg", "OASIS", "dataset"),
    ("reg", "Dice similarity coefficient", "metric"),
    ("nlp", "BERT", "method"),
    ("nlp", "RoBERTa", "method"),
    ("nlp", "natural language understanding", "task"),
    ("nlp", "SST-2", "dataset"),
    ("nlp", "MNLI", "dataset"),
    ("nlp", "attack success rate", "metric"),
])
def test_typed_mentions(extractions, paper, text, entity_type):
    found = mentions_of(extractions[paper], text)
    assert found, f"{text!r} not found in {paper}"
    assert {m.type for m in found} == {entity_type}


def test_every_occurrence_of_a_name_is_a_mention(extractions):
    assert len(mentions_of(extractions["fas"], "SpoofDiff")) == 3
    assert len(mentions_of(extractions["seg"], "DomainLift")) == 3
    assert len(mentions_of(extractions["bench"], "VIMOS")) == 2
    assert len(mentions_of(extractions["seg"], "CD-FSS")) == 2


# --- proposed --------------------------------------------------------------------------------------

@pytest.mark.parametrize("paper, text", [
    ("moe", "GateMix"),
    ("moe", "Token Affinity Router"),  # named sub-modules
    ("moe", "Expert Dropout Regularizer"),
    ("fas", "SpoofDiff"),
    ("fas", "Live-Spoof Disentangling Encoder"),
    ("fas", "Trace Injection Module"),
    ("bench", "VIMOS"),  # a new dataset
    ("seg", "DomainLift"),
    ("reg", "CascadeWarp"),
    ("reg", "Correlation Pyramid Module"),
])
def test_the_papers_own_names_are_proposed_at_every_mention(extractions, paper, text):
    found = mentions_of(extractions[paper], text)
    assert found and all(m.proposed for m in found)


@pytest.mark.parametrize("paper, text", [
    ("moe", "CLIP"),
    ("moe", "ResNet-50"),
    ("moe", "Swin Transformer"),
    ("moe", "MoE"),  # "a routing framework for MoE models": used, not proposed
    ("moe", "ImageNet"),
    ("fas", "ResNet-50"),
    ("fas", "OULU-NPU"),
    ("fas", "FAS"),
    ("bench", "GPT-4o"),
    ("bench", "LLaVA-1.5"),
    ("seg", "Segment Anything Model"),
    ("seg", "SAM"),
    ("reg", "VoxelMorph"),
    ("reg", "TransMorph"),
    ("reg", "CNNs"),
])
def test_prior_work_the_paper_uses_is_not_proposed(extractions, paper, text):
    found = mentions_of(extractions[paper], text)
    assert found and not any(m.proposed for m in found)


def test_a_paper_that_introduces_nothing_proposes_nothing(extractions):
    assert extractions["nlp"].mentions
    assert not any(m.proposed for m in extractions["nlp"].mentions)


# --- offsets, evidence, order ----------------------------------------------------------------------

@pytest.mark.parametrize("paper", sorted(ABSTRACTS))
def test_offsets_are_exact_and_evidence_is_the_mentions_sentence(extractions, paper):
    text = ABSTRACTS[paper]
    for m in extractions[paper].mentions:
        assert text[m.start:m.end] == m.text
        assert m.text == m.text.strip() and m.text
        assert m.type in ENTITY_TYPES
        assert m.sentence in text
        # the evidence sentence is the one that holds the mention
        starts = [i for i in range(len(text)) if text.startswith(m.sentence, i)]
        assert any(i <= m.start and m.end <= i + len(m.sentence) for i in starts), m


@pytest.mark.parametrize("paper", sorted(ABSTRACTS))
def test_mentions_are_in_text_order_and_do_not_overlap(extractions, paper):
    found = extractions[paper].mentions
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


def test_evidence_sentence_is_the_whole_sentence(extractions):
    (clip,) = mentions_of(extractions["moe"], "CLIP")
    assert clip.sentence == "We build on CLIP and compare against ResNet-50 and Swin Transformer."


# --- junk ------------------------------------------------------------------------------------------

GENERIC = ["our model", "extensive experiments", "the proposed method", "proposed method", "model", "models",
           "framework", "experiments", "our analysis", "analysis", "baselines", "benchmark datasets", "methods",
           "results", "prompts", "classes"]


@pytest.mark.parametrize("paper", sorted(ABSTRACTS))
def test_no_generic_phrases_become_mentions(extractions, paper):
    for m in extractions[paper].mentions:
        assert m.text.lower() not in GENERIC, m


@pytest.mark.parametrize("text", [
    "Our model outperforms the baseline. Extensive experiments show that the proposed method is effective.",
    "Our framework achieves state-of-the-art performance on several benchmarks.",
    "The proposed approach is simple and our network is fast. We conduct extensive experiments.",
    "Existing methods rely on complex pipelines and large models.",
    # regression: roles and classes of techniques were methods ("frozen RGB backbone", "fusion strategies")
    "It keeps the frozen RGB backbone and a general-purpose backbone, using widely adopted fusion strategies.",
])
def test_generic_sentences_give_no_mentions(text):
    assert extract_one(text).mentions == ()


def test_four_benchmark_datasets_is_no_dataset(extractions):
    assert not [m for m in extractions["seg"].mentions if m.type == "dataset"]


# --- determinism -----------------------------------------------------------------------------------

def test_output_is_deterministic_and_independent_of_paper_order(extractions):
    papers = [Paper(key, text) for key, text in ABSTRACTS.items()]
    again = {e.paper_id: e for e in extract(reversed(papers))}
    assert again == extractions
    assert [e.paper_id for e in extract(papers[:2])] == ["moe", "fas"]  # input order kept


def test_empty_abstract_gives_an_empty_extraction():
    assert extract_one("") == Extraction("p", (), ())


# --- known bugs ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, metric", [
    ("We report top-1 accuracy of 81.2% on ImageNet.", "top-1 accuracy"),
    ("We evaluate GPT-4o and report accuracy and F1 score of 71.2.", "accuracy"),
])
def test_reporting_verb_is_not_part_of_a_metric(text, metric):
    metrics = {m.text for m in extract_one(text).mentions if m.type == "metric"}
    assert metric in metrics
    assert not any(m.lower().startswith("report") for m in metrics)


def test_ordinary_words_do_not_match_a_one_word_camel_case_name():
    found = extract_one("Sparse MoE layers scale Vision Transformers to billions of parameters.").mentions
    assert "layers scale" not in {m.text for m in found}


@pytest.mark.parametrize("text", [
    "We propose GateMix.\nGateMix builds on CLIP.\n\nIt beats ResNet-50.",
    "We propose GateMix.  GateMix builds on CLIP.  It beats ResNet-50.",
])
def test_line_breaks_and_double_spaces_do_not_join_names(text):
    found = [m.text for m in extract_one(text).mentions]
    assert found == ["GateMix", "GateMix", "CLIP", "ResNet-50"]


@pytest.mark.parametrize("text, short", [
    ("We fuse SAM with Masked Autoencoder (MAE)-guided cellular priors.", "MAE"),
    ("A Graph Neural Network (GNN)-based encoder reads the molecule.", "GNN"),
])
def test_acronym_before_a_hyphenated_suffix_leaves_the_bracket_out(text, short):
    # regression: the short form came out as "MAE)-guided"
    assert [a.short for a in extract_one(text).acronyms] == [short]


@pytest.mark.parametrize("name", ["GPT-4.1", "Qwen2.5", "Llama-3.3", "Gemini-2.5-Flash"])
def test_a_version_of_a_known_model_is_a_method(name):
    # regression: "GPT-4.1" was missed, "Gemini-2.5-Flash" in "evaluated on ..." became a dataset
    text = f"This paper presents an experiment in which {name} was evaluated on MMLU and GSM8K."
    assert (name, "method") in {(m.text, m.type) for m in extract_one(text).mentions}


def test_a_version_of_an_unknown_name_is_not_a_method():
    assert "COVID-19" not in {m.text for m in extract_one("We study COVID-19 records.").mentions}


def test_reported_statistics_end_at_the_relation_sign():
    # regression: "Cohen's d=4.15", "Pearson r = 0.8" and "F1-score >" lost or swallowed the sign
    text = ("Effects are large (Cohen's d=4.15; Kruskal-Wallis H=393.5, p<0.001), Cramer's V=0.39, "
            "and the F1-score > 0.9 with Pearson r = 0.8.")
    metrics = {m.text for m in extract_one(text).mentions if m.type == "metric"}
    assert {"Cohen's d", "Kruskal-Wallis H", "Cramer's V", "F1-score", "Pearson r"} <= metrics
    assert not any(sign in m for m in metrics for sign in "=<>")


def test_the_symbol_of_a_reported_quantity_is_no_entity():
    # regression: "(SD=15.5)" gave a dataset SD once "=" ended the word
    text = "Players played 37.4 rounds (SD=15.5) on MMLU with GPT-4 (N=8), reaching accuracy=0.91."
    assert {(m.text, m.type) for m in extract_one(text).mentions} == {
        ("MMLU", "dataset"), ("GPT-4", "method"), ("accuracy", "metric")}


def test_a_new_name_reporting_the_results_is_proposed():
    text = ("Existing segmentation models fail on ultrasound. This paper proposes a segmentation model based "
            "on feature perception. After extensive validation, the FAMSeg network achieved the best performance.")
    assert {m.text for m in extract_one(text).mentions if m.proposed} == {"FAMSeg"}


def test_prior_work_from_the_background_reporting_results_is_not_proposed():
    text = ("GRPO achieves strong results in reasoning. We propose λ-PO, which reweights tokens. "
            "Compared with it, GRPO achieves lower accuracy.")
    assert "GRPO" not in {m.text for m in extract_one(text).mentions if m.proposed}


@pytest.mark.parametrize("text, expected", [
    ("we propose APEX, an Adaptive Prompt EXtraction framework that retrieves prompts.",
     {("APEX", "method", True), ("Adaptive Prompt EXtraction", "method", True)}),
    ("We introduce JBE-QA, a Japanese Bar Exam Question-Answering dataset to evaluate GPT-4o.",
     {("JBE-QA", "dataset", True), ("Japanese Bar Exam Question-Answering", "dataset", True), ("GPT-4o", "method", False)}),
    ("Face anti-spoofing (FAS) models fail.", {("Face anti-spoofing", "task", False), ("FAS", "task", False)}),
])
def test_the_noun_after_an_apposition_types_the_definition(text, expected):
    # regression: "APEX, an Adaptive Prompt EXtraction framework" was a task, by "Extraction"
    assert {(m.text, m.type, m.proposed) for m in extract_one(text).mentions} == expected


def test_a_bracketed_acronym_before_a_usage_suffix_is_the_acronym():
    # regression: "large language model (LLM)-based tutors" gave the method "LLM)"
    found = {(m.text, m.type) for m in extract_one("We study large language model (LLM)-based tutors.").mentions}
    assert found == {("large language model", "method"), ("LLM", "method")}


def test_an_acronym_of_a_kind_of_data_is_no_method():
    # regression: with "whole slide images" gone from the task lexicon, WSI became a method
    found = {(m.text, m.type) for m in extract_one(
        "Whole Slide Image (WSI) classification is hard. MExD is the first generative strategy in WSI classification.").mentions}
    assert ("WSI classification", "task") in found
    assert not any(t == "method" and text.startswith(("WSI", "Whole")) for text, t in found)


@pytest.mark.parametrize("text", [
    # regression: "human-AI" and "non-English" were among the most frequent methods of the corpus
    "We study human-AI collaboration in non-English settings with multi-LLM debate and Self-RAG.",
    # regression: an adjective's compound ("lowest-HES", "top-K") was a method too
    "We keep the lowest-HES samples, the top-K tokens and high-SNR frames with Self-RAG.",
])
def test_a_prefix_compound_of_a_name_is_no_method(text):
    assert {m.text for m in extract_one(text).mentions} == {"Self-RAG"}


def test_what_a_proposal_is_built_on_is_not_proposed():
    # regression: "Built on the Video Joint Embedding Predictive Architecture (V-JEPA), UniSurg introduces
    # ..." made V-JEPA a proposal
    text = ("We present UniSurg, a video foundation model. Built on the Video Joint Embedding Predictive "
            "Architecture (V-JEPA), UniSurg introduces motion-guided latent prediction.")
    proposed = {m.text for m in extract_one(text).mentions if m.proposed}
    assert "UniSurg" in proposed and not proposed & {"V-JEPA", "Video Joint Embedding Predictive Architecture"}


@pytest.mark.parametrize("name", ["mAP-IVT", "F1-macro", "BERTScore-F1"])
def test_a_variant_of_a_known_metric_is_a_metric(name):
    # regression: "39.54% mAP-IVT on CholecT50" gave the method mAP-IVT
    text = f"It reaches 39.54% {name} on CholecT50."
    assert (name, "metric") in {(m.text, m.type) for m in extract_one(text).mentions}


def test_a_stop_name_before_a_usage_suffix_is_no_entity():
    # regression: "AI-based tools" made AI one of the most frequent methods of the corpus
    assert extract_one("Researchers use modern, AI-based tools and GPU-based kernels.").mentions == ()


def test_a_defined_kind_of_a_known_term_takes_its_type():
    # regression: "Open-set domain generalization (OSDG)" was untyped, leaving "domain generalization"
    text = "Open-set domain generalization (OSDG) for hyperspectral image classification is hard. We study OSDG."
    found = {(m.text, m.type) for m in extract_one(text).mentions}
    assert {("Open-set domain generalization", "task"), ("OSDG", "task")} <= found
    assert ("domain generalization", "task") not in found


@pytest.mark.parametrize("text, used", [
    # an evaluation sentence: the means are the setting, not the proposal
    ("We propose SSUD. We evaluate SSUD on three benchmarks using a widely adopted late-fusion mechanism.",
     "late-fusion mechanism"),
    # a name, not a description: prior work the proposal uses
    ("We propose SSUD, which detects outliers using Latent Dirichlet Allocation.", "Latent Dirichlet Allocation"),
])
def test_means_of_an_evaluation_or_named_techniques_are_not_proposed(text, used):
    found = {m.text: m.proposed for m in extract_one(text).mentions}
    assert found.get(used) is False


def test_an_eponymous_technique_is_a_method_the_paper_uses():
    # regression: "Cox" was no modifier (too rare for the word class), then a capitalised phrase
    # after a proposal looked like a named sub-module
    text = "We propose an interpretable survival framework. Risk estimation employs a transparent Cox regression."
    found = {(m.text, m.type, m.proposed) for m in extract_one(text).mentions}
    assert ("Cox regression", "method", False) in found


@pytest.mark.parametrize("text, name", [
    # what a named proposal works through
    ("We introduce AdvGRPO, a co-training framework that makes PPO viable using decoupled advantage normalization.",
     "decoupled advantage normalization"),
    ("We propose SSUD. The SSUD module makes open-set decisions through adaptive rejection thresholding.",
     "adaptive rejection thresholding"),
    # regression: the comma after "method" ended the proposal's object before its name
    ("We propose a new zero-shot prompting method, Question-Guided Chain-of-Captions (QG-CoC), for images.",
     "Question-Guided Chain-of-Captions"),
    # regression: "featuring" gave no parts, though "features" did
    ("This paper introduces Mantis, a novel framework featuring a Disentangled Visual Foresight (DVF).",
     "Disentangled Visual Foresight"),
])
def test_a_proposal_its_parts_and_what_it_works_through_are_proposed(text, name):
    proposed = {m.text for m in extract_one(text).mentions if m.proposed}
    assert name in proposed and "PPO" not in proposed


@pytest.mark.parametrize("text, proposed, used", [
    # regression: a new metric could not be proposed at all
    ("We propose the Visual Robustness Score (VRS), a new metric. Our model reaches a segmentation accuracy of 90%.",
     {"Visual Robustness Score", "VRS"}, "segmentation accuracy"),
])
def test_a_named_new_metric_is_proposed_a_descriptive_one_is_not(text, proposed, used):
    found = {m.text: m.proposed for m in extract_one(text).mentions}
    assert {t for t, p in found.items() if p} == proposed and found.get(used) is False


def test_a_proposal_named_after_a_defined_task_acronym_is_a_method_and_the_background_is_not_proposed():
    # regression: "GradSync-TTT, which learns the auxiliary task" was typed a task by the clause's
    # noun; "Test-time training (TTT)" opening the abstract looked like a named sub-module; and
    # "the auxiliary loss" of a clause after "uses" was a part of the proposal
    text = ("Test-time training (TTT) adapts a model to each test sample. We introduce GradSync-TTT, which learns "
            "the auxiliary task. GradSync-TTT further uses an Episodic Reset Strategy that restores the source "
            "weights whenever the auxiliary loss diverges.")
    found = {(m.text, m.type, m.proposed) for m in extract_one(text).mentions}
    assert ("GradSync-TTT", "method", True) in found and ("Episodic Reset Strategy", "method", True) in found
    assert {("Test-time training", "method", False), ("TTT", "method", False), ("auxiliary loss", "method", False)} <= found


def test_baselines_a_method_improves_over_are_methods():
    # regression: "over" read like "on" in an evaluation sentence, so the baselines were datasets
    text = "Extensive experiments on OASIS show that CascadeWarp improves the Dice score over VoxelMorph and TransMorph."
    found = {(m.text, m.type) for m in extract_one(text).mentions}
    assert {("VoxelMorph", "method"), ("TransMorph", "method"), ("OASIS", "dataset")} <= found


@pytest.mark.parametrize("text", [
    # regression: a Title Case long form made "National Science Foundation (NSF)" a method
    "Case studies on the National Defense Authorization Act (NDAA) and the National Science Foundation (NSF).",
    # regression: a body named "Department of ..." was a method too
    "Trainees of the Metro Nashville Department of Emergency Communications (MNDEC) took part.",
    # regression: Title Case long forms of places and conditions were methods
    "Languages of the Southeast Asian (SEA) region are under-represented.",
    "Attention Deficit Hyperactivity Disorder (ADHD) is common in children.",
])
def test_a_defined_body_law_place_or_condition_is_no_entity(text):
    assert extract_one(text).mentions == ()


def test_a_method_with_a_word_for_a_body_in_its_name_stays_a_method():
    text = "We propose the Reason and Act Transformer (RAT). RAT is fast."
    assert ("Reason and Act Transformer", "method") in {(m.text, m.type) for m in extract_one(text).mentions}


def test_an_abstracts_own_definition_types_a_name_the_lexicon_knows_otherwise():
    # regression: GEM is a benchmark in the lexicon, so the paper's own GEM module was a dataset
    text = "We introduce the Geometric Encoding Mixer (GEM), a novel module for point cloud transformers. GEM is fast."
    found = {(m.text, m.type) for m in extract_one(text).mentions}
    assert ("GEM", "method") in found and ("GEM", "dataset") not in found


def test_a_direction_is_no_name():
    # regression: "GPU-to-CPU communication" gave the method "GPU-to-CPU"
    text = "It overlaps GPU-to-CPU communication along its Earth-to-Moon trajectory with Text-to-SQL models."
    assert {m.text for m in extract_one(text).mentions} == {"Text-to-SQL"}


def test_a_latex_quotation_mark_is_not_part_of_a_name():
    # regression: "``Integrity''" gave the method "``Integrity"
    assert {m.text for m in extract_one("We use ``CLIP'' features.").mentions} == {"CLIP"}


def test_data_evaluated_over_is_still_data():
    text = "Extensive experiments on the protocols over OULU-NPU and Idiap Replay-Attack show gains."
    assert ("Idiap Replay-Attack", "dataset") in {(m.text, m.type) for m in extract_one(text).mentions}


def test_a_place_is_no_entity():
    # regression: mid-sentence Title Case made "Sub-Saharan Africa" and "United States" methods
    text = "This affects the Middle East, Sub-Saharan Africa and the United States, unlike the Reliability Filter."
    assert {m.text for m in extract_one(text).mentions} == {"Reliability Filter"}


def test_a_defined_spectral_band_is_no_entity():
    # regression: a Title Case long form made "Short-Wave Infrared (SWIR)" a method
    text = "It spans Near-Infrared (NIR), Short-Wave Infrared (SWIR), and Long-Wave Infrared (LWIR) imaging."
    assert extract_one(text).mentions == ()


def test_half_of_a_suspended_compound_is_no_entity():
    # regression: "AP- aligned questions" gave the metric "AP-"
    text = "We evaluated a sample of AP- aligned STEM questions and pre- and post-training checkpoints."
    assert not any(m.text.endswith("-") for m in extract_one(text).mentions)


@pytest.mark.parametrize("quantity", ["6-DoF", "7-DoF", "3-D"])
def test_degrees_of_freedom_and_dimensions_are_no_names(quantity):
    # regression: "unconstrained 6-DoF camera motion" gave the method "6-DoF"
    assert extract_one(f"Deployments involve unconstrained {quantity} camera motion.").mentions == ()


def test_an_unknown_name_before_a_component_word_names_the_component():
    # regression: "a KV gate" and "an EIS module" gave the methods "KV" and "EIS"
    text = "We propose a KV gate. The first is an EIS module that reduces blur, while the CLIP encoder is frozen."
    found = {(m.text, m.type) for m in extract_one(text).mentions}
    assert {("KV gate", "method"), ("EIS module", "method"), ("CLIP", "method")} <= found
    assert not {"KV", "EIS", "CLIP encoder"} & {text for text, _ in found}


def test_a_coined_name_listed_after_tasks_is_no_task():
    # regression: "the invariance tasks, such as iBOT or DINOv2" made iBOT a task
    text = "Trained alongside augmentation-based methods as the invariance tasks, such as iBOT or DINOv2, it learns."
    assert not any(m.type == "task" for m in extract_one(text).mentions)


def test_kinds_listed_after_benchmarks_are_no_datasets():
    # regression: "10 benchmarks, including base and distilled variants" gave the dataset "base"
    text = "We validate it on 10 benchmarks, including base and distilled variants."
    assert not any(m.type == "dataset" for m in extract_one(text).mentions)


def test_a_formula_cut_short_is_no_entity():
    # regression: "ρ2(BCH(2,m))" gave the method "ρ2(BCH(2,m"
    text = "We determine ρ2(BCH(2,m)) and ρ3(BCH(2,m)) for all m, using BCH codes."
    assert all(_balanced(m.text) for m in extract_one(text).mentions)


def _balanced(text: str) -> bool:
    return text.count("(") == text.count(")")


@pytest.mark.parametrize("text", [
    "We introduce DOLA, an autonomous large language model (LLM)-based agent for treatment plans.",
    "It incorporates a Bit Error Rate (BER)-aware decoder that adapts to channel conditions.",
    "It uses a Symbolic Reasoning Kernel (SRK)--a differentiable logic engine for constraints.",
])
def test_the_rest_of_a_word_after_a_bracket_is_no_entity(text):
    # regression: "-based agent", "-aware decoder" and "--a differentiable logic engine" were
    # methods, 276 of them on the full corpus
    assert not [m.text for m in extract_one(text).mentions if m.text.startswith("-")]


@pytest.mark.parametrize("text", [
    "Agents improve decision-making and denoising in games.",
    "The model handles disentanglement of styles.",
])
def test_a_one_word_task_needs_a_cue(text):
    # regression: passing mentions of "decision-making" and "denoising" were tasks
    assert not any(m.type == "task" for m in extract_one(text).mentions)


@pytest.mark.parametrize("text, task", [
    ("We tune it for denoising.", "denoising"),
    ("We study the denoising task.", "denoising"),
])
def test_a_one_word_task_with_a_cue_is_a_task(text, task):
    assert (task, "task") in {(m.text, m.type) for m in extract_one(text).mentions}


@pytest.mark.parametrize("text, absent", [
    ("The frozen vision encoder and a pre-trained classifier are kept.", "pre-trained classifier"),
    ("It uses off-the-shelf encoders for all inputs.", "off-the-shelf encoders"),
    ("Current open-source diffusion models struggle.", "open-source diffusion models"),  # "diffusion models"
    ("Proprietary LLMs do better.", "Proprietary LLMs"),
    ("We apply machine learning to imaging.", "machine learning"),  # a field, not a technique
    # an unnamed proposal needs a telling description, and a known one is that known method
    ("We propose a formal framework for agents.", "formal framework"),
    ("We propose a self-supervised learning approach for maps.", "self-supervised learning approach"),
])
def test_descriptions_that_name_no_method(text, absent):
    assert absent not in {m.text for m in extract_one(text).mentions}


def test_a_body_or_part_of_an_untyped_long_form_is_no_method():
    # regression: "Health Insurance Portability" (of HIPAA) and "U.S. Supreme Court" were methods
    text = ("It follows the Health Insurance Portability and Accountability Act (HIPAA) "
            "and rulings of the U.S. Supreme Court on privacy.")
    assert extract_one(text).mentions == ()


def test_copies_of_a_part_are_no_method():
    # regression: "cross-attention layers" and "adapter layers" were methods; the known technique stays
    found = {m.text for m in extract_one("It inserts cross-attention layers and adapter layers.").mentions}
    assert "cross-attention" in found and not {"cross-attention layers", "adapter layers"} & found


@pytest.mark.parametrize("text, task", [
    ("Semantic segmentation of 3D LiDAR data plays a pivotal role.", "Semantic segmentation of 3D LiDAR data"),
    ("We study emotion recognition of song lyrics.", "emotion recognition of song lyrics"),
    ("We improve the segmentation of the image.", None),  # a determiner: a clause, not a name
])
def test_a_task_keeps_what_it_is_done_to(text, task):
    tasks = {m.text for m in extract_one(text).mentions if m.type == "task"}
    assert (task in tasks) if task else not any(" of " in t for t in tasks)


def test_a_name_the_paper_introduces_is_proposed_even_if_a_lexicon_knows_it():
    # regression: "a novel network named SC-Net" was not proposed, since Papers with Code lists an SC-Net
    text = "We propose a novel network named SC-Net, which integrates context. SC-Net outperforms prior methods."
    assert [m.proposed for m in extract_one(text).mentions if m.text == "SC-Net"] == [True, True]


@pytest.mark.parametrize("text, known", [
    # regression: the object of "we introduce" was the paper's proposal, though the lexicon knows it
    ("Specifically, we introduce Mamba, a selective state-space model, to capture long-range "
     "dependencies in brain networks. Our method outperforms baselines.", "Mamba"),
    ("We introduce Group Relative Policy Optimization (GRPO) into video reasoning. It improves accuracy.",
     "Group Relative Policy Optimization"),
])
def test_a_known_technique_a_paper_introduces_into_its_work_is_not_proposed(text, known):
    assert [m.proposed for m in extract_one(text).mentions if m.text == known] == [False]


def test_a_release_of_a_known_model_is_never_proposed():
    # regression: "we fine-tune Llama3.1 8B" made the release a proposal
    text = "We propose VeriFast, and we fine-tune Llama3.1 8B on synthetic data. VeriFast achieves high accuracy."
    assert {m.text for m in extract_one(text).mentions if m.proposed} == {"VeriFast"}


@pytest.mark.parametrize("text, method", [
    ("We fine-tune a multimodal vision transformer on charts.", "multimodal vision transformer"),
    ("We train a conditional diffusion model for voxels.", "conditional diffusion model"),
    # regression: the generic "networks" and "architectures" dropped these for lack of a proposal
    ("We use graph convolution networks and graph attention networks.", "graph convolution networks"),
    ("It benefits from well-established transformer architectures.", "transformer architectures"),
])
def test_a_kind_of_a_known_model_keeps_its_modifiers(text, method):
    assert (method, "method") in {(m.text, m.type) for m in extract_one(text).mentions}


def test_a_known_model_with_a_kind_noun_is_never_proposed():
    # regression: "o1-mini models", no lexicon form, became a proposal of the abstract
    text = "We propose ChunkRank and compare it using GPT-4o and o1-mini models. ChunkRank is fast."
    assert {m.text for m in extract_one(text).mentions if m.proposed} == {"ChunkRank"}


@pytest.mark.parametrize("adverb", ["particularly", "namely", "especially"])
def test_a_focusing_adverb_is_no_part_of_a_name(adverb):
    # regression: "particularly" read as a manner adverb ("fully convolutional"), so the phrase took it
    found = {m.text for m in extract_one(f"Large models, {adverb} multimodal vision-language models, are strong.").mentions}
    assert "multimodal vision-language models" in found and not any(t.startswith(adverb) for t in found)


def test_a_gerund_before_a_known_model_is_its_verb():
    found = {m.text for m in extract_one("Costs grow when training diffusion models at scale.").mentions}
    assert "diffusion models" in found and "training diffusion models" not in found


def test_a_part_named_by_its_input_is_no_method():
    # regression: "the vision encoder" and "a text decoder" were methods
    found = extract_one("We keep the vision encoder and a text decoder, and add a fusion encoder.").mentions
    assert not {"vision encoder", "text decoder"} & {m.text for m in found}


def test_a_name_ending_in_a_size_in_thousands_is_a_dataset():
    # regression: "TSOD10K" (all capitals, so no shape-typed name) was missed
    assert ("TSOD10K", "dataset") in {(m.text, m.type) for m in extract_one("We build TSOD10K for detection.").mentions}


@pytest.mark.parametrize("name", ["CLIP-L", "SAM-H", "RNN-T", "ViT-B"])
def test_a_known_model_with_a_scale_letter_is_a_method(name):
    # regression: "a frozen CLIP-L text tower" gave nothing (all capitals, so no shape-typed name)
    assert (name, "method") in {(m.text, m.type) for m in extract_one(f"We encode it with a frozen {name} tower.").mentions}


@pytest.mark.parametrize("plural", ["LiDARs", "CSVs", "GPUs"])
def test_the_plural_of_a_stop_name_is_no_name(plural):
    # regression: "multiple LiDARs" and "exported CSVs" were methods
    assert not extract_one(f"The robot fuses readings from multiple {plural} at once.").mentions


@pytest.mark.parametrize("text, phrase", [
    ("It injects driving attention priors into the decoder.", "driving attention"),
    ("Gains hold on chart reasoning capabilities of small models.", "chart reasoning"),
    ("We inspect the learned attention weights of each layer.", "learned attention"),
])
def test_a_head_that_modifies_a_following_noun_is_no_entity(text, phrase):
    # regression: "driving attention priors" gave the method "driving attention"
    assert phrase not in {m.text for m in extract_one(text).mentions}


@pytest.mark.parametrize("acronym", ["IQA", "SLAM", "NLI", "KWS"])
def test_a_common_task_acronym_is_a_task_without_its_definition(acronym):
    # regression: an undefined "IQA" was a method or nothing; the lexicon knew only the long forms
    assert (acronym, "task") in {(m.text, m.type) for m in extract_one(f"We revisit {acronym} for phones.").mentions}


def test_capitals_alone_make_no_name():
    # regression: "Evaluation Criteria" and "Multiple Programming Languages" were methods
    text = "The study follows strict Evaluation Criteria and covers Multiple Programming Languages in code."
    assert not extract_one(text).mentions


@pytest.mark.parametrize("text, name", [
    ("It adds a Spectral Teacher to filter pseudo pulses.", "Spectral Teacher"),
    ("We introduce Scaffold Diffusion for voxels. By design, Scaffold Diffusion handles sparsity.",
     "Scaffold Diffusion"),
    ("Training uses the Reliability Filter on pseudo labels.", "Reliability Filter"),
])
def test_capitalised_words_an_article_head_or_proposal_presents_are_a_name(text, name):
    assert {m.text for m in extract_one(text).mentions if m.type == "method"} == {name}


def test_an_unknown_name_with_a_scale_letter_is_no_method():
    assert not extract_one("We fuse RGB-T inputs.").mentions


def test_a_release_of_a_known_model_is_no_part_of_a_proposal():
    text = "We propose VeriFast, a fast verifier. VeriFast uses Llama3.1 8B through distillation."
    assert "Llama3.1 8B" not in {m.text for m in extract_one(text).mentions if m.proposed}


def test_an_unnamed_part_after_the_proposal_is_proposed():
    text = ("We propose DualNet for dehazing. DualNet adds a structure enhancement module and an image-quality "
            "router, and replaces the standard top-k router with a soft one.")
    proposed = {m.text for m in extract_one(text).mentions if m.proposed}
    assert {"DualNet", "structure enhancement module", "image-quality router"} <= proposed
    assert "top-k router" not in proposed


@pytest.mark.parametrize("part", ["attention heads", "fusion module", "self-attention module"])
def test_a_part_every_model_has_is_no_part_of_a_proposal(part):
    # regression: "attention heads" was proposed by 123 papers of the corpus
    text = f"We propose SpaNet for crowd counting. We add a diversity loss on the {part}. SpaNet beats CSRNet."
    proposed = {m.text for m in extract_one(text).mentions if m.proposed}
    assert {"SpaNet", "diversity loss"} <= proposed and part not in proposed


def test_a_capital_from_a_common_acronym_names_no_module():
    # regression: "an AI agent" read as a named module of the proposal, like "Trace Injection Module"
    text = "We present N2M-RSI, a minimal formal model. Once an AI agent feeds its own outputs back, it grows."
    assert {m.text for m in extract_one(text).mentions if m.proposed} == {"N2M-RSI"}


def test_a_title_case_method_before_the_proposal_is_background():
    # regression: "Deep Learning (DL)" read as a named module of the proposal that comes after it
    text = ("Recent work shows promise of advanced Deep Learning (DL) architectures for breast cancer diagnosis. "
            "We propose MSMV-Swin, which achieves 92% accuracy.")
    assert {m.text for m in extract_one(text).mentions if m.proposed} == {"MSMV-Swin"}


def test_a_known_acronym_defined_with_a_variant_of_its_name_is_never_proposed():
    # regression: "Visual Language Models (VLMs)" is no lexicon form, so VLM was this paper's new name
    text = ("Can Visual Language Models (VLMs) rank images? We train VLMs with reinforcement learning and "
            "introduce soft-reward strategies. This uses rich VLM world knowledge, and VLM achieves 65.4% accuracy.")
    assert not [m.text for m in extract_one(text).mentions if m.proposed and "V" in m.text]


def test_a_part_after_a_sentence_opening_phrase_is_no_description_of_a_name():
    # regression: "To suppress X, a ... mechanism" and "Moreover, a ... term" read as appositions
    # ("CurriMask, a curriculum masking strategy"), so the parts were not proposed
    text = ("We propose BindEdit for editing. To suppress Source Dominance Leakage, a cross-attention re-balancing "
            "mechanism amplifies target tokens. Moreover, a region fidelity term keeps concepts coherent. "
            "We also propose CurriMask, a curriculum masking strategy.")
    proposed = {m.text for m in extract_one(text).mentions if m.proposed}
    assert {"BindEdit", "cross-attention re-balancing mechanism", "region fidelity term", "CurriMask"} <= proposed
    assert "curriculum masking strategy" not in proposed


@pytest.mark.parametrize("name", ["MIMIC-IV", "COCO-2017", "ImageNet-21K", "SQuAD 2.0"])
def test_a_release_of_a_known_dataset_is_a_dataset(name):
    # regression: "MIMIC-IV" (the lexicon knows MIMIC-III) was missed; "SQuAD 2.0" was a method
    assert (name, "dataset") in {(m.text, m.type) for m in extract_one(f"We train on {name} today.").mentions}


def test_names_after_a_counted_plural_and_a_comma_are_its_examples():
    # regression: "two datasets, PoliGen and EconoLex" gave two methods
    text = "We conduct this evaluation using two datasets, PoliGen and EconoLex, covering political discourse."
    found = {(m.text, m.type) for m in extract_one(text).mentions}
    assert {("PoliGen", "dataset"), ("EconoLex", "dataset")} <= found


def test_a_new_name_the_abstract_opens_by_describing_is_proposed():
    text = "DSperse is a modular framework for distributed inference. DSperse avoids the cost of CLIP."
    assert {m.text for m in extract_one(text).mentions if m.proposed} == {"DSperse"}


@pytest.mark.parametrize("text, proposed", [
    # regression: "PlanarBench tests whether ..." opened an abstract and was no proposal
    ("PlanarBench tests whether LLMs can draw planar graphs. We evaluate 91 models.", ("PlanarBench", "dataset")),
    ("GridMorph introduces a novel approach to layout editing with CLIP.", ("GridMorph", "method")),
])
def test_a_new_name_the_abstract_opens_with_as_the_subject_is_proposed(text, proposed):
    assert proposed in {(m.text, m.type) for m in extract_one(text).mentions if m.proposed}


@pytest.mark.parametrize("text", [
    "Qwen2.5-VL introduces dynamic resolution. We study its limits.",  # a known model's release
    "Our work tests whether GridMorph helps. It does.",  # not the abstract's first word
])
def test_a_name_opening_the_abstract_that_is_not_new_is_not_proposed(text):
    assert not any(m.proposed for m in extract_one(text).mentions)


@pytest.mark.parametrize("text, proposed", [
    # regression: "our proposed method, RLCD, achieves ..." named no entity
    ("Combined with both parts, our proposed method, RLCD, achieves superior results.", ("RLCD", "method")),
    ("We release our new benchmark, TabVQA-9, for tables.", ("TabVQA-9", "dataset")),
])
def test_a_name_after_the_description_of_our_work_is_proposed(text, proposed):
    assert proposed in {(m.text, m.type) for m in extract_one(text).mentions if m.proposed}


def test_a_known_name_described_in_the_background_is_not_proposed():
    text = "CLIP is a vision-language model. We propose GateMix, which adapts CLIP."
    assert "CLIP" not in {m.text for m in extract_one(text).mentions if m.proposed}


def test_a_name_with_a_count_of_what_it_holds_is_a_dataset():
    text = "We validate on INSPECT (19,402 pulmonary embolism patients), using GPT-4 (175B parameters)."
    found = {(m.text, m.type) for m in extract_one(text).mentions}
    assert ("INSPECT", "dataset") in found and ("GPT-4", "method") in found


def test_a_named_phenomenon_theory_or_language_is_no_method():
    text = "We study the Reversal Curse and Game Theory in Simplified Chinese, unlike the Reliability Filter."
    assert {m.text for m in extract_one(text).mentions} == {"Reliability Filter"}


def test_a_task_mentioned_in_passing_is_no_node():
    text = ("We propose GateMix for semantic segmentation. It is fast. It uses sparse experts. "
            "Such models matter in autonomous driving. Experiments on ADE20K show gains in segmentation accuracy.")
    tasks = {m.text for m in extract_one(text).mentions if m.type == "task"}
    assert "semantic segmentation" in tasks and "autonomous driving" not in tasks


def test_a_task_that_research_is_on_is_no_passing_mention():
    # regression: "State-of-the-art research on DeepFake detection ..." in the third sentence was dropped
    text = ("We study attribution. It is hard. It matters. State-of-the-art research on DeepFake detection "
            "has focused on binary models.")
    assert "DeepFake detection" in {m.text for m in extract_one(text).mentions if m.type == "task"}


@pytest.mark.parametrize("text, phrase", [
    ("The harness evaluates binary judgment accuracy of 81%.", "binary judgment accuracy"),
    ("We design a dual enhancement strategy for graphs.", "dual enhancement strategy"),
])
def test_content_adjectives_belong_to_the_phrase(text, phrase):
    # regression: "dual", "binary" and "real" were function words, so phrases lost them
    assert phrase in {m.text for m in extract_one(text).mentions}


def test_a_measure_acronym_keeps_its_level():
    metrics = {m.text for m in extract_one("We report a pixel-level AUROC of 0.8.").mentions if m.type == "metric"}
    assert "pixel-level AUROC" in metrics


def test_an_unnamed_proposal_with_a_generic_head_is_a_proposed_method():
    text = "In this paper, we propose a two-pass evaluation method for refusal. We also propose a simple framework."
    found = {(m.text, m.proposed) for m in extract_one(text).mentions}
    assert ("two-pass evaluation method", True) in found and not any("framework" in t for t, _ in found)


def test_a_usage_suffix_after_an_escaped_hyphen_gives_no_empty_mention():
    # regression: "the LLaMA\-based implementation" gave an empty lexicon candidate, which crashed
    # the full-corpus build
    found = extract_one(r"Guided by prompts, the LLaMA\-based implementation achieves 98% accuracy.").mentions
    assert all(m.text.strip() for m in found)


def test_a_quality_named_once_without_numbers_is_no_measure():
    text = ("We propose PAR, a recovery module that ensures consistency and precision. "
            "Experiments show that PAR improves precision by 3.1 points.")
    found = [m for m in extract_one(text).mentions if m.type == "metric"]
    assert [m.text for m in found] == ["precision", "precision"]  # both kept: the second is reported
    quality_only = "We propose PAR, a recovery module that ensures consistency and precision. It is fast."
    assert not any(m.type == "metric" for m in extract_one(quality_only).mentions)


def test_a_measure_compared_without_numbers_is_reported():
    # regression: "GPT-5.1 achieve relatively higher accuracy" lost its one-word measure
    text = "We compare chat models in Chinese. It is hard. Among them, Gemini and GPT-5.1 achieve higher accuracy."
    assert ("accuracy", "metric") in {(m.text, m.type) for m in extract_one(text).mentions}
    quality = "We compare chat models in Chinese. It is hard. Both need more accuracy."
    assert not any(m.type == "metric" for m in extract_one(quality).mentions)


def test_a_description_of_a_named_proposal_is_no_entity_of_its_own():
    text = "In this paper, we propose a two-pass evaluation method named RefuseEval for refusal."
    found = {m.text for m in extract_one(text).mentions}
    assert "RefuseEval" in found and "two-pass evaluation method" not in found


def test_names_the_full_corpus_made_into_frequent_junk_datasets():
    # regression: on the full corpus "3D shapes" (173 papers), "CAD" (161), "Mandarin" and "MIT"
    # were datasets, and OpenAI's Codex was the CoDEx dataset
    text = "We use Codex to model 3D shapes from MIT and CAD models in Mandarin, and test on CoDEx."
    assert {(m.text, m.type) for m in extract_one(text).mentions} == {("Codex", "method"), ("CoDEx", "dataset")}


@pytest.mark.parametrize("text, metrics", [
    # regression: every "sensitivity to ..." was the metric sensitivity (899 papers of the full corpus)
    ("The method shows high sensitivity to noise and robustness against attacks.", set()),
    ("It reaches a sensitivity of 0.91 and raises accuracy to 95%.", {"sensitivity", "accuracy"}),
    ("It converges in relative entropy to the Gaussian law.", {"relative entropy"}),  # a distance "to"
])
def test_how_a_thing_reacts_to_another_is_no_measure(text, metrics):
    assert {m.text for m in extract_one(text).mentions if m.type == "metric"} == metrics


@pytest.mark.parametrize("name", ["Mistral", "Gemma", "Whisper", "SDXL", "o3-mini", "Vicuna", "RWKV", "OPT"])
def test_a_well_known_model_without_a_name_shape_is_a_method(name):
    # regression: one-word model names of 2023-2026 that Papers with Code (2022) lacks were missed
    # ("with LLaMA-3, Qwen-2.5, and Mistral"), and OPT was a dataset
    text = f"We compare our approach against {name} in all settings."
    assert (name, "method") in {(m.text, m.type) for m in extract_one(text).mentions}


@pytest.mark.parametrize("name", ["implicit neural representation", "score distillation sampling", "t-SNE",
                                  "activation patching", "model soups", "structure from motion", "FlashAttention"])
def test_a_well_known_technique_in_lower_case_is_a_method(name):
    # regression: named techniques that Papers with Code (2022) lacks were missed ("a test-time
    # optimization of an implicit neural representation")
    text = f"Our pipeline relies on {name} for the reconstruction stage."
    assert (name, "method") in {(m.text, m.type) for m in extract_one(text).mentions}


@pytest.mark.parametrize("name", ["multimodal retrieval", "keyframe selection", "theorem proving", "GUI grounding"])
def test_a_well_known_task_without_a_task_head_is_a_task(name):
    # regression: "multimodal retrieval" and "keyframe selection" were missed
    text = f"We propose GateMix for {name}. Experiments show gains."
    assert (name, "task") in {(m.text, m.type) for m in extract_one(text).mentions}


@pytest.mark.parametrize("name", ["Sharpe ratio", "CRPS", "TTFT", "demographic parity", "ROUGE-L"])
def test_a_well_known_measure_is_a_metric(name):
    # regression: measures that Papers with Code (2022) lacks were missed or mistyped
    text = f"Our model improves {name} by 12% over the baselines."
    assert (name, "metric") in {(m.text, m.type) for m in extract_one(text).mentions}


def test_well_known_benchmarks_of_2023_to_2026_are_datasets_without_a_cue():
    # regression: with no "on ... benchmarks" nearby, MathVista and TruthfulQA were methods and
    # MMMU was missed: Papers with Code (2022) lacks them
    text = "Gains hold for MMMU, MathVista and TruthfulQA, and SWE-bench Verified improves."
    assert {(m.text, m.type) for m in extract_one(text).mentions} == {
        ("MMMU", "dataset"), ("MathVista", "dataset"), ("TruthfulQA", "dataset"), ("SWE-bench Verified", "dataset")}


def test_common_attention_variants_are_prior_work():
    # regression: "cross-modal attention" and "global attention" were proposed by 63 and 32 papers
    text = "We propose FuseNet. FuseNet combines global attention and cross-modal attention. FuseNet is fast."
    found = {(m.text, m.proposed) for m in extract_one(text).mentions}
    assert {("global attention", False), ("cross-modal attention", False), ("FuseNet", True)} <= found


def test_a_game_engine_is_no_method():
    # regression: "Unreal Engine" had a method head and was proposed by 29 papers of the corpus
    text = "We propose SceneGen, which renders scenes in Unreal Engine 5. SceneGen is fast."
    assert {m.text for m in extract_one(text).mentions} == {"SceneGen"}


def test_satellite_imagery_is_a_dataset():
    # regression: "Sentinel-2" had a name's shape and no lexicon entry, so it was a method in 108 papers
    text = "We map crops from Sentinel-2 imagery and Landsat-8 scenes, and compare with Sentinel-1 SAR data."
    assert {(m.text, m.type) for m in extract_one(text).mentions} == {
        ("Sentinel-2", "dataset"), ("Landsat-8", "dataset"), ("Sentinel-1", "dataset")}


def test_a_scaled_variant_letter_stays_with_its_model():
    # regression: "EfficientNet B0" gave the method EfficientNet and a proposed method "B0"
    text = "We fine-tune EfficientNet B0 and ResNet18. Our customized EfficientNet B0 model is best."
    found = {m.text for m in extract_one(text).mentions}
    assert "EfficientNet B0" in found and "B0" not in found


@pytest.mark.parametrize("text, name, entity_type", [
    ("We add a Prototype-guided Feature Enhancement (PFE) module to the decoder.",
     "Prototype-guided Feature Enhancement", "method"),
    ("Face Anti-Spoofing (FAS) models guard face recognition systems.", "Face Anti-Spoofing", "task"),
    ("An Optical Character Recognition (OCR) module reads the text.", "OCR", "task"),  # a known task stays one
])
def test_a_definition_followed_by_a_component_word_is_a_method(text, name, entity_type):
    # regression: "Feature Enhancement (PFE) module" was a task, enhancement being a task's head word
    assert (name, entity_type) in {(m.text, m.type) for m in extract_one(text).mentions}


def test_a_defined_data_name_before_a_component_word_stays_untyped():
    found = {m.text for m in extract_one("A Whole Slide Image (WSI) encoder embeds each slide.").mentions}
    assert not found & {"WSI", "Whole Slide Image"}


def test_a_research_field_defined_in_title_case_is_a_task():
    # regression: "Natural Language Processing (NLP)" was a method, its long form being in Title Case
    found = {(m.text, m.type) for m in extract_one(
        "Recent advances in Natural Language Processing (NLP) rely on LLMs. We apply NLP to court rulings.").mentions}
    assert {("Natural Language Processing", "task"), ("NLP", "task")} <= found


@pytest.mark.parametrize("text, task", [
    ("We benchmark LLMs on toxicity detection, target group identification, and span extraction.",
     "target group identification"),
    ("We benchmark LLMs on toxicity detection and target group identification.", "target group identification"),
])
def test_a_vague_task_head_listed_after_a_task_is_a_task(text, task):
    # regression: "identification" needs a cue ("for X", "the X task"); the list's first task is one
    assert (task, "task") in {(m.text, m.type) for m in extract_one(text).mentions}


def test_a_vague_task_head_listed_after_no_task_is_no_task():
    found = {m.text for m in extract_one("We collect images, target group identification helps.").mentions}
    assert "target group identification" not in found


def test_a_bare_adapter_is_no_method():
    # regression: "an adapter" matched the Papers with Code method "Adapter", a part every such model has
    found = {m.text for m in extract_one("We insert an adapter into each block and fine-tune LoRA adapters.").mentions}
    assert "adapter" not in found and "adapters" not in found and "LoRA" in found


@pytest.mark.parametrize("text, junk, kept", [
    ("We introduce three strategies for PEFT in agent tasks: 1) Inspired by the ReAct paradigm, we split roles.",
     "Inspired", "PEFT"),
    ("The challenge spans two tasks: (1) Ball Action Spotting, focused on detecting actions, and (2) Depth Estimation.",
     "focused", "Ball Action Spotting"),
    ("We release model checkpoints and two ML-ready datasets of hyperspectral images for BERT.", "ML-ready", "BERT"),
])
def test_a_participle_or_a_compound_modifier_is_no_entity(text, junk, kept):
    # regression: a list item was a clause's participle ("tasks: 1) Inspired by"), and "ML-ready" a method
    found = {m.text for m in extract_one(text).mentions}
    assert junk not in found and kept in found


def test_an_edition_of_a_benchmark_is_a_dataset():
    # regression: "JudgeBench-Pro" was a method, "-Pro" being read as a model's edition
    found = {(m.text, m.type) for m in extract_one("We evaluate on JudgeBench-Pro with GPT-4o-mini.").mentions}
    assert {("JudgeBench-Pro", "dataset"), ("GPT-4o-mini", "method")} <= found


def test_a_known_acronym_of_two_methods_is_still_a_method():
    # regression: "SAM" names two known methods (Segment Anything, Sharpness-Aware Minimization), so
    # the lexicon knew no single term for it and "masks generated by SAM" gave no mention at all
    assert ("SAM", "method") in {(m.text, m.type) for m in extract_one("We use masks generated by SAM.").mentions}


@pytest.mark.parametrize("text, junk, kept", [
    ("Our model achieves a 3.06 dB gain in PSNR.", "dB", "PSNR"),
    ("It improves synthesis (+2.5 dB PSNR), up to 41.91+-2.94 dB.", "dB", "PSNR"),
    ("It attains mIoU scores of 78.43% on NUDT-SIRST.", "scores", "mIoU"),
])
def test_a_unit_or_a_bare_score_is_no_entity(text, junk, kept):
    # regression: the full corpus had a method "dB" in 364 papers ("3.06 dB gain") and a metric
    # "score" in 118 ("mIoU scores of 78.43%", where mIoU is the measure)
    found = {(m.text, m.type) for m in extract_one(text).mentions}
    assert not any(name == junk for name, _ in found) and (kept, "metric") in found


def test_platforms_and_sota_are_no_entities():
    # regression: "datasets on GitHub and Hugging Face" gave a dataset "Hugging Face", and "SoTA
    # methods" a method that merged with every "state-of-the-art (SOTA)" definition of the corpus
    text = "We release our datasets on GitHub and Hugging Face. It outperforms SoTA methods on the MVTec AD dataset."
    found = {(m.text, m.type) for m in extract_one(text).mentions}
    assert found == {("MVTec AD", "dataset")}


def test_a_training_objective_or_an_evaluation_protocol_is_no_method():
    # regression: "training objective" and "evaluation protocol" were methods of 230 and 224 papers
    found = {m.text for m in extract_one(
        "We train with a contrastive objective and a new training objective under a standard evaluation protocol.").mentions}
    assert "contrastive objective" in found and not found & {"training objective", "evaluation protocol"}


def test_a_title_case_definition_that_modifies_a_task_is_no_method():
    # regression: "Out-Of-Distribution (OOD) detection" made "Out-Of-Distribution" a method
    found = {(m.text, m.type) for m in extract_one(
        "We introduce benchmarks for Out-Of-Distribution (OOD) detection and evaluate OOD detection methods.").mentions}
    assert ("OOD detection", "task") in found and not any(t == "method" for _, t in found)


def test_a_listed_example_has_the_type_its_list_names():
    # regression: "T2I models such as SD3" gave a dataset SD3 (a Papers with Code dataset name)
    found = {(m.text, m.type) for m in extract_one("T2I models such as SD3 and FLUX.1-dev are strong.").mentions}
    assert {("SD3", "method"), ("FLUX.1-dev", "method")} <= found


def test_a_map_is_no_measure():
    # regression: "feature map", "depth map" and "attention map" were metrics (the head of "mAP" lower-cased)
    found = {(m.text, m.type) for m in extract_one("We fuse the feature map with the depth map and report mAP of 41.2.").mentions}
    assert found == {("mAP", "metric")}


@pytest.mark.parametrize("text", [
    "This problem has attracted considerable attention. We study its internal mechanisms.",
    "The task is NP-hard, and our State-of-the-Art generators enable faster training with no accuracy loss.",
    "Human-AI interaction thrives on intuitive interfaces.",
    "It avoids manual annotation and aims at high-quality generation.",
    "It relies on a well-established loss for rapid detection.",
    "Current models lack mechanisms for memory. It has drawn research attention as a building block.",
])
def test_phrases_of_praise_and_quantity_are_no_methods(text):
    # regression: "considerable attention", "internal mechanisms", "NP-hard", "State-of-the-Art" and
    # "faster training" were methods of 60 to 140 papers each in the full corpus
    assert [m.text for m in extract_one(text).mentions] == []


def test_a_defined_device_or_imaging_modality_is_no_method():
    # regression: Title Case definitions of things ("Unmanned Aerial Vehicle (UAV)", "Graphical User
    # Interface (GUI)", "Magnetic Resonance Imaging (MRI)") were methods of 60 to 100 papers each
    text = ("Unmanned Aerial Vehicles (UAVs) carry a Graphical User Interface (GUI). Magnetic Resonance Imaging "
            "(MRI) is slow. We use a Gated Recurrent Unit (GRU).")
    assert {m.text for m in extract_one(text).mentions} == {"Gated Recurrent Unit", "GRU"}


def test_a_known_protocol_is_no_proposal():
    # regression: "a Model Context Protocol (MCP) tool queries ..." made MCP the paper's own method
    (extraction,) = extract([Paper("p", "We propose AgriBot, an agent. Grounding comes from a Model Context "
                                        "Protocol (MCP) tool that queries a curated data interface.")])
    mcp = [m for m in extraction.mentions if m.text in ("Model Context Protocol", "MCP")]
    assert mcp and not any(m.proposed for m in mcp)


def test_an_organisation_before_its_model_is_no_listed_example():
    # regression: "models such as DeepSeek-R1 and OpenAI o1" listed "OpenAI" as a method (59 papers)
    found = {m.text for m in extract_one("Reasoning models such as DeepSeek-R1 and OpenAI o1 excel.").mentions}
    assert "OpenAI" not in found and {"DeepSeek-R1", "o1"} <= found


@pytest.mark.parametrize("text, method", [
    # regression: "based on graph matching" was a task named in passing, so no node at all
    ("We study designs. It is hard. It matters. A selection approach based on graph matching helps.",
     "graph matching"),
    ("We study bias. It is hard. It matters. We infer subgroups via unsupervised clustering of embeddings.",
     "unsupervised clustering"),
])
def test_a_task_named_as_the_means_is_the_technique_used(text, method):
    assert (method, "method") in {(m.text, m.type) for m in extract_one(text).mentions}


@pytest.mark.parametrize("text, expected", [
    # regression: recent benchmarks and models unknown to Papers with Code (2022) were typed by
    # their shape alone, so "LoCoMo" was a method and "SD3.5" a dataset
    ("LoCoMo remains hard for memory agents, and VBench favours smooth videos.",
     {("LoCoMo", "dataset"), ("VBench", "dataset")}),
    ("We compare FLUX.1-dev with SD3.5 and Qwen-Image.",
     {("FLUX.1-dev", "method"), ("SD3.5", "method"), ("Qwen-Image", "method")}),
    ("Spider and GPQA Diamond stay unsolved.", {("Spider", "dataset"), ("GPQA Diamond", "dataset")}),
])
def test_recent_benchmarks_and_models_are_known(text, expected):
    assert expected <= {(m.text, m.type) for m in extract_one(text).mentions}


def test_hardware_and_file_formats_are_no_methods():
    # regression: "RTX 4090", "Jetson Orin Nano", "UAVs", "PDFs" and "fMRI" were typed methods
    text = "We run YOLOv8 on a Jetson Orin Nano and an RTX 4090. UAVs record fMRI. The agent reads PDFs."
    assert {m.text for m in extract_one(text).mentions} == {"YOLOv8"}


@pytest.mark.parametrize("text", [
    # regression: each of these was a method node
    "We fine-tune a 7B-parameter model and 7-8B models.",
    "We fuse camera-LiDAR features, agent-API calls and GPS traces with mmWave radar.",
    "Annotators from Southeast Asian and South Asian countries label ROIs of PDEs.",
])
def test_sizes_pairs_of_things_and_places_are_no_names(text):
    assert not [m for m in extract_one(text).mentions if m.type == "method"]


def test_an_adverb_of_manner_belongs_to_the_phrase():
    # regression: "dynamically weighted loss" lost its adverb, so it matched no annotation
    text = "We propose a dynamically weighted loss for a fully convolutional network and a significantly faster loss."
    found = {m.text for m in extract_one(text).mentions}
    assert {"dynamically weighted loss", "fully convolutional network"} <= found
    assert not any(t.startswith("significantly") for t in found)


def test_a_part_may_have_five_modifiers():
    # regression: "cosine similarity matrix-based class prompt encoder" lost "cosine"
    text = "We present a cosine similarity matrix-based class prompt encoder to activate class features."
    assert "cosine similarity matrix-based class prompt encoder" in {m.text for m in extract_one(text).mentions}


def test_a_description_right_after_a_name_is_no_entity_of_its_own():
    # regression: "a ScMix augmentation strategy" gave ScMix and a second proposal, "augmentation strategy"
    text = "We further introduce a ScMix augmentation strategy that diversifies visual contexts."
    assert [m.text for m in extract_one(text).mentions] == ["ScMix"]


@pytest.mark.parametrize("text", [
    # regression: the evaluation sentence made a defined kind of imaging a dataset
    "We study lesion detection in multi-parametric imaging (MPI). Experiments on MPI and BraTS show gains.",
    # regression: common acronyms before a plural data noun were datasets
    "Extensive evaluations on OOD and ImageNet benchmarks show gains. It leads on STEM benchmarks.",
    "CallCenterEN fills a gap among available ASR corpora, unlike ImageNet.",
])
def test_a_name_defined_or_known_as_none_of_the_four_is_no_dataset_where_data_is(text):
    found = {(m.text, m.type) for m in extract_one(text).mentions}
    assert not {("MPI", "dataset"), ("OOD", "dataset"), ("STEM", "dataset"), ("ASR", "dataset")} & found
    assert {("BraTS", "dataset"), ("ImageNet", "dataset")} & found


@pytest.mark.parametrize("text, short", [
    ("Positron Emission Tomography (PET) is a vital molecular imaging tool. PET scans are costly.", "PET"),
    ("Colonoscopy is critical for diagnosing colorectal cancer (CRC). Detection of CRC early is crucial.", "CRC"),
    ("Some models manage Computational Fluid Dynamics (CFD) tasks such as boundary conditions.", "CFD"),
])
def test_a_known_dataset_acronym_defined_as_something_else_is_no_dataset(text, short):
    # regression: PET, CRC and CFD are datasets in the lexicon, so every abstract defining them
    # as anything else gave a dataset, and the graph merged those meanings into one node
    assert (short, "dataset") not in {(m.text, m.type) for m in extract_one(text).mentions}


@pytest.mark.parametrize("text, short", [
    ("Extensive experiments on the Human Connectome Project (HCP) dataset demonstrate gains.", "HCP"),
    ("We use T1-weighted MRI scans from the Alzheimer's Disease Neuroimaging Initiative (ADNI).", "ADNI"),
    ("Results on Labeled Faces in the Wild (LFW) and AgeDB are strong.", "LFW"),
    ("We test agents on the StarCraft Multi-Agent Challenge (SMAC).", "SMAC"),
    ("Tasks come from BIG-Bench-Hard (BBH), which is hard.", "BBH"),
])
def test_a_known_dataset_acronym_stays_one_where_its_definition_or_use_says_data(text, short):
    assert (short, "dataset") in {(m.text, m.type) for m in extract_one(text).mentions}


@pytest.mark.parametrize("text, short", [
    ("Each access point (AP) serves many users. The AP schedules traffic.", "AP"),
    ("A supervision module performs label consistency checking (LCC) on pseudo-labels.", "LCC"),
])
def test_a_known_acronym_defined_as_something_else_takes_no_type_from_the_lexicon(text, short):
    # regression: AP (a metric) and LCC (a method) kept their lexicon type whatever the abstract
    # defined them as, and every such meaning joined the known term's node
    assert short not in {m.text for m in extract_one(text).mentions}


def test_a_question_word_starts_no_known_name():
    # regression: "how long" matched the dataset "HOWS long" (match keys drop a plural "s")
    assert extract_one("This sense allows us to judge how long facts remain valid.").mentions == ()


@pytest.mark.parametrize("text, junk", [
    ("This approach surpasses current State Of The Art (SOTA) models at lower cost.", "State Of The Art"),
    ("Current detectors lack explicit mechanisms to guide multi-scale feature refinement.", "explicit mechanisms"),
    ("When employed as optimization objectives, our metric achieves large gains.", "optimization objectives"),
    # regression: fields, views and abilities defined with an acronym were methods in many papers
    ("Detectors lift images to Bird's Eye View (BEV) features.", "Bird's Eye View"),
    ("Theory of Mind (ToM) remains hard for models.", "Theory of Mind"),
    ("Modern cars need Advanced Driver Assistance Systems (ADAS).", "Advanced Driver Assistance Systems"),
    ("It drafts parts in Computer-Aided Design tools.", "Computer-Aided Design"),
])
def test_generic_phrases_are_no_methods(text, junk):
    # regression: "state-of-the-art (SOTA)" was a method in 61 papers of the full corpus
    assert junk not in {m.text for m in extract_one(text).mentions}


def test_pubmed_is_a_dataset():
    # regression: the lexicon knew "Pubmed" only in that spelling, so "PubMed" was a coined method
    assert ("PubMed", "dataset") in {(m.text, m.type) for m in extract_one("We mine PubMed abstracts for profiles.").mentions}


def test_novel_in_an_abstract_that_proposes_nothing_marks_no_proposal():
    # regression: a survey's "exploring novel DL architectures" made deep learning its proposal;
    # across the corpus, "deep learning" was proposed by 94 papers
    text = ("Deep learning (DL) has emerged as a powerful tool for ship classification. Finally, the survey "
            "explores avenues for future research, including exploring novel DL architectures.")
    assert not [m.text for m in extract_one(text).mentions if m.proposed]


def test_our_marks_a_proposal_without_a_proposal_verb():
    text = "Our Attention Xception UNet (AXUNet) segments tumours. AXUNet reaches a Dice score of 0.91."
    assert "AXUNet" in {m.text for m in extract_one(text).mentions if m.proposed}
