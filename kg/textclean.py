"""Clean abstract text as pasted from arXiv: LaTeX remnants, hard line breaks, control characters.

The functions are pure and total: any string in, a string out, never an exception.

>>> clean_text("We cut the $l_2$ error by 100$\\\\%$ on moir\\\\'e images~(see Fig. 1).")
'We cut the l2 error by 100% on moiré images (see Fig. 1).'
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

# Commands whose argument is the text to keep (formatting, not content).
_TEXT_COMMANDS = (
    "textit textbf textrm textsf texttt textsc textup textmd textnormal text emph underline "
    "mathrm mathbf mathit mathsf mathtt mathcal mathbb mathfrak mathscr boldsymbol bm "
    "operatorname mbox hbox url textsuperscript textsubscript uppercase lowercase"
).split()
# Commands whose argument is markup noise, dropped with it (and with the space or tie before it).
_DROP_COMMAND = re.compile(r"[ \t~]*\\(?:cite[pt]?|citeauthor|ref|eqref|autoref|cref|label|footnote|vspace|hspace)\*?"
                           r"(?:\[[^\]]*\])?\{[^{}]*\}")

_SYMBOLS = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν",
    "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "phi": "φ", "varphi": "φ",
    "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ",
    "Lambda": "Λ", "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω", "ell": "l",
    "times": "×", "cdot": "·", "pm": "±", "mp": "∓", "leq": "≤", "le": "≤", "geq": "≥",
    "ge": "≥", "neq": "≠", "approx": "≈", "sim": "~", "simeq": "≃", "infty": "∞",
    "rightarrow": "→", "to": "→", "leftarrow": "←", "Rightarrow": "⇒", "mapsto": "↦",
    "in": "∈", "sum": "Σ", "prod": "Π", "partial": "∂", "nabla": "∇", "circ": "°",
    "degree": "°", "dagger": "†", "ddagger": "‡", "star": "*", "ast": "*", "%": "%",
    "&": "&", "_": "_", "#": "#", "$": "$", "{": "{", "}": "}", "ldots": "...",
    "dots": "...", "cdots": "...", "quad": " ", "qquad": " ", ",": " ", ";": " ", "!": "",
    "LaTeX": "LaTeX", "TeX": "TeX", "textasciitilde": "~", "textbar": "|", "S": "§",
    "o": "ø", "O": "Ø", "ss": "ß", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
    "l": "ł", "L": "Ł",
    # old-style font switches such as {\em word}: no text of their own
    **dict.fromkeys("em bf it rm sc tt sf sl small large Large normalsize footnotesize tiny".split(), ""),
}
# LaTeX accent commands and the Unicode combining mark each stands for.
_ACCENTS = {
    "'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304",
    ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328",
    "r": "\u030a",
}

_URL = re.compile(r"(?:https?://|www\.|(?<![\w./-])(?:github|gitlab)\.com/)[^\s<>\"'{}|\\^`]+", re.I)
_URL_HINTS = ("://", "www.", "github.com/", "gitlab.com/")  # one of them is in every match of _URL
_CODE_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "huggingface.co", "codeberg.org",
               "sourceforge.net", "github.io", "gitee.com", "paperswithcode.com", "colab.research.google.com")
_ACCENT_CMD = re.compile(
    r"\{?\\([\'`^\"~=.])\s*\{?([A-Za-z]|\\[ij])\}?\}?|\{?\\([uvHckr])\s*\{([A-Za-z])\}\}?"
)
_ARG_CMD = re.compile(r"\\([A-Za-z]+)\*?\s*\{([^{}]*)\}")
_HREF = re.compile(r"\\href\s*\{([^{}]*)\}\s*\{([^{}]*)\}")
_BARE_GROUP = re.compile(r"(?<![A-Za-z*\\])\{([^{}]*)\}")  # "{M}ulti": a group not after a command
_BARE_CMD = re.compile(r"\\([A-Za-z]+|[%&_#${},;!])")
# Inline math hugs its delimiters ("$l_2$"); "$5 and $10" is money, not math.
_MATH = re.compile(r"\$\$?(?=[^\s$])([^$]{1,300}?)(?<=\S)\$\$?|\\\((.{1,300}?)\\\)|\\\[(.{1,300}?)\\\]")
_SUBSCRIPT = re.compile(r"_\{([^{}]*)\}|_([A-Za-z0-9])")
_SUPERSCRIPT = re.compile(r"\^\{([^{}]*)\}|\^([A-Za-z0-9+\-*])")
# A tie "~" between two non-spaces, or before a bracket, is a LaTeX non-breaking space; "~10%"
# after a space means "about", so it stays.
_TIE = re.compile(r"(?<=[^\s/])~(?=\S)|(?<!/)~(?=[(\[])")  # "/~user" in a URL stays
# Controls, surrogates, private-use and unassigned characters break XML and mean nothing to a
# reader: they become spaces. Invisible format characters (soft hyphen, zero-width space,
# direction marks) sit inside words: they are removed. The zero-width joiner holds emoji (and
# Indic letters) together, so it stays where it joins two visible characters.
_SPACED_CATEGORIES = {"Cc", "Cs", "Co", "Cn"}
_JOINER = "\u200d"


def find_urls(text: str) -> list[str]:
    """Return the URLs in ``text`` in order of appearance, without trailing punctuation.

    >>> find_urls("Code: https://github.com/a/b. Data at www.example.org/x).")
    ['https://github.com/a/b', 'www.example.org/x']
    """
    urls: list[str] = []
    if not _may_hold_url(text):  # most text: scanning it with _URL costs more than the rest of the clean-up
        return urls
    for match in _URL.finditer(text):
        url = match.group(0).rstrip(".,;:!?'\"")
        # a closing bracket belongs to the URL only if the URL opened one
        while url.endswith((")", "]")) and url.count(url[-1]) > url.count("(" if url[-1] == ")" else "["):
            url = url[:-1].rstrip(".,;:!?")
        if url not in urls:
            urls.append(url)
    return urls


def _may_hold_url(text: str) -> bool:
    """False only when :data:`_URL` cannot match: it matches case-insensitively, where the
    dotted and dotless i are the only characters beyond ASCII that match its letters."""
    lower = text.lower()
    return any(hint in lower for hint in _URL_HINTS) or "\u0130" in text or "\u0131" in text


def is_code_url(url: str) -> bool:
    """True for links to code hosts (GitHub, GitLab, Hugging Face...), judged by the host name.

    >>> is_code_url("https://github.com/a/b"), is_code_url("https://example.org/github.com")
    (True, False)
    """
    host = urlsplit(url if "://" in url else "https://" + url).hostname or ""
    return any(host == h or host.endswith("." + h) for h in _CODE_HOSTS)


def _replace_symbols(text: str) -> str:
    return _BARE_CMD.sub(lambda m: _SYMBOLS.get(m.group(1), m.group(1)), text)


def _unwrap_commands(text: str) -> str:
    """Replace ``\\cmd{arg}`` and bare ``{arg}`` groups by ``arg``, innermost first."""
    text = _DROP_COMMAND.sub("", text)
    previous = None
    while previous != text:
        previous = text
        text = _BARE_GROUP.sub(r"\1", text)
        text = _ARG_CMD.sub(
            lambda m: m.group(2) if m.group(1) in _TEXT_COMMANDS or m.group(1) not in _SYMBOLS else m.group(0),
            text,
        )
    return text


def _math_to_text(body: str) -> str:
    body = _unwrap_commands(body)
    body = _SUBSCRIPT.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), body)
    body = _SUPERSCRIPT.sub(lambda m: "^" + (m.group(1) if m.group(1) is not None else m.group(2)), body)
    return _replace_symbols(body)  # before the $ go, so "a$\times$b" cannot glue into "\timesb"


def strip_latex(text: str) -> str:
    """Turn LaTeX remnants into the plain text a reader would see.

    >>> strip_latex(r"\\textbf{M}ulti-\\textbf{S}cale, \\textit{etc}, $\\alpha$=0.5, 100$\\%$, \\(F_q\\)")
    'Multi-Scale, etc, α=0.5, 100%, Fq'
    """
    if "\\" not in text and "$" not in text and "~" not in text and "{" not in text:
        return text

    def accent(match: re.Match) -> str:
        if match.group(1):
            mark, letter = _ACCENTS[match.group(1)], match.group(2)
        else:
            mark, letter = _ACCENTS[match.group(3)], match.group(4)
        letter = {"\\i": "i", "\\j": "j"}.get(letter, letter)
        return unicodedata.normalize("NFC", letter + mark)

    text = _ACCENT_CMD.sub(accent, text)
    text = _MATH.sub(lambda m: _math_to_text(next(g for g in m.groups() if g is not None)), text)
    text = _HREF.sub(r"\2 (\1)", text)
    text = _unwrap_commands(text)
    text = text.replace("\\\\", " ")
    text = _replace_symbols(text)
    text = _TIE.sub(" ", text)
    return text.replace("{", "").replace("}", "")


# "**P**rototype-**A**ffinity", "we propose **CK-PLUG**", "gains of **+3.04 ROUGE**": Markdown
# bold, not the powers of "10**4", "abs(x)**beta" or "x**2" (marks after a digit or a bracket,
# or between a letter and a digit)
_MARKDOWN_BOLD = re.compile(r"(?<![\d)*])\*\*(?=[\w(+])(?!(?<=[A-Za-z]\*\*)\d)([^*]{1,200}?)(?<=\S)\*\*")


# "[GitHub - owner/repo: the paper's title](https://github.com/owner/repo)": the label is a link's
# text ("this https URL", a copied page title), no prose of the abstract
_MARKDOWN_LINK = re.compile(r"\[[^\[\]]{0,300}\]\((https?://[^()\s]+)\)")


def strip_markdown(text: str) -> str:
    """Remove Markdown bold marks around words, and turn a Markdown link into its address.

    >>> strip_markdown("a **P**rototype-**A**ffinity net, **CK-PLUG**, i**N**put and 10**4/10**5")
    'a Prototype-Affinity net, CK-PLUG, iNput and 10**4/10**5'
    >>> strip_markdown("Code: [GitHub - ab/PAHNet: Balancing Conservatism](https://github.com/ab/PAHNet).")
    'Code: https://github.com/ab/PAHNet.'
    """
    if "](" in text:
        text = _MARKDOWN_LINK.sub(r"\1", text)
    return _MARKDOWN_BOLD.sub(r"\1", text) if "**" in text else text


def remove_unprintable(text: str) -> str:
    """Replace control and surrogate characters by spaces and drop invisible format characters
    (tab and newline are kept, and a zero-width joiner between two visible characters).

    >>> remove_unprintable("a\\x00b segmen\\u00adtation\\u200f\\td \\u200d")
    'a b segmentation\\td '
    """
    # most abstracts hold line breaks, which are not printable: this test in C saves the loop
    if text.isprintable() or text.replace("\n", " ").replace("\t", " ").isprintable():
        return text
    out = []
    for index, ch in enumerate(text):
        if ch.isprintable() or ch in "\t\n" or (ch == _JOINER and _joins(text, index)):
            out.append(ch)
            continue
        category = unicodedata.category(ch)
        if category in _SPACED_CATEGORIES:
            out.append(" ")
        elif category != "Cf":
            out.append(ch)
    return "".join(out)


def _joins(text: str, index: int) -> bool:
    """Whether the character at ``index`` sits between two letters, marks or symbols."""
    return 0 < index < len(text) - 1 and all(unicodedata.category(text[i])[0] in "LMS" for i in (index - 1, index + 1))


# "demands.SAG improves", "benchmarks,SAG": a space lost after punctuation (not "e.g." or "1,000")
# The punctuation comes first in each pattern, the letters before it in a lookbehind after it:
# a pattern that starts with a lookbehind is tried at every position of the text, and these
# two were two fifths of the clean-up's time.
_GLUED_SENTENCE = re.compile(r"([.;,])(?<=[a-z]{2}[.;,])(?=[A-Z][A-Za-z0-9-])")  # "generalization.G-ZAP"
_GLUED_PARENTHESIS = re.compile(r"\((?<=[a-z]{3}\()(?=[A-Z][\w-]*\))")  # "generalization(OSDG)"


def normalize_space(text: str) -> str:
    """Join hard line breaks, restore a space lost after punctuation, and collapse white space.

    >>> normalize_space("two\\nlines.Then,More  text, e.g. 1,000 in generalization(OSDG)")
    'two lines. Then, More text, e.g. 1,000 in generalization (OSDG)'
    """
    text = _GLUED_PARENTHESIS.sub(" (", _GLUED_SENTENCE.sub(r"\1 ", text))
    return " ".join(text.split())


def clean_name(text: str) -> str:
    """Clean an author name: like :func:`clean_text`, but a name is not prose, so no space is
    put back after punctuation.

    >>> clean_name('J.M\\\\"uller\\u200f')
    'J.Müller'
    """
    return unicodedata.normalize("NFC", " ".join(strip_latex(remove_unprintable(text)).split()))


def clean_identifier(text: str) -> str:
    """Clean an identifier such as a DOI: no control or invisible characters, no white space,
    and no LaTeX clean-up, which would change a DOI's "~" or "_".

    >>> clean_identifier(" 10.1145/3664647.\\u200b3680919\\x00 ")
    '10.1145/3664647.3680919'
    """
    return "".join(remove_unprintable(text).replace(_JOINER, "").split())


def clean_text(text: str) -> str:
    """Clean one abstract, title or comment: Unicode NFC, LaTeX, Markdown bold and links, control
    characters, white space."""
    # NFC last: removing markup can bring a combining mark next to its letter
    return unicodedata.normalize("NFC", normalize_space(strip_markdown(strip_latex(remove_unprintable(text)))))
