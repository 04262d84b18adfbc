"""Tests for scripts/build_lexicons.py (cleaning rules, inline data) and the shipped lexicons."""
from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LEXICONS = ROOT / "kg" / "data" / "lexicons"
SHARED = ROOT.parent / "shared"
TYPES = ("method", "dataset", "task", "metric")


def _load_script():
    spec = importlib.util.spec_from_file_location("build_lexicons", ROOT / "scripts" / "build_lexicons.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_lexicons"] = module
    spec.loader.exec_module(module)
    return module


bl = _load_script()

# Word counts standing in for the arXiv corpus: lower-case counts decide what is ordinary.
STATS = bl.WordStats(
    tokens={
        "focus": 5000, "Focus": 60, "align": 2400, "ALIGN": 4, "transformer": 2200,
        "Transformer": 2600, "dropout": 200, "Dropout": 60, "adam": 1, "Adam": 40,
        "satellite": 900, "Satellite": 50, "chairs": 5, "Chairs": 2, "Cityscapes": 300,
        "adaptive": 3000, "masking": 800, "phase": 900, "Phase": 100, "ResNet": 200,
        "SFT": 1800, "GAN": 470, "TS": 72, "ATSS": 6, "ALiBi": 30, "summarization": 900,
        "MMLU": 900, "mmlu": 2, "subsume": 9, "SubSumE": 1,
    },
    phrases={"generative adversarial network": 95, "generative adversarial networks": 140},
)


# ---------------------------------------------------------------------------------------------
# text helpers
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, clean", [
    ("  Mean\u00a0 IoU\n", "Mean IoU"),
    ("Drug\u2013drug Interaction", "Drug-drug Interaction"),
    ("Lecun\u2019s Tanh", "Lecun's Tanh"),
])
def test_normalize_space(raw, clean):
    assert bl.normalize_space(raw) == clean


@pytest.mark.parametrize("raw, clean", [
    ("Network Embedding as Matrix Factorization:", "Network Embedding as Matrix Factorization"),
    ("VisDrone-", "VisDrone"),
    ("UNet++", "UNet++"),
    ("; GRAZPEDWRI-DX", "GRAZPEDWRI-DX"),
])
def test_strip_edge_punct(raw, clean):
    assert bl.strip_edge_punct(raw) == clean


@pytest.mark.parametrize("a, b", [("MS-COCO", "MSCOCO"), ("Re-Ranking", "Reranking"),
                                  ("ResNet-50", "resnet 50"), ("Mixture of Experts", "mixture-of-experts")])
def test_surface_key_same(a, b):
    assert bl.surface_key(a) == bl.surface_key(b)


@pytest.mark.parametrize("a, b", [("SRU", "SRU++"), ("GPT-4", "GPT-4o")])
def test_surface_key_different(a, b):
    assert bl.surface_key(a) != bl.surface_key(b)


def test_split_parentheticals():
    assert bl.split_parentheticals("Word Error Rate (WER)") == ("Word Error Rate", ["WER"])
    assert bl.split_parentheticals("A (b (c)) d") == ("A d", ["b (c)"])
    assert bl.split_parentheticals("Unbalanced (x") == ("Unbalanced (x", [])


@pytest.mark.parametrize("short, long", [
    ("MoE", "Mixture of Experts"), ("GRU", "Gated Recurrent Unit"),
    ("ProGAN", "Progressively Growing GAN"), ("COCO", "Common Objects in Context"),
    ("WER", "Word Error Rate"),
])
def test_is_expansion_true(short, long):
    assert bl.is_expansion(short, long)


@pytest.mark.parametrize("short, long", [
    ("NER", "Zero-shot Named Entity Recognition"),
    ("Apollo", "Adaptive Parameter-wise Diagonal Quasi-Newton Method"),
    ("TD3", "Twin Delayed Deep Deterministic"),
    ("MoE", "MoE"),
])
def test_is_expansion_false(short, long):
    assert not bl.is_expansion(short, long)


