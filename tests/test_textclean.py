"""Tests of kg.textclean: LaTeX remnants, control characters, white space, URLs."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.textclean import clean_text, find_urls, is_code_url, normalize_space, remove_unprintable, strip_latex

# (raw text as pasted from arXiv, what a reader sees)
LATEX = [
    # math mode
    (r"We cut the $l_2$ error.", "We cut the l2 error."),
    (r"a gain of 100$\%$ overall", "a gain of 100% overall"),
    (r"with $\alpha$ fixed", "with α fixed"),
    (r"a$\times$b", "a×b"),
    (r"patches of 16$\times$16 pixels", "patches of 16×16 pixels"),
    (r"$\alpha$=0.5", "α=0.5"),
    (r"5$\pm$1 points", "5±1 points"),
    (r"$\leq$ 5 ms", "≤ 5 ms"),
    (r"an $\ell_1$ penalty", "an l1 penalty"),
    (r"$\mathcal{L}_{total}$ loss", "Ltotal loss"),
    (r"in $O(n^{2})$ time", "in O(n^2) time"),
    (r"$$x$$ display", "x display"),
    # text formatting commands keep their argument
    (r"\textit{etc}", "etc"),
    (r"\textbf{M}ulti-\textbf{S}cale", "Multi-Scale"),
    (r"\emph{\textbf{nested}} commands", "nested commands"),
    (r"\texttt{torch} code", "torch code"),
    (r"\textsuperscript{2}", "2"),
    (r"\url{https://github.com/a/b}", "https://github.com/a/b"),
    (r"\href{https://example.org}{our page}", "our page (https://example.org)"),  # the URL stays findable
    # old-style font switches
    (r"{\em X}", "X"),
    (r"{\bf Bold} text", "Bold text"),
    (r"{\em et al.}", "et al."),
    # citations and references disappear with their argument
    (r"Prior work \cite{smith2020} is slow", "Prior work is slow"),
    (r"Prior work \citep{a,b} is slow", "Prior work is slow"),
    (r"as in Fig. \ref{fig:1} and \footnote{a note} here", "as in Fig. and here"),
    # accents
    (r"moir\'e", "moiré"),
    (r"moir\'{e}", "moiré"),
    (r"{\'e}t\'e", "été"),
    (r'Schr\"odinger', "Schrödinger"),
    (r'na\"{\i}ve', "naïve"),
    (r"\`a la", "à la"),
    (r"\^ot\'e", "ôté"),
    (r"Espa\~na", "España"),
    (r"\c{c}a", "ça"),
    (r"\v{s}", "š"),
    (r"Erd\H{o}s", "Erdős"),
    # ties and escaped symbols
    (r"results~(see Fig. 1)", "results (see Fig. 1)"),
    (r"Fig.~1", "Fig. 1"),
    (r"about ~10% of it", "about ~10% of it"),  # a "~" after a space means "about"
    (r"R\&D", "R&D"),
    (r"a\%b", "a%b"),
    (r"line\\break", "line break"),
    (r"\textasciitilde", "~"),
    # the docstring example
    (
        r"We cut the $l_2$ error by 100$\%$ on moir\'e images~(see Fig. 1).",
        "We cut the l2 error by 100% on moiré images (see Fig. 1).",
    ),
]

PLAIN = [
    "",
    "Plain text with no markup at all.",
    "C++ and C# are languages.",
    "50% off, 3 < 4 > 2.",
    "An e-mail: someone@example.org",
]


@pytest.mark.parametrize("raw, expected", LATEX)
def test_clean_text_turns_latex_into_what_a_reader_sees(raw, expected):
    assert clean_text(raw) == expected


@pytest.mark.parametrize("raw, expected", LATEX)
def test_clean_text_is_idempotent_on_cleaned_text(raw, expected):
    once = clean_text(raw)
    assert clean_text(once) == once


@pytest.mark.parametrize("raw, expected", LATEX)
def test_strip_latex_leaves_no_markup(raw, expected):
    out = strip_latex(raw)
    assert "\\" not in out and "{" not in out and "}" not in out
    assert "$" not in out


@pytest.mark.parametrize("text", PLAIN + ["two\nlines\tand  spaces", "tab\there"])
def test_strip_latex_leaves_text_without_markup_alone(text):
    assert strip_latex(text) == text


@pytest.mark.parametrize("text", PLAIN)
def test_clean_text_leaves_plain_text_alone(text):
    assert clean_text(text) == text


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("We study\ngraphs.", "We study graphs."),
        ("We study\r\ngraphs.", "We study graphs."),
        ("We study\rgraphs.", "We study graphs."),
        ("We   study \t graphs.", "We study graphs."),
        ("  leading and trailing  \n", "leading and trailing"),
        ("hard-\nwrapped line\n\nand paragraph", "hard- wrapped line and paragraph"),
        ("non\u00a0breaking space", "non breaking space"),
        ("line\u2028separator", "line separator"),
        ("\n\n\t ", ""),
    ],
)
def test_clean_text_joins_line_breaks_and_collapses_space(raw, expected):
    assert clean_text(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("a\n b", "a b"), ("  x  y ", "x y"), ("", ""),
    # regression: a name with a hyphen or digit after a lost space stayed glued ("generalization.G-ZAP")
    ("improves generalization.G-ZAP keeps", "improves generalization. G-ZAP keeps"),
    ("the fusion.U2Net model", "the fusion. U2Net model"),
    ("e.g.G-ZAP", "e.g.G-ZAP"),
])
def test_normalize_space(raw, expected):
    assert normalize_space(raw) == expected


UNPRINTABLE = [
    pytest.param("\x00", id="NUL"),
    pytest.param("\x07", id="bell"),
    pytest.param("\x0b", id="vertical-tab"),
    pytest.param("\x0c", id="form-feed"),
    pytest.param("\x1b", id="escape"),
    pytest.param("\x7f", id="DEL"),
    pytest.param("\x85", id="C1-NEL"),
    pytest.param("\u200e", id="LRM"),
    pytest.param("\u200f", id="RLM"),
    pytest.param("\u202e", id="RLO"),
    pytest.param("\u2066", id="LRI"),
    pytest.param("\ufeff", id="BOM"),
    pytest.param("\ud800", id="lone-high-surrogate"),
    pytest.param("\udfff", id="lone-low-surrogate"),
    pytest.param("\ue000", id="private-use"),
    pytest.param("\U000f0000", id="supplementary-private-use"),
    pytest.param("\U000e0001", id="language-tag"),
]


@pytest.mark.parametrize("char", UNPRINTABLE)
def test_clean_text_removes_unprintable_characters(char):
    out = clean_text(f"alpha{char}beta gamma{char}")
    assert char not in out
    assert out.isprintable()
    assert out.replace(" ", "") == "alphabetagamma"
    out.encode("utf-8")  # no lone surrogate left to break UTF-8 or XML output


@pytest.mark.parametrize("char", UNPRINTABLE)
def test_remove_unprintable_keeps_tab_and_newline(char):
    out = remove_unprintable(f"a{char}b\tc\nd")
    assert char not in out
    assert "\t" in out and "\n" in out
    assert out.replace(" ", "") == "ab\tc\nd"


@pytest.mark.parametrize(
    "text",
    [
        "Emoji 🚀 stay.",
        "Family 👨\u200d👩\u200d👧 stays joined.",
        "Heart ❤\ufe0f with variation selector.",
        "Flag 🇫🇷 stays.",
        "Thumbs 👍🏽 with skin tone.",
        "Greek αβγ, Cyrillic графы, CJK 图学习, Hebrew שלום, Arabic مرحبا.",
        "Math ∑ ∞ ≤ ≥ × ±.",
    ],
)
def test_clean_text_keeps_visible_unicode(text):
    assert clean_text(text) == text


@pytest.mark.parametrize(
    "decomposed",
    ["Cafe\u0301", "moire\u0301 patterns", "Schro\u0308dinger", "n\u0303", "A\u030angstro\u0308m"],
)
def test_clean_text_composes_combining_accents(decomposed):
    out = clean_text(decomposed)
    assert out == unicodedata.normalize("NFC", decomposed)
    assert unicodedata.is_normalized("NFC", out)
    assert len(out) < len(decomposed)  # the accent was composed, not dropped or doubled


def test_combining_accent_without_precomposed_form_is_kept():
    text = "q\u0307"  # no precomposed q with dot above exists
    assert clean_text(text) == text


def test_output_is_nfc_even_when_markup_separated_a_combining_mark():
    out = clean_text("caf{e}\u0301 au lait")
    assert out == "café au lait"
    assert unicodedata.is_normalized("NFC", out)


def test_soft_hyphen_does_not_split_a_word():
    assert clean_text("image segmen\u00adtation") == "image segmentation"


@pytest.mark.parametrize(
    "raw",
    [
        "Data: https://www.cs.toronto.edu/~kriz/cifar.html today.",
        r"Data: \url{https://www.cs.toronto.edu/~kriz/cifar.html} today.",
    ],
)
def test_tilde_inside_url_is_kept(raw):
    out = clean_text(raw)
    assert out == "Data: https://www.cs.toronto.edu/~kriz/cifar.html today."
    assert find_urls(out) == ["https://www.cs.toronto.edu/~kriz/cifar.html"]


@pytest.mark.parametrize(
    "raw, expected",
    [(r"\textbf{{M}ulti}-scale", "Multi-scale"), (r"\emph{bold {nested} words}", "bold nested words")],
)
def test_text_command_with_nested_braces(raw, expected):
    assert clean_text(raw) == expected


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["a", "b", " ", "$", "\\", "{", "}", "~", "_", "^", "%", "'", '"', "\n", "\x00", "\u0301",
             "\\alpha", "\\textbf", "\\'", "\\cite", "\\em", "é", "🚀", "\ud800", "\u200f"]
        ),
        max_size=20,
    ).map("".join)
)
def test_clean_text_is_total_and_output_is_printable_and_trimmed(text):
    out = clean_text(text)
    assert isinstance(out, str)
    assert out.isprintable()
    assert out == out.strip() and "  " not in out


URLS = [
    ("Code: https://github.com/a/b.", ["https://github.com/a/b"]),
    ("Code: https://github.com/a/b. Data at www.example.org/x).", ["https://github.com/a/b", "www.example.org/x"]),
    ("see https://example.org/page, then", ["https://example.org/page"]),
    ("trailing punctuation https://a.org/x?!;:", ["https://a.org/x"]),
    ("quoted 'https://a.org/q' and \"https://a.org/r\"", ["https://a.org/q", "https://a.org/r"]),
    ("(see https://a.org/x)", ["https://a.org/x"]),
    ("(see https://a.org/x).", ["https://a.org/x"]),
    ("[https://a.org/b]", ["https://a.org/b"]),
    ("<https://a.org>", ["https://a.org"]),
    # a closing bracket the URL opened itself is part of it
    ("wiki https://en.wikipedia.org/wiki/Graph_(discrete_mathematics).",
     ["https://en.wikipedia.org/wiki/Graph_(discrete_mathematics)"]),
    ("(see https://a.org/x_(y))", ["https://a.org/x_(y)"]),
    # bare code hosts without a scheme
    ("Code at github.com/user/repo.", ["github.com/user/repo"]),
    ("see github.com/a/b, and gitlab.com/c/d;", ["github.com/a/b", "gitlab.com/c/d"]),
    ("query strings http://x.org/a?b=1&c=2!", ["http://x.org/a?b=1&c=2"]),
    ("HTTPS://GITHUB.COM/A/B", ["HTTPS://GITHUB.COM/A/B"]),
    # duplicates once, order of appearance
    ("https://b.org/1 https://a.org/2 https://b.org/1", ["https://b.org/1", "https://a.org/2"]),
    # not URLs
    ("no links here, just github and e.g. example.org", []),
    ("mygithub.com/a is not github", []),
    ("", []),
]


@pytest.mark.parametrize("text, expected", URLS)
def test_find_urls(text, expected):
    assert find_urls(text) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://github.com/a/b",
        "github.com/a",
        "HTTPS://GITHUB.COM/A/B",
        "https://www.github.com/a/b",
        "https://user.github.io/project",
        "https://gitlab.com/x/y",
        "https://bitbucket.org/x/y",
        "https://huggingface.co/org/model",
        "https://codeberg.org/x/y",
        "https://sourceforge.net/projects/x",
        "https://gitee.com/x/y",
        "https://paperswithcode.com/paper/x",
        "https://colab.research.google.com/drive/x",
    ],
)
def test_is_code_url_true_for_code_hosts(url):
    assert is_code_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org",
        "https://arxiv.org/abs/2409.03501",
        "https://notgithub.com/x",
        "https://mygithub.io/x",
        "www.example.org/x",
        "https://research.google.com/x",
    ],
)
def test_is_code_url_false_for_other_hosts(url):
    assert not is_code_url(url)


def _unprintable_oracle(text: str) -> str:
    """remove_unprintable's rule applied to every character, with no fast path."""
    out = []
    for index, ch in enumerate(text):
        category = unicodedata.category(ch)
        joins = 0 < index < len(text) - 1 and all(unicodedata.category(text[i])[0] in "LMS" for i in (index - 1, index + 1))
        if ch in "\t\n" or (ch == "\u200d" and joins):
            out.append(ch)
        elif category in {"Cc", "Cs", "Co", "Cn"}:
            out.append(" ")
        elif category != "Cf":
            out.append(ch)
    return "".join(out)


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from("ab \t\n\r\x00\u00a0\u00ad\u200b\u200d\u2028\ue000\U000e0001é😀")))
def test_remove_unprintable_follows_its_rule_on_every_path(text):
    assert remove_unprintable(text) == _unprintable_oracle(text)


