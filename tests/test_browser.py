"""graph.html in a real browser: Debian's Chromium driven by Playwright, with networking off.

Skipped when Playwright or /usr/bin/chromium is missing; .ci/run installs both.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.export import write_outputs
from kg.pipeline import build

sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)", allow_module_level=True)

EVIL = ('<script>window.pwned = "script"</script> <img src=x onerror="window.pwned = \'img\'"> '
        '"href" ]]> <b onmouseover=alert(1)>bold</b>')
LISTING = (
    "Face anti-spoofing (FAS) protects face recognition systems. We propose SpoofNet, a diffusion-based "
    "framework built on CLIP. Experiments on OULU-NPU and CASIA-FASD show lower half total error rate (HTER).\n"
    "arXiv:2409.03501The mixture of experts (MoE) layer scales Vision Transformers. We introduce GateMix, a "
    "router for MoE models evaluated on ImageNet with top-1 accuracy.\n"
    "arXiv:2408.12141\n"
)
EVIL_JSONL = ('{"id": "2409.00666", "title": ' + __import__("json").dumps(EVIL) + ', "abstract": '
              + __import__("json").dumps(f"We propose EvilNet, trained on ImageNet. {EVIL}") + "}\n")


@pytest.fixture(scope="module")
def graph_page(tmp_path_factory):
    """graph.html and its graph, written in a folder of its own (the page must work from anywhere)."""
    folder = tmp_path_factory.mktemp("page")
    (folder / "listing.txt").write_text(LISTING, encoding="utf-8")
    (folder / "evil.jsonl").write_text(EVIL_JSONL, encoding="utf-8")
    graph = build([folder / "listing.txt", folder / "evil.jsonl"]).graph
    write_outputs(graph, folder / "out", formats=["html"])
    return folder / "out" / "graph.html", graph


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser, graph_page):
    path, _ = graph_page
    context = browser.new_context(offline=True, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    requests, dialogs, errors = [], [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-settled=true]", timeout=60_000)
    page.requests, page.dialogs, page.errors = requests, dialogs, errors
    yield page
    context.close()


def _visible_node_ids(page) -> list[str]:
    return page.evaluate("network.body.nodeIndices.slice()")


def _node_on_screen(page, node: str) -> tuple[float, float]:
    return page.evaluate(f"""() => {{
        const p = network.canvasToDOM(network.getPositions(["{node}"])["{node}"]);
        const box = document.querySelector("#network").getBoundingClientRect();
        return [box.left + p.x, box.top + p.y];
    }}""")


def test_page_renders_every_node_on_the_canvas_offline(page, graph_page):
    _, graph = graph_page
    assert sorted(_visible_node_ids(page)) == sorted(graph.nodes)
    assert page.evaluate("Object.keys(network.getPositions()).length") == graph.number_of_nodes()
    painted = page.evaluate("""() => {
        const canvas = document.querySelector("#network canvas");
        const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
        let painted = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
        return painted;
    }""")
    assert painted > 1000
    assert [url for url in page.requests if not url.startswith("file:")] == []
    assert page.errors == []


def test_search_by_alias_focuses_the_node_and_opens_its_panel(page):
    page.fill("#search", "moe")
    page.press("#search", "Enter")
    selected = page.evaluate("network.getSelectedNodes()")
    assert selected == ["method:mixture of experts"]
    panel = page.locator("#panel")
    assert panel.is_visible()
    assert "MoE" in panel.inner_text() and "GateMix" in panel.inner_text()
    page.fill("#search", "no such thing at all")
    page.press("#search", "Enter")
    assert 'No node matches "no such thing at all"' in page.inner_text("#status")


def test_type_filter_hides_and_shows_nodes(page, graph_page):
    _, graph = graph_page
    methods = {n for n, d in graph.nodes(data=True) if d["type"] == "method"}
    page.uncheck('input[data-type="method"]')
    assert set(_visible_node_ids(page)) == set(graph.nodes) - methods
    page.check('input[data-type="method"]')
    assert set(_visible_node_ids(page)) == set(graph.nodes)


def test_clicking_a_node_opens_the_panel_and_highlights_its_neighbours(page, graph_page):
    _, graph = graph_page
    node = "paper:2409.03501"
    page.mouse.click(*_node_on_screen(page, node))
    panel = page.locator("#panel")
    assert panel.is_visible()
    text = panel.inner_text()
    assert "arxiv.org/abs/2409.03501" in page.locator("#panel a").first.get_attribute("href")
    assert "Face anti-spoofing (FAS) protects" in text
    marked = page.locator("#panel mark").all_inner_texts()
    assert "SpoofNet" in marked and "CLIP" in marked
    dimmed = page.evaluate("nodes.get().filter(n => n.opacity < 1).map(n => n.id)")
    neighbours = {node, *graph.successors(node)}
    assert set(dimmed) == set(graph.nodes) - neighbours


def test_input_text_shows_as_text_and_never_runs(page):
    page.fill("#search", "EvilNet")
    page.press("#search", "Enter")
    panel = page.locator("#panel")
    text = panel.inner_text()
    assert "<script>window.pwned" in text and "<img src=x onerror=" in text
    assert panel.locator("img, script, b").count() == 0
    assert page.evaluate("window.pwned") is None
    assert page.dialogs == [] and page.errors == []


def test_tooltips_show_input_text_as_text(page):
    x, y = _node_on_screen(page, "paper:2409.00666")
    page.mouse.move(x - 3, y - 3)
    page.mouse.move(x, y, steps=3)
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert "<img src=x" in tooltip.inner_text() and tooltip.locator("img, script, b").count() == 0
    assert page.evaluate("window.pwned") is None and page.dialogs == []