@pytest.mark.parametrize("form, variants", [
    ("R-CNN", ["RCNN"]), ("ResNet-50", ["ResNet50"]), ("GPT-4V", ["GPT4V"]),
    ("Mask R-CNN", ["Mask RCNN"]), ("Soft Actor-Critic", ["Soft Actor Critic"]),
    ("MoCo v2", ["MoCo-v2"]), ("Pre-training", []), ("Harm-Net", []), ("1-bit Adam", []),
    ("Adam", []),
])
def test_hyphen_variants(form, variants):
    assert bl.hyphen_variants(form) == variants


# ---------------------------------------------------------------------------------------------
# noise and genericity
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "", "N/A", "16k", "2k", "1 Image, 2*2 Stitchi", "^(#$!@#$)(()))******",
    "[[FAQs~charge]]How much does Expedia charge for cancellation?",
    "Confidence Calibration with an Auxiliary Class)", "SMC会议", "_Restricted_",
    "one two three four five six seven eight nine", "Point- of-no-return",
    "STATEGAME MAINTAIN PICTURE BALANCED PLAY STABLE", "1", ".", "3D",
])
def test_is_noise_bad(text):
    assert bl.is_noise(text)


@pytest.mark.parametrize("text", [
    "Mixture of Experts", "mAP@0.5:0.95", "4D A*", "UNet++", "R@1", "CNN/Daily Mail",
    "Poincaré Embeddings", "Lost and Found",
])
def test_is_noise_good(text):
    assert not bl.is_noise(text)


def test_truncated_names():
    names = ["1 Image, 2*2 Stitchi", "1 Image, 2*2 Stitching", "Object Detection",
             "Object Detection in Aerial Images"]
    assert bl.truncated_names(names) == {"1 Image, 2*2 Stitchi"}


@pytest.mark.parametrize("text", ["Attention", "Model", "Network", "Image", "Layer", "Loss",
                                  "Classification", "Segmentation", "Neural Network",
                                  "Deep Learning Model", "models"])
def test_is_generic(text):
    assert bl.is_generic(text)


@pytest.mark.parametrize("text", ["Object Detection", "Graph Attention Network", "Attention Dropout",
                                  "Adam", "Transformer", "Summarization"])
def test_is_not_generic(text):
    assert not bl.is_generic(text)


# ---------------------------------------------------------------------------------------------
# per-type rules
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, full, expected", [
    ("MoE", "Mixture of Experts", ("Mixture of Experts", ["MoE"])),
    ("GRU", "Gated Recurrent Unit", ("Gated Recurrent Unit", ["GRU"])),
    ("AlexNet", "AlexNet", ("AlexNet", [])),
    ("TinyNet", "Model Rubik's Cube: Twisting Resolution, Depth and Width for TinyNets", ("TinyNet", [])),
    ("SAFRAN", "SAFRAN - Scalable and fast non-redundant rule application", ("SAFRAN", [])),
    ("CCAC", "Confidence Calibration with an Auxiliary Class)", ("CCAC", [])),
    ("Soft Actor-Critic (Autotuned Temperature)", "Soft Actor-Critic (Autotuned Temperature)",
     ("Soft Actor-Critic", [])),
    ("Accuracy-Robustness Area (ARA)", "Accuracy-Robustness Area", ("Accuracy-Robustness Area", ["ARA"])),
    ("Apollo", "Adaptive Parameter-wise Diagonal Quasi-Newton Method",
     ("Apollo", ["Adaptive Parameter-wise Diagonal Quasi-Newton Method"])),
    ("Self-Learning", None, ("Self-Learning", [])),
    ("", "", None),
])
def test_method_forms(name, full, expected):
    assert bl.method_forms(name, full) == expected


@pytest.mark.parametrize("raw, base", [
    ("COCO test-dev", "COCO"), ("BDD100K val", "BDD100K"), ("VisDrone- 1% labeled data", "VisDrone"),
    ("DeLiVER test", "DeLiVER"), ("dacl10k v1 testfinal", "dacl10k v1"), ("COCO val2017", "COCO"),
    ("RefCOCO+ test B", "RefCOCO+"), ("WMT2014 English-German", "WMT2014"),
    ("ISIC 2017 Task 2", "ISIC 2017"), ("Hyper-Kvasir Dataset", "Hyper-Kvasir"),
    ("KITTI Cars Hard", "KITTI Cars"), ("xnli tr", "xnli"), ("Common Voice 8.0 German", "Common Voice 8.0"),
    ("miniImageNet 5-way 1-shot", "miniImageNet"), ("LSUN Horse 256 x 256", "LSUN Horse"),
    # no false positives inside words or on meaningful years
    ("Interval", "Interval"), ("Contest", "Contest"), ("PASCAL VOC 2007", "PASCAL VOC 2007"),
    ("Cityscapes", "Cityscapes"), ("Something-Something V2", "Something-Something V2"),
])
def test_strip_split_suffix(raw, base):
    assert bl.strip_split_suffix(raw) == base