def test_remove_unprintable_returns_text_with_only_line_breaks_as_it_is():
    text = "We propose X.\nIt is\tfast.\n"
    assert remove_unprintable(text) is text


@pytest.mark.parametrize("text", ["see HTTPS://x.org/a", "at WWW.Example.org", "code: GitHub.com/a/b",
                                  "code: gıthub.com/a/b", "code: gİthub.com/a/b", "ftp://host/file"])
def test_find_urls_sees_every_url_its_pattern_matches(text):
    from kg.textclean import _URL
    assert find_urls(text) == [m.group(0) for m in _URL.finditer(text)]


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from("abzAZ0.;,() -_\n")))
def test_glued_punctuation_patterns_match_where_the_letters_before_them_are(text):
    expected = re.sub(r"(?<=[a-z]{2})([.;,])(?=[A-Z][A-Za-z0-9-])", r"\1 ", text)
    expected = re.sub(r"(?<=[a-z]{3})\((?=[A-Z][\w-]*\))", " (", expected)
    assert normalize_space(text) == " ".join(expected.split())


@pytest.mark.parametrize("raw, expected", [
    ("a **P**rototype-**A**ffinity **H**ybrid **Net**work (PAHNet)", "a Prototype-Affinity Hybrid Network (PAHNet)"),
    ("we introduce **Roads\nto Rome (R2R)**, a router", "we introduce Roads to Rome (R2R), a router"),
    ("gains of **+3.04 ROUGE** and **28%**", "gains of +3.04 ROUGE and 28%"),
    ("10**4/10**5 times", "10**4/10**5 times"),
    ("y = abs(x)**beta with **kern files", "y = abs(x)**beta with **kern files"),
    ("the loss x**2 + y**2 is convex", "the loss x**2 + y**2 is convex"),
])
def test_clean_text_removes_markdown_bold_but_not_powers(raw, expected):
    # regression: "**P**rototype-**A**ffinity" hid the long form of PAHNet from the acronym finder
    assert clean_text(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("Code: [GitHub - tianyu-zou/PAHNet: Balancing Conservatism](https://github.com/tianyu-zou/PAHNet)",
     "Code: https://github.com/tianyu-zou/PAHNet"),
    ("See [this https URL](https://x.io/a_b).", "See https://x.io/a_b."),
    ("the set [0, 1](see below) and [a](b)", "the set [0, 1](see below) and [a](b)"),  # no link
])
def test_clean_text_turns_a_markdown_link_into_its_address(raw, expected):
    # regression: a link's label, a copied GitHub page title, gave the method "tianyu-zou/PAHNet"
    assert clean_text(raw) == expected
