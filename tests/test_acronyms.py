"""Tests of kg.acronyms: acronym definitions found, refused, and their exact offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.acronyms import AcronymDefinition, find_definitions, find_long_form, is_short_form


def pairs(text: str) -> list[tuple[str, str]]:
    """Return the (short, long) pairs found in ``text``."""
    return [(d.short, d.long) for d in find_definitions(text)]


GOOD = [
    # a list of names with commas, a name ending in a number, one after a number that is no percentage
    ("We use Align, Disambiguate, and Walk (ADW) here.", "ADW", "Align, Disambiguate, and Walk"),
    ("the Message Understanding Conference-6 (MUC-6) data", "MUC-6", "Message Understanding Conference-6"),
    ("the Chinese Treebank version 5.1 (CTB5) data", "CTB5", "Chinese Treebank version 5.1"),
    # the common case, singular and plural
    ("We study Large Language Models (LLMs) at scale.", "LLMs", "Large Language Models"),
    ("Deep convolutional neural networks (CNNs) win.", "CNNs", "convolutional neural networks"),
    ("Recent state space models (SSMs) scale linearly.", "SSMs", "state space models"),
    ("We use the Segment Anything Model (SAM) for masks.", "SAM", "Segment Anything Model"),
    # inner capitals and hyphen parts
    ("A sparse Mixture of Experts (MoE) layer.", "MoE", "Mixture of Experts"),
    ("We fit a Kolmogorov-Arnold Network (KAN) to it.", "KAN", "Kolmogorov-Arnold Network"),
    ("Temporal Difference Mamba (TD-Mamba) tracks.", "TD-Mamba", "Temporal Difference Mamba"),
    ("We propose Bypass-Isolated Gating MoE (BIG-MoE).", "BIG-MoE", "Bypass-Isolated Gating MoE"),
    # letters from inside words
    ("Camera-based remote photoplethysmography (rPPG) measures pulse.", "rPPG",
     "remote photoplethysmography"),
    ("Data from single-cell multi-omics (scMulti-omics) experiments.", "scMulti-omics",
     "single-cell multi-omics"),
    ("the k-nearest neighbour (kNN) classifier", "kNN", "k-nearest neighbour"),
    # the best alignment, not the first from the right (plain Schwartz & Hearst: "Policy ...")
    ("We tune with Proximal Policy Optimization (PPO).", "PPO", "Proximal Policy Optimization"),
    ("Pretraining by self-supervised learning (SSL) helps.", "SSL", "self-supervised learning"),
    ("We prompt with Tree of Thought (ToT) search.", "ToT", "Tree of Thought"),
    # no determiner or stray word in front, no trailing word the short form does not cover
    ("In this paper we propose the Attention Model (AM).", "AM", "Attention Model"),
    ("We use our method Online Reasoning (OR) here.", "OR", "Online Reasoning"),
    ("Augmentative and Alternative Communication (AAC) devices", "AAC",
     "Augmentative and Alternative Communication"),
    ("trained by the maximum likelihood approach (MLE) as usual", "MLE", "maximum likelihood"),
    # digits for number words
    ("Reconstruction in three-dimensional (3D) space.", "3D", "three-dimensional"),
    ("Diffusion-based text-to-image (T2I) models.", "T2I", "text-to-image"),
    # more than the short form in the parenthesis
    ("A Mixture of Experts (MoE; Shazeer et al. 2017) layer.", "MoE", "Mixture of Experts"),
    ("A Mixture of Experts (MoE, for short) layer.", "MoE", "Mixture of Experts"),
    ("A Mixture of Experts (called MoE) layer.", "MoE", "Mixture of Experts"),
    ("A mixture of experts (i.e., MoE) layer.", "MoE", "mixture of experts"),
    ("A Mixture of Experts (\\textbf{MoE}) layer.", "MoE", "Mixture of Experts"),
    # LaTeX tie and hard line breaks
    ("New retrieval-augmented generation~(RAG) tools.", "RAG", "retrieval-augmented generation"),
    ("Large\nLanguage Models\n(LLMs) show", "LLMs", "Large\nLanguage Models"),
    # the other order, "SF (long form)"
    ("We fine-tune BERT (Bidirectional Encoder Representations from Transformers) on it.",
     "BERT", "Bidirectional Encoder Representations from Transformers"),
    ("LLMs (i.e., large language models) are everywhere.", "LLMs", "large language models"),
    ("We report WER (word error rate; lower is better).", "WER", "word error rate"),
    # regression: the "s" of a possessive started the long form "s rank-order correlation coefficient"
    ("We report Spearman's rank-order correlation coefficient (SROCC) on all sets.",
     "SROCC", "Spearman's rank-order correlation coefficient"),
]


@pytest.mark.parametrize(("text", "short", "long"), GOOD)
def test_finds_the_definition(text: str, short: str, long: str) -> None:
    assert pairs(text) == [(short, long)]


BAD = [
    "Results improve on ImageNet (see Table 2).",
    "as in prior work (Smith et al., 2020).",
    "as shown in the figure (Fig. 2) below",
    "accuracy rises by 4 points (12%) overall",
    "the speed-up is large (10x) in practice",
    "published last year (2023) in a journal",
    "many models (e.g., GPT) exist",
    "our approach (ours) wins",
    "the variable x (x) is defined",
    "the best model (A) wins",
    "cited before [12] (Smith 2020)",
    "We evaluate GPT-4V (OpenAI, 2023) and Gemini.",
    "We use ResNet-50 (He et al., 2016) as the backbone.",
    "a deep residual network (ResNet-50) backbone",
    "strong proprietary models (GPT-4o, Claude 3.5) fail",
    "the cancer-type classification (TCGA) task",
    "(LLMs) at the very start",
    "we cite Collins (Collins, 1999) here",
    "the same name SC (SC) twice",
    # "SF (...)" holding a variant, a model or examples, not the words of SF
    "We extend ViT (ViT3D) to video.",
    "open LLMs (Llama, Qwen, Mistral) fail",
    "a small LLM (Llama-3.1-8B) is used",
    "the HausaNLP (https://hausanlp.org) site",
    # regression: full-corpus junk long forms of known names
    "hybrid models consistently outperform classical models, achieving 99.38\\% (MNIST), and",  # what a percentage is of
    "For evaluation, we utilize three different metrics (WER, CER, BLEU) and",  # a list of names
    "mean accuracy at ResNet18 scale, outperforming prior from-scratch results, and rises with RGB-D (ScanNet) pretraining",
    "and the ability to recall a number of historical facts proportional to sequence length (Recall).",
    "It improves AP and small-object detection performance (AP) by 3 points.",  # no long form starts with "and"
]


@pytest.mark.parametrize("text", BAD)
def test_finds_no_definition(text: str) -> None:
    assert find_definitions(text) == []


@pytest.mark.parametrize(("text", "short", "long"), GOOD)
def test_offsets_are_exact(text: str, short: str, long: str) -> None:
    (d,) = find_definitions(text)
    assert text[d.short_start : d.short_end] == d.short == short
    assert text[d.long_start : d.long_end] == d.long == long


def test_both_orders_are_found_and_sorted() -> None:
    text = (
        "Vision Transformers (ViTs) beat CNNs (convolutional neural networks) on "
        "ImageNet, and Low-Rank Adaptation (LoRA) tunes them cheaply."
    )
    found = find_definitions(text)
    assert [(d.short, d.long) for d in found] == [
        ("ViTs", "Vision Transformers"),
        ("CNNs", "convolutional neural networks"),
        ("LoRA", "Low-Rank Adaptation"),
    ]
    forward, backward, _ = found
    assert forward.long_end < forward.short_start
    assert backward.short_end < backward.long_start
    assert [d.short_start for d in found] == sorted(d.short_start for d in found)


def test_one_parenthesis_gives_one_definition() -> None:
    # both readings fit, "GraLe" for "Graph Learning" and "GL" for "GraLe": the first wins alone
    assert pairs("a Graph Learning GL (GraLe) module") == [("GraLe", "Graph Learning")]
    # the same pair defined once in each order counts once per parenthesis
    text = "natural language processing (NLP) and NLP (natural language processing)"
    found = find_definitions(text)
    assert [(d.short, d.long) for d in found] == [("NLP", "natural language processing")] * 2
    assert len({(d.short_start, d.long_start) for d in found}) == 2


def test_legends_with_equals_signs() -> None:
    text = "Table 2: CI = confidence interval; OR = odds ratio, n = 12."
    assert pairs(text) == [("CI", "confidence interval"), ("OR", "odds ratio")]
    (ci, _) = find_definitions(text)
    assert text[ci.short_start : ci.short_end] == "CI"
    assert text[ci.long_start : ci.long_end] == "confidence interval"


@pytest.mark.parametrize("text", ["LR = labeled recall; LP = labeled precision.", "LP = labeled precision.\nTable 3"])
def test_a_legend_at_the_end_of_a_line_leaves_its_full_stop(text) -> None:
    # regression: the last entry of a legend ended in "precision."
    assert ("LP", "labeled precision") in pairs(text)


@pytest.mark.parametrize(("text", "short", "long"), [
    ("We introduce JBE-QA, a Japanese Bar Exam Question-Answering dataset to evaluate LLMs.",
     "JBE-QA", "Japanese Bar Exam Question-Answering"),
    ("This paper introduces DVF, a novel Disentangled Visual Foresight module.", "DVF", "Disentangled Visual Foresight"),
    ("It relies on ViT, a Vision Transformer.", "ViT", "Vision Transformer"),
    ("we propose APEX, an Adaptive Prompt EXtraction framework.", "APEX", "Adaptive Prompt EXtraction"),
    ("We propose MoA-VR, a Mixture-of-Agents Video Restoration system.", "MoA-VR", "Mixture-of-Agents Video Restoration"),
    ("It works. Then APEX, an Adaptive Prompt EXtraction framework, runs.", "APEX", "Adaptive Prompt EXtraction"),
])
def test_appositions_define_when_the_initials_match_exactly(text: str, short: str, long: str) -> None:
    assert pairs(text) == [(short, long)]
    (d,) = find_definitions(text)
    assert text[d.long_start : d.long_end] == long and text[d.short_start : d.short_end] == short


@pytest.mark.parametrize("text", [
    "We use CLIP, a vision-language model, for retrieval.",  # initials do not match
    "we propose MExD, an Expert-Infused Diffusion Model that combines experts.",  # not in order
    "We present CurriMask, a curriculum masking scheme.",  # a name, not an abbreviation
    "We present LaTo, a landmark-tokenized diffusion transformer.",  # the description goes on
    # regression: the last word of a longer name ("Relative Semantic RoPE") was defined alone
    "we further propose Relative Semantic RoPE, a relative positional encoding that maps tokens.",
])
def test_appositions_that_define_nothing(text: str) -> None:
    assert find_definitions(text) == []


@pytest.mark.parametrize(
    "text",
    ["we get F1 = 0.93 at N = 5", "where x = y + z", "see drive.google.com/file?usp=sharing",
     "the gain DE = high for all"],
)
def test_equals_signs_that_define_nothing(text: str) -> None:
    assert find_definitions(text) == []


def test_window_stops_at_the_sentence() -> None:
    # the long form cannot reach back across the full stop to "Models"
    assert pairs("Models are big. Low Memory (LM) use is key.") == [("LM", "Low Memory")]
    assert pairs("Models are big. Memory (LM) use is key.") == []


@pytest.mark.parametrize(("text", "short", "long"), [
    ("We report the Equalized Subgroup AUC (ES AUC) of each model.", "ES AUC", "Equalized Subgroup AUC"),
    ("No-reference image quality assessment (NR IQA) is hard.", "NR IQA", "No-reference image quality assessment"),
    ("We apply a Spatial Filter (SF hereafter) to the maps.", "SF", "Spatial Filter"),  # a trailer is no second word
    ("Large language models (LLMs henceforth) are used.", "LLMs", "Large language models"),
])
def test_a_two_word_short_form_is_defined(text: str, short: str, long: str) -> None:
    # regression: a short form with a space ("ES AUC") was never one (Schwartz & Hearst allow two words)
    assert pairs(text) == [(short, long)]


def test_definition_is_a_frozen_value() -> None:
    d = AcronymDefinition("SF", "short form", 12, 14, 0, 10)
    assert d == AcronymDefinition("SF", "short form", 12, 14, 0, 10)
    with pytest.raises(AttributeError):
        d.short = "X"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("candidate", "expected"),
    [
        ("LLMs", True), ("rPPG", True), ("3D", True), ("TD-Mamba", True), ("U.S.", True),
        ("scMulti-omics", True), ("GPT-4V", True), ("NR IQA", True), ("ES AUC", True),
        ("ours", False), ("Table 1", False), ("see Fig", False), ("A B C", False), ("Table S2", False),
        ("Phase II", False), ("e.g.", False), ("i.e.", False), ("see", False), ("A", False),
        ("2020", False), ("2020a", False), ("12%", False), ("10x", False), ("[12]", False),
        ("Fig. 2", False), ("BERT:", False), ("ABCDEFGHIJK", False),
    ],
)
def test_short_form_filter(candidate: str, expected: bool) -> None:
    assert is_short_form(candidate) is expected


def test_find_long_form() -> None:
    assert find_long_form("PPO", "we train with Proximal Policy Optimization") == (
        "Proximal Policy Optimization"
    )
    assert find_long_form("LLMs", "the Large Language Models") == "Large Language Models"
    assert find_long_form("XYZ", "nothing matches here") is None


def test_offsets_survive_characters_that_lowercase_longer() -> None:
    # "İ".lower() has two characters; positions in the text must not shift
    text = "İİ İstanbul: Large Language Models (LLMs) and İnce Model (IM)."
    found = find_definitions(text)
    assert [(d.short, d.long) for d in found] == [
        ("LLMs", "Large Language Models"), ("IM", "İnce Model")
    ]
    for d in found:
        assert text[d.long_start : d.long_end] == d.long


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aAbBcCdDlLmMsS İ-~(){}$\\;,.=\n2", max_size=80))
def test_any_text_gives_exact_sorted_offsets(text: str) -> None:
    found = find_definitions(text)
    for d in found:
        assert text[d.short_start : d.short_end] == d.short
        assert text[d.long_start : d.long_end] == d.long
        assert d.long_end <= d.short_start or d.short_end <= d.long_start
    assert [d.short_start for d in found] == sorted(d.short_start for d in found)


def test_thousands_of_legends_are_all_found():
    # regression: each legend was compared with every definition found before it (quadratic)
    text = " ".join("CI = confidence interval;" for _ in range(3000)) + " a Large Language Model (LLM)."
    found = find_definitions(text)
    assert len(found) == 3001 and found[-1].short == "LLM"


@pytest.mark.parametrize(("text", "short", "long"), [
    ("a modification called Modified Head Grammars (MHG's). The", "MHG's", "Modified Head Grammars"),
    ("up to 8 computing elements (CE’s) that", "CE’s", "computing elements"),
])
def test_a_possessive_plural_short_form_is_defined_as_written(text, short, long) -> None:
    # regression: the apostrophe kept "(MHG's)" from being a short form at all
    assert pairs(text) == [(short, long)]


def test_a_legend_entry_stops_before_the_next_entrys_short_form() -> None:
    # regression: "PREP = Preposition  POS = Possessive" gave PREP the long form "Preposition  POS"
    text = "NP = Noun Phrase  DET = Determiner, PREP = Preposition  POS = Possessive"
    assert pairs(text) == [("NP", "Noun Phrase"), ("DET", "Determiner"), ("PREP", "Preposition"),
                           ("POS", "Possessive")]


@pytest.mark.parametrize("text, short, long", [
    ("we propose a Consistent Assistant Domains Transformer for SFDA, abbreviated as CADTrans, which works",
     "CADTrans", "Consistent Assistant Domains Transformer"),
    ("a Dual-Path Aggregation Network, referred to as DPANet, is built", "DPANet", "Dual-Path Aggregation Network"),
])
def test_short_form_introduced_after_the_long_form_without_brackets(text, short, long):
    assert [(d.short, d.long) for d in find_definitions(text)] == [(short, long)]


@pytest.mark.parametrize("text", [
    "we build a novel framework, referred to as PainNet, for pain",
    "the responses, referred to as appraisals, are scored",
])
def test_a_name_given_after_a_description_is_no_acronym_definition(text):
    assert find_definitions(text) == []