@pytest.mark.parametrize("raw, expected", [
    ("COCO (Common Objects in Context)", ("COCO", ["Common Objects in Context"])),
    ("NExT-QA (Open-ended VideoQA)", ("NExT-QA", [])),
    ("C2A: Human Detection in Disaster Scenarios", ("C2A", [])),
    ("CNN/Daily Mail", ("CNN/Daily Mail", [])),
    ("FSNS - Test", ("FSNS", [])),
    ("Cityscapes test", ("Cityscapes", [])),
    ("CIFAR-10 vs iSUN", None),
    ("NATS-Bench Size, CIFAR-10", None),
    ("grit-id/id_nergrit_corpus ner", None),
    ("A Dataset of Multispectral Potato Plants Images", None),
    ("EUEN17037_Daylight_and_View_Standard_TestDataSet", None),
    ("GTAV+Synscapes to Cityscapes", None),
    ("Pollen et al", None),
    ("no extra data", None),
    ("Replication Data for", None),
    ("N/A", None),
    ("", None),
    ("dev", None),
    ("Amazon", None),
])
def test_dataset_forms(raw, expected):
    assert bl.dataset_forms(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("Mean IoU (test)", ("Mean IoU", [])),
    ("Word Error Rate (WER)", ("Word Error Rate", ["WER"])),
    ("mAP@0.5:0.95", ("mAP@0.5:0.95", [])),
    ("Accuracy (%)", ("Accuracy", [])),
    ("Top-1 accuracy %", ("Top-1 accuracy", [])),
    ("Test WER", ("WER", [])),
    ("Top 1 Accuracy - Verb", ("Top 1 Accuracy", [])),
    ("AP50", ("AP50", [])),
    ("R@1", ("R@1", [])),
    ("F-Measure", ("F-Measure", [])),
])
def test_metric_forms_good(raw, expected):
    assert bl.metric_forms(raw) == expected


@pytest.mark.parametrize("raw", [
    "Params (M)", "FPS", "Operations per network pass", "μ", "GFLOPs", "runtime (s)",
    "Number of params", "Score", "Average", "N/A", "", "0..5sec", "10%", "Group 1",
    "Socioeconomic status", "mAP M", "A-acc", "Java/BLEU", "eval_loss", "12 Steps MAE",
    "Acc@0.25m, 2°", "TAR@FAR=0.0001",
])
def test_metric_forms_bad(raw):
    assert bl.metric_forms(raw) is None


def test_metric_vocabulary():
    names = ["Top-1 Accuracy", "Mean Accuracy", "Average Accuracy", "Mean IoU", "Mean Rank",
             "OTAM R@1", "OTAM R@5", "OTAM R@10", "AUC on ACL Tear", "Accuracy on ACL Tear"]
    vocab = bl.metric_vocabulary(names, min_names=3)
    assert "mean" in vocab and "accuracy" in vocab
    assert "otam" not in vocab   # numeric variants of one metric count once
    assert bl.uses_metric_vocabulary("Mean Accuracy", vocab)
    assert not bl.uses_metric_vocabulary("AUC on ACL Tear", vocab)
    assert not bl.uses_metric_vocabulary("OTAM R@1", vocab)


@pytest.mark.parametrize("raw, expected", [
    ("Named Entity Recognition (NER)", ("Named Entity Recognition", ["NER"])),
    ("Speech Synthesis - Manipuri", ("Speech Synthesis", [])),
    ("Action Classification (zero-shot)", ("Action Classification", [])),
    ("Visual Question Answering (VQA) Split A", ("Visual Question Answering", [])),
    ("3D dense captioning", ("3D dense captioning", [])),
    ("Summarization", ("Summarization", [])),
    ("Text-To-SQL", ("Text-To-SQL", [])),
    ("Super-Resolution", ("Super-Resolution", [])),
    ("entity_extraction", ("entity extraction", [])),
])
def test_task_forms_good(raw, expected):
    assert bl.task_forms(raw) == expected


