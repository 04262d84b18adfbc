"""The HTML map: one offline file, input text inert."""

import re

import networkx as nx

from kg.html import most_connected, render_html
from kg.pipeline import build


def _page(graph):
    return render_html(graph)


def test_page_is_self_contained(corpus):
    page = _page(build([corpus]).graph)
    assert "vis.Network" in page and "new vis.DataSet" in page
    # no external scripts, styles or fonts: every src/href attribute is local
    assert not re.search(r"""<(script|link|img)[^>]+(src|href)\s*=\s*["']?(https?:)?//""", page, re.I)
    for host in ("cdnjs.cloudflare.com", "cdn.jsdelivr.net", "unpkg.com", "googleapis.com"):
        assert host not in page


def test_input_text_cannot_break_out_of_the_data_script():
    graph = nx.MultiDiGraph()
    evil = '</script><script>alert(1)</script><img src=x onerror=alert(2)> "href" ]]> <!--'
    graph.add_node("paper:x", type="paper", label=evil, abstract=evil, title=evil, arxiv_id=None, doi=None,
                   code_urls=[], links=[], comments=[evil], sources=[evil], acronyms=[])
    page = _page(graph)
    data_script = page[page.index("const DATA"):]
    assert "</script><script>alert(1)" not in page
    assert "<img src=x" not in page
    assert "\\u003c/script\\u003e" in data_script


def test_large_graph_shows_most_connected_part_and_says_so():
    graph = nx.MultiDiGraph()
    for i in range(30):
        graph.add_node(f"paper:{i}", type="paper", label=f"p{i}")
    graph.add_node("method:hub", type="method", label="hub", aliases=["hub"], paper_count=30)
    for i in range(30):
        graph.add_edge(f"paper:{i}", "method:hub", key="uses", relation="uses", evidence=["s"])
    shown = most_connected(graph, 10)
    assert shown.number_of_nodes() == 10 and "method:hub" in shown
    page = render_html(graph, max_nodes=10)
    assert '"shown":10,"total":31' in page