@pytest.mark.parametrize("raw", [
    "Segmentation", "Classification", "Retrieval", "MMLU", "Minecraft", "Marketing", "16k",
    "Age/Unbiased", "How to refund a wrong transaction in PhonePe", "Translation deu-eng",
    "2D Semantic Segmentation task 1 (8 classes)", "Cross-Lingual", "Exemplar-Free",
    "LABELED_DEPENDENCIES", "4K 60Fps", "PSO-ConvNets Dynamics 1", "BBBC021 NSC Accuracy",
    "Math Word Problem SolvingΩ", "Video, Kinematic & Segmentation Base Workflow Recognition",
    "es-en", "(deleted task 2)",
])
def test_task_forms_bad(raw):
    assert bl.task_forms(raw) is None


@pytest.mark.parametrize("word, keep", [
    ("Summarization", True), ("Dehazing", True), ("Steganalysis", True), ("Lemmatization", True),
    ("Segmentation", False), ("Retrieval", False), ("NER", False), ("Minecraft", False),
    ("Sketch", False),
])
def test_keep_single_word_task(word, keep):
    assert bl.keep_single_word_task(word) is keep


@pytest.mark.parametrize("text, taskish", [
    ("Word Sense Disambiguation", True), ("Twitter Sentiment Analysis", True),
    ("Text-To-SQL", True), ("Natural Questions", False), ("OpenAI Gym", False),
])
def test_looks_like_task(text, taskish):
    assert bl.looks_like_task(text) is taskish


# ---------------------------------------------------------------------------------------------
# case sensitivity and acronym evidence
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("form, kind, popular, min_count, decision", [
    ("SAM", "name", False, 20, "cs"),
    ("Adam", "name", False, 20, "cs"),
    ("ELMo", "name", False, 20, "cs"),
    ("SELU", "name", False, 20, "cs"),
    ("ALIGN", "name", False, 20, "cs"),
    ("IMPALA", "name", False, 20, "cs"),
    ("Focus", "name", False, 20, "drop"),
    ("Satellite", "name", False, 20, "drop"),
    ("Chairs", "name", False, 3, "drop"),       # datasets use a lower threshold
    ("Dropout", "name", False, 20, "ci"),       # TERM_WORDS: lower-case use is the method
    ("Transformer", "name", False, 20, "ci"),
    ("Cityscapes", "name", False, 20, "cs"),    # one capitalised word
    ("ResNet", "name", False, 20, "ci"),
    ("Adaptive Masking", "name", False, 20, "cs"),
    ("Adaptive Masking", "name", True, 20, "ci"),
    ("Food-101", "name", False, 20, "ci"),
    ("Phase 1", "name", False, 20, "drop"),
    ("Summarization", "term", False, 20, "ci"),
    ("Object Detection", "term", False, 20, "ci"),
    ("IoU", "term", False, 20, "cs"),
    ("IS", "term", False, 20, "drop"),
    ("All", "name", False, 20, "drop"),
    ("SubSumE", "name", False, 3, "cs"),       # regression: matched in any case, it tagged "subsume"
    ("SubSumE", "name", False, 20, "ci"),      # a word too rare to be ordinary at the method threshold
])
def test_casing_decision(form, kind, popular, min_count, decision):
    assert bl.casing_decision(form, kind, STATS, popular, min_count) == decision


@pytest.mark.parametrize("acronym, expansion, unattested", [
    ("SFT", "Shrink and Fine-Tune", True),          # SFT means supervised fine-tuning now
    ("GAN", "Generative Adversarial Network", False),
    ("TS", "Spatio-temporal stability analysis", True),  # two letters: judged from one use
    ("ATSS", "Adaptive Training Sample Selection", False),  # too rare to judge
    ("ALiBi", "Attention with Linear Biases", False),       # mixed-case coinage
])
def test_acronym_unattested(acronym, expansion, unattested):
    assert bl.acronym_unattested(acronym, expansion, STATS) is unattested


def test_is_ordinary_word():
    assert bl.is_ordinary_word("focus", STATS)
    assert bl.is_ordinary_word("Satellite", STATS)
    assert not bl.is_ordinary_word("Adam", STATS)
    assert not bl.is_ordinary_word("Cityscapes", STATS)
    assert bl.is_ordinary_word("Chairs", STATS, min_count=3)


def test_recase_label():
    e = bl.Entry("dataset", "mmlu")
    bl.recase_label(e, STATS)
    assert e.label == "MMLU"


# ---------------------------------------------------------------------------------------------
# merging, dedupe, conflicts, serialisation
# ---------------------------------------------------------------------------------------------

def test_label_rank_prefers_readable_frequent_spelling():
    spellings = {"cifar10": 5, "CIFAR-10": 60, "Cifar-10": 1}
    best = sorted(spellings, key=lambda s: bl.label_rank(s, spellings[s]))[0]
    assert best == "CIFAR-10"
    spellings = {"named-entity-recognition": 9, "Named Entity Recognition": 3}
    assert sorted(spellings, key=lambda s: bl.label_rank(s, spellings[s]))[0] == "Named Entity Recognition"


def test_group_candidates_merges_spellings_and_acronyms():
    cands = [("Word Error Rate", ["WER"], 1, False), ("WER", [], 1, False),
             ("Named Entity Recognition", [], 1, False), ("named-entity-recognition", [], 1, False)]
    entries = {e.label: e for e in bl.group_candidates("metric", cands, merge_on_alias=True)}
    assert set(entries) == {"Word Error Rate", "Named Entity Recognition"}
    assert "WER" in entries["Word Error Rate"].aliases


def _entry(kind, label, aliases=(), curated=False, cs=False, ambiguous=()):
    e = bl.Entry(kind, label, curated=curated)
    e.support[label] = 1
    e.label_form = bl.Form(label, cs)
    for a in aliases:
        short = len(a) <= 4
        e.aliases[a] = bl.Form(a, short, a in ambiguous)
    return e


def test_dedupe_aliases():
    e = _entry("metric", "Intersection over Union", ["IoU", "IOU", "intersection over union",
                                                     "Intersection-over-Union"])
    bl.dedupe_aliases(e)
    assert set(e.aliases) == {"IoU", "IOU"}   # case twins kept when both case-sensitive
    e = _entry("dataset", "Boston", ["boston"], cs=True)
    e.aliases["boston"].case_sensitive = False
    bl.dedupe_aliases(e)
    assert e.aliases == {}


@pytest.mark.parametrize("a, a_cs, b, b_cs, collide", [
    ("mAP", True, "MAP", True, False), ("mAP", True, "map", False, True),
    ("SGD", True, "SGD", True, True), ("MS-COCO", False, "MSCOCO", True, True),
    ("SAM", True, "SAM 2", True, False),
])
def test_forms_collide(a, a_cs, b, b_cs, collide):
    assert bl.forms_collide(bl.Form(a, a_cs), bl.Form(b, b_cs)) is collide


def test_resolve_conflicts():
    entries = {
        "method": [
            _entry("method", "Stochastic Gradient Descent", ["SGD"]),
            _entry("method", "Causal Inference"),
            _entry("method", "Masked Autoencoder", ["MAE"], curated=True, ambiguous={"MAE"}),
        ],
        "dataset": [_entry("dataset", "SGD", cs=True), _entry("dataset", "AP", cs=True)],
        "task": [_entry("task", "Causal Inference"), _entry("task", "Knowledge Distillation")],
        "metric": [
            _entry("metric", "AP", cs=True),
            _entry("metric", "Mean Absolute Error", ["MAE"], curated=True, ambiguous={"MAE"}),
        ],
    }
    entries["method"].append(_entry("method", "Knowledge Distillation"))
    report = bl.resolve_conflicts(entries, [])
    labels = {k: {e.label for e in v} for k, v in entries.items()}
    assert "AP" not in labels["dataset"] and "AP" in labels["metric"]          # metric > dataset
    assert "Causal Inference" in labels["task"] and "Causal Inference" not in labels["method"]
    assert "Knowledge Distillation" not in labels["task"]                        # method > task
    sgd_method = next(e for e in entries["method"] if e.label == "Stochastic Gradient Descent")
    assert sgd_method.aliases["SGD"].ambiguous                                   # method/dataset
    assert entries["dataset"][0].label_form.ambiguous
    assert any("'MAE'" in line and line.startswith("ambiguous") for line in report)


def test_curated_entries_sharing_an_unmarked_form_are_a_data_error():
    # regression: "Gaussian Splatting", a label and an alias of two curated methods, became
    # ambiguous and so matched nothing
    entries = {kind: [] for kind in TYPES}
    entries["method"] = [_entry("method", "3D Gaussian Splatting", ["Gaussian Splatting"], curated=True),
                         _entry("method", "Gaussian Splatting", curated=True)]
    with pytest.raises(ValueError, match="'Gaussian Splatting' is a form of both"):
        bl.resolve_conflicts(entries, [])


@pytest.mark.parametrize("label, kind", [
    ("Backdoor Attack", "method"), ("Membership Inference Attacks", "method"),  # the guide: attacks are methods
    ("Adversarial Attack Detection", "task"), ("Image Classification", "task"),
])
def test_attacks_in_the_task_list_are_methods(label, kind):
    assert bl.task_list_type(label) == kind


def test_entry_json_format():
    e = _entry("method", "Mixture of Experts", ["MoE", "mixture-of-experts"])
    assert bl.entry_json(e) == {
        "label": "Mixture of Experts", "case_sensitive": False,
        "aliases": [{"text": "mixture-of-experts", "case_sensitive": False},
                    {"text": "MoE", "case_sensitive": True}],
    }
    e.label_form.ambiguous = True
    assert list(bl.entry_json(e)) == ["label", "case_sensitive", "ambiguous", "aliases"]


def test_render_sorted_and_deterministic():
    entries = [_entry("task", "b task"), _entry("task", "A task"), _entry("task", "a task2")]
    text = bl.render(entries)
    assert [json.loads(line)["label"] for line in text.splitlines()] == ["A task", "a task2", "b task"]
    assert text == bl.render(list(reversed(entries)))


def test_additions_file_is_valid():
    data = json.loads((ROOT / "scripts" / "lexicon_additions.json").read_text(encoding="utf-8"))
    for kind in TYPES:
        for item in data.get(kind, []):
            assert item["label"] and isinstance(item.get("aliases", []), list)
    curated = bl.load_additions(ROOT / "scripts" / "lexicon_additions.json")
    mae = [f for e in curated["method"] + curated["metric"] for f in e.aliases.values() if f.text == "MAE"]
    assert len(mae) == 2 and all(f.ambiguous for f in mae)


# ---------------------------------------------------------------------------------------------
# the shipped lexicons
# ---------------------------------------------------------------------------------------------

def _shipped(kind):
    lines = (LEXICONS / f"{kind}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


@pytest.mark.parametrize("kind", TYPES)
def test_shipped_lexicon_shape(kind):
    rows = _shipped(kind)
    assert len(rows) > 100
    labels = [r["label"] for r in rows]
    assert labels == sorted(labels, key=lambda s: (s.casefold(), s))
    assert len(set(labels)) == len(labels)
    keys = Counter(bl.surface_key(label) for label in labels)
    assert keys.most_common(1)[0][1] == 1, keys.most_common(3)   # no two spellings of one name
    for r in rows:
        assert set(r) <= {"label", "case_sensitive", "ambiguous", "aliases"}
        assert isinstance(r["case_sensitive"], bool) and r.get("ambiguous", True) is True
        assert r["label"] == r["label"].strip() and "  " not in r["label"]
        texts = [a["text"] for a in r["aliases"]]
        assert r["label"] not in texts and len(set(texts)) == len(texts)
        for a in r["aliases"]:
            assert set(a) <= {"text", "case_sensitive", "ambiguous"}
            assert isinstance(a["case_sensitive"], bool) and a.get("ambiguous", True) is True


def test_shipped_lexicons_contain_key_entries():
    methods = {r["label"]: r for r in _shipped("method")}
    moe = methods["Mixture of Experts"]
    assert any(a["text"] == "MoE" for a in moe["aliases"])
    assert methods["Adam"]["case_sensitive"] is True
    assert "Transformer" in methods and "Focus" not in methods
    metrics = {r["label"] for r in _shipped("metric")}
    assert {"Accuracy", "F1 Score", "Peak Signal-to-Noise Ratio", "BLEU", "mAP@0.5:0.95"} <= metrics
    assert not metrics & {"Params", "FPS", "GFLOPs", "μ", "Score"}
    tasks = {r["label"] for r in _shipped("task")}
    assert {"Object Detection", "Semantic Segmentation", "Named Entity Recognition"} <= tasks
    assert not tasks & {"Segmentation", "Classification", "16k", "1 Image, 2*2 Stitchi"}
    datasets = {r["label"] for r in _shipped("dataset")}
    assert {"COCO", "CIFAR-10", "ImageNet", "BDD100K"} <= datasets
    assert not datasets & {"COCO test-dev", "BDD100K val", "DeLiVER test", "N/A"}


def test_shipped_surface_forms_unique_unless_ambiguous():
    owners: dict[str, list[tuple[str, str, dict]]] = {}
    for kind in TYPES:
        for r in _shipped(kind):
            forms = [{"text": r["label"], "case_sensitive": r["case_sensitive"],
                      "ambiguous": r.get("ambiguous", False)}] + r["aliases"]
            for f in forms:
                owners.setdefault(bl.surface_key(f["text"]), []).append((kind, r["label"], f))
    for group in owners.values():
        for i, (k1, l1, f1) in enumerate(group):
            for k2, l2, f2 in group[i + 1:]:
                if (k1, l1) == (k2, l2):
                    continue
                a = bl.Form(f1["text"], f1["case_sensitive"])
                b = bl.Form(f2["text"], f2["case_sensitive"])
                if bl.forms_collide(a, b):
                    assert f1.get("ambiguous") and f2.get("ambiguous"), (k1, l1, f1, k2, l2, f2)


def test_shipped_lexicons_are_small_and_attributed():
    total = sum((LEXICONS / f"{kind}.jsonl").stat().st_size for kind in TYPES)
    assert total < 2_000_000
    notice = (LEXICONS / "NOTICE.md").read_text(encoding="utf-8")
    assert "Papers with Code" in notice and "CC BY-SA 4.0" in notice


@pytest.mark.skipif(not (SHARED / "lexicons" / "pwc").is_dir() or not (SHARED / "corpus").is_dir(),
                    reason="../shared is not available")
def test_shipped_lexicons_are_reproducible():
    entries, _, _ = bl.build(SHARED)
    for kind in TYPES:
        assert bl.render(entries[kind]) == (LEXICONS / f"{kind}.jsonl").read_text(encoding="utf-8"), kind


# ---------------------------------------------------------------------------------------------
# dataset names that running text uses as ordinary phrases
# ---------------------------------------------------------------------------------------------

PHRASE_STATS = bl.WordStats(
    tokens={"deepfakes": 300, "genome": 50},
    phrases={"real world": 12863, "natural questions": 63, "visual genome": 16, "deep fakes": 3},
    lower_phrases={"real world": 12583, "natural questions": 44, "visual genome": 0, "deep fakes": 3},
)


@pytest.mark.parametrize("name, ordinary", [
    ("Real-world", True),  # "real-world" in lower case 98% of the time
    ("Deep Fakes", True),  # written as the one ordinary word "deepfakes"
    ("Natural Questions", False),  # capitalised often enough: the dataset
    ("Visual Genome", False),
    ("CrossTask", False),  # one word: only "CrossTask" itself matches
    ("MS-COCO", False),  # not plain words
])
def test_is_ordinary_phrase(name, ordinary):
    assert bl.is_ordinary_phrase(name, PHRASE_STATS) is ordinary


def test_shipped_datasets_hold_no_ordinary_phrases():
    names = {json.loads(line)["label"] for line in (LEXICONS / "dataset.jsonl").read_text("utf-8").splitlines()}
    assert not names & {"Real-world", "Social media", "In-house", "E-commerce", "Deep Fakes"}


def test_defined_as_a_term():
    stats = bl.WordStats(tokens={}, definitions={"SOTA": (40, 38), "MMLU": (30, 0), "LMs": (12, 12), "MedQA": (9, 9)})
    assert bl.defined_as_a_term("SOTA", stats)  # "state-of-the-art (SOTA)"
    assert bl.defined_as_a_term("LM", stats)  # "language models (LMs)"
    assert not bl.defined_as_a_term("MMLU", stats)  # defined by its own capitalised name
    assert not bl.defined_as_a_term("MedQA", stats)  # a mixed-case coinage


def test_shipped_datasets_hold_no_abbreviations_of_terms():
    names = {json.loads(line)["label"] for line in (LEXICONS / "dataset.jsonl").read_text("utf-8").splitlines()}
    assert not names & {"SOTA", "SSL", "LM", "E2E", "PSNR"}
    assert {"MATH", "MedQA", "MMLU"} <= names


@pytest.mark.parametrize("task, things", [
    ("Point Clouds", True), ("Knowledge Graphs", True), ("Word Embeddings", True),
    ("Small Language Model", True), ("Computed Tomography", True), ("High School Physics", True),
    ("Computational Efficiency", True), ("Pseudo Label", True), ("Time Series", True), ("Privacy Preserving", True),
    ("Action Recognition In Videos", False), ("Time Series Forecasting", False), ("Analysis", False),
    ("Text-To-Image", False), ("Drug Design", False), ("Image-to-Image Translation", False),
])
def test_names_things(task, things):
    assert bl.names_things(task) is things


def test_camel_case_of_a_phrase():
    stats = bl.WordStats(tokens={}, lower_phrases={"cross task": 300, "image net": 0})
    assert bl.camel_case_of_a_phrase("CrossTask", stats)  # "cross-task" in running text
    assert not bl.camel_case_of_a_phrase("ImageNet", stats)
    assert not bl.camel_case_of_a_phrase("MS-COCO", stats)


def test_camel_case_datasets_do_not_match_the_phrase():
    from kg.lexicon import default_lexicon
    lexicon = default_lexicon()
    assert lexicon.lookup("cross-task") is None and lexicon.lookup("follow-up") is None
    assert lexicon.lookup("CrossTask").type == "dataset"


def test_datasets_the_corpus_defines_as_other_terms_are_dropped():
    entry = bl.Entry("dataset", "ECE")
    entry.label_form = bl.Form("ECE")
    metric = bl.Entry("metric", "Expected Calibration Error")
    metric.label_form = bl.Form("Expected Calibration Error")
    entries = {"method": [], "dataset": [entry], "task": [], "metric": [metric]}
    stats = bl.WordStats(tokens={}, long_forms={"ECE": {"expected calibration error": 26, "emotion cause extraction": 1}})
    log: list[str] = []
    bl.drop_datasets_defined_as_other_terms(entries, stats, log)
    assert entries["dataset"] == [] and "ECE" in log[0]


@pytest.mark.parametrize("short, label", [
    ("RL", "Reinforcement Learning"), ("MLP", "Multilayer Perceptron"), ("NAS", "Neural Architecture Search"),
    ("DiT", "Diffusion Transformer"), ("YOLO", "YOLO"), ("T5", "T5"), ("TTS", "Text to Speech"),
    ("CTC", "Connectionist Temporal Classification"), ("FLAME", "FLAME"),  # were datasets: "a CTC head"
])
def test_common_short_forms_of_known_methods_are_known(short, label):
    # regression: "an ultimate RL stage" and "an MLP head" were missed (the lexicon had the long forms only)
    from kg.lexicon import default_lexicon
    assert default_lexicon().lookup(short).label == label


@pytest.mark.parametrize("edition, base", [
    ("LAION-400M", "LAION-5B"), ("WikiText-2", "WikiText-103"), ("MMMU-Pro", "MMMU"), ("FineWeb-Edu", "FineWeb"),
])
def test_an_edition_of_a_known_dataset_is_not_that_dataset(edition, base):
    # regression: hand-written aliases made LAION-400M a name of LAION-5B, two other collections
    from kg.lexicon import default_lexicon
    known = default_lexicon().lookup(edition)
    assert known is None or known.label != base


@pytest.mark.parametrize("label, dropped", [("pathbased", True), ("mmlu", False), ("Pathbased", False)])
def test_a_lower_case_dataset_word_the_corpus_never_writes_is_dropped(label, dropped):
    # regression: PwC's "pathbased" matched "path-based methods" by its hyphen variant
    assert bl.unseen_lower_case_word(label, STATS) is dropped
