"""The real review page in headless Chromium (Debian's), against the real server as a subprocess.

Screenshots of the main view go to ``test-artifacts/review/``.
"""
from __future__ import annotations

import contextlib
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from concord.review.journal import ReviewFile
from concord.review.session import ReviewSession
from tests.review.sample import FIXTURES, harbour_alignment
from tests.review.server import ROOT, Server

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
ARTIFACTS = ROOT / "test-artifacts" / "review"

LAYOUT = """() => [...document.querySelectorAll('#beads > li.bead')].map(li => ({
  src: [...li.querySelectorAll('.sent[data-side=src]')].map(s => Number(s.dataset.i)),
  tgt: [...li.querySelectorAll('.sent[data-side=tgt]')].map(s => Number(s.dataset.i)),
  confirmed: li.classList.contains('confirmed')}))"""


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium "
                    "(apt-get install chromium; scripts/test installs it)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


class Page:
    """One browser tab on the review page, failing the test on any script error."""

    def __init__(self, browser, url: str) -> None:
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000},
                                           accept_downloads=True)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(
            message.text))
        self.open(url)

    def open(self, url: str) -> None:
        self.page.goto(url)
        self.page.wait_for_selector("body[data-ready=true]")

    def layout(self) -> list[tuple[list[int], list[int], bool]]:
        return [(b["src"], b["tgt"], b["confirmed"]) for b in self.page.evaluate(LAYOUT)]

    def version(self) -> int:
        return int(self.page.evaluate("document.body.dataset.version"))

    def press(self, key: str, saves: bool = True) -> None:
        """Press a key; when it makes an edit, wait until the server has answered."""
        before = self.version()
        self.page.keyboard.press(key)
        if saves:
            self.page.wait_for_function(f"() => Number(document.body.dataset.version) > {before}")

    def click_sentence(self, side: str, index: int) -> None:
        self.page.click(f'.sent[data-side="{side}"][data-i="{index}"]')

    def status(self) -> str:
        return self.page.inner_text("#status")

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / name))  # the view as the translator sees it

    def close(self) -> None:
        self.context.close()
        assert not self.errors, self.errors


@contextlib.contextmanager
def reviewing(browser, inputs: list[str], cwd: Path) -> Iterator[Page]:
    """A review server on ``inputs`` and a tab on its page; after the block, the tab is closed
    (failing on script errors) and the server stopped, which must exit with status 0."""
    server = Server(inputs, cwd=cwd)
    tab = Page(browser, server.url)
    try:
        yield tab
    finally:
        try:
            tab.close()
        finally:
            status, err = server.stop()
    assert status == 0, err


def unit_statuses(path: Path) -> list[str]:
    from lxml import etree
    return [p.text for p in etree.parse(str(path)).iter("prop")
            if p.get("type") == "x-concord-status"]


def validate_tmx(path: Path) -> None:
    """The exported TMX passes ``tmx.validate`` (and the reference DTD when it is present)."""
    from tmx.validate import validate_file
    dtd = ROOT.parent / "shared" / "reference" / "tmx14.dtd"
    report = validate_file(path, dtd=dtd if dtd.exists() else None)
    assert report.valid, [str(p) for p in report.problems]
    assert report.units > 0


@pytest.fixture
def review_path(tmp_path: Path) -> Path:
    """A review file of the sample pair, whose beads hold two mistakes to fix."""
    path = tmp_path / "harbour.review.jsonl"
    meta = {"doc_id": "harbour", "title": "harbour sample", "glossary": str(FIXTURES / "glossary.csv")}
    ReviewFile.create(path, ReviewSession.from_alignment(harbour_alignment(), meta=meta)).close()
    return path


def test_review_edit_reload_crash_restart_and_export(browser, review_path, tmp_path):
    server = Server([str(review_path)], cwd=tmp_path)
    tab = Page(browser, server.url)
    page = tab.page
    try:
        # the page: ten beads, the stray 1-0 shown as unaligned, terms and findings in view
        assert len(tab.layout()) == 10
        assert tab.layout()[8] == ([8], [], False)
        stray = page.locator("#beads > li.bead").nth(8)
        assert "unaligned" in stray.locator(".side.tgt").inner_text()
        assert stray.locator(".findings li").count() >= 1
        assert "國" not in page.inner_text("#beads")
        terms = page.locator(".term").all_inner_texts()
        assert "国务委员兼外长" in terms and "permanent comprehensive strategic partnership" in terms
        assert page.locator("li.bead").first.locator(".conf").inner_text() == "0.93"
        assert "c-low" in page.locator("li.bead").nth(7).locator(".conf").get_attribute("class")
        # the token is not left in the address bar, which holds the current bead
        assert page.url == server.base + "/#bead-1" and "token" not in page.url
        tab.shot("main-view.png")

        # merge bead 8 with the stray 1-0 below it
        tab.click_sentence("src", 7)
        tab.press("m")
        assert "Merged beads 8 and 9" in tab.status()
        assert tab.layout()[7] == ([7, 8], [7], False) and len(tab.layout()) == 9
        # the new bead has a fresh, local confidence (starred), computed by the aligner's scorer
        conf = page.locator("#beads > li.bead").nth(7).locator(".conf")
        expect(conf).to_have_text(re.compile(r"^(0\.9\d|1\.00)\*$"))
        assert "local confidence" in conf.get_attribute("title")

        # split the 2-2 at the end into two 1-1 beads, in the split dialog
        tab.click_sentence("src", 9)
        page.keyboard.press("s")
        page.wait_for_selector("dialog#split[open]")
        assert page.locator("#split-src input:checked").get_attribute("value") == "1"
        assert page.locator("#split-tgt input:checked").get_attribute("value") == "1"
        before = tab.version()
        page.click("#split-apply")
        page.wait_for_function(f"() => Number(document.body.dataset.version) > {before}")
        assert tab.layout()[8:] == [([9], [8], False), ([10], [9], False)]

        # confirm the first bead (the cursor moves on), then all beads down to the fourth
        page.keyboard.press("g")
        tab.press("c")
        assert tab.layout()[0][2] and not tab.layout()[1][2]
        page.keyboard.press("j")
        page.keyboard.press("j")
        tab.press("C")
        assert [b[2] for b in tab.layout()] == [True] * 4 + [False] * 6
        assert page.inner_text("#progress").startswith("4 of 10 beads confirmed")

        # edit a sentence's text; the original stays in view
        tab.click_sentence("tgt", 5)
        page.keyboard.press("e")
        page.wait_for_selector("dialog#edit[open]")
        page.fill("#edit-text", "Trade between the two countries grew by twelve percent last year.")
        tab.press("Enter")
        sentence = page.locator('.sent[data-side="tgt"][data-i="5"]')
        expect(sentence).to_contain_text("twelve percent")  # retries until the patch is drawn
        expect(sentence).to_contain_text("original: Trade between the two countries grew by 12 percent")

        # undo and redo from the keyboard
        tab.press("u")
        expect(page.locator('.sent[data-side="tgt"][data-i="5"]')).not_to_contain_text("twelve")
        tab.press("r")
        expect(page.locator('.sent[data-side="tgt"][data-i="5"]')).to_contain_text("twelve")
        edited = tab.layout()

        # reload: every edit is there
        tab.open(server.base + "/")
        assert tab.layout() == edited
        expect(page.locator('.sent[data-side="tgt"][data-i="5"]')).to_contain_text("twelve")
        tab.shot("after-edits.png")

        # kill the server outright, mid-session: the page says the edit was not saved ...
        server.kill()
        page.keyboard.press("g")
        page.keyboard.press("m")
        page.wait_for_function(
            "() => document.querySelector('#status').textContent.includes('does not answer')")
        assert tab.layout() == edited

        # ... and a restarted server shows exactly the state before the kill
        server = Server([str(review_path)], cwd=tmp_path)
        tab.open(server.url)
        assert tab.layout() == edited
        assert page.inner_text("#progress").startswith("4 of 10 beads confirmed")
        expect(page.locator('.sent[data-side="tgt"][data-i="5"]')).to_contain_text("twelve")
        tab.errors.clear()  # the failed fetch while the server was down is expected

        # move a sentence and give a bead an empty side, after the restart
        tab.click_sentence("tgt", 8)
        tab.press("J")
        assert tab.layout()[8:] == [([9], [], False), ([10], [8, 9], False)]
        tab.press("u")
        tab.click_sentence("src", 4)
        tab.press("i")
        assert tab.layout()[4:6] == [([4], [], False), ([], [4], False)]
        tab.press("u")
        assert tab.layout() == edited

        # filters, search and help
        page.keyboard.press("2")
        assert len(tab.layout()) == 6 and not any(b[2] for b in tab.layout())
        page.keyboard.press("2")
        page.keyboard.press("/")
        page.keyboard.type("港口")
        page.wait_for_function("() => document.querySelectorAll('#beads > li.bead').length === 2")
        assert page.locator("mark.hit").count() == 2
        page.fill("#search", "")
        page.keyboard.press("Escape")  # back from the search box to the beads
        page.wait_for_function("() => document.querySelectorAll('#beads > li.bead').length === 10")
        page.keyboard.press("1")
        first = page.locator("#beads > li.bead").first.locator(".conf").text_content()
        assert first == "0.79"  # the lowest left: the beads the edits made are confident (0.9x*)
        page.keyboard.press("1")
        page.keyboard.press("?")
        assert page.locator("dialog#help").is_visible()
        assert "merge the bead with the next one" in page.inner_text("dialog#help")
        page.keyboard.press("Escape")
        assert not page.locator("dialog#help").is_visible()

        # export: all beads, and confirmed ones only, as valid TMX with the review status
        exported = {}
        for link, name in (("#export-tmx-all", "all.tmx"), ("#export-tmx-confirmed", "confirmed.tmx")):
            page.click("#export summary")
            with page.expect_download() as download:
                page.click(link)
            exported[name] = tmp_path / name
            download.value.save_as(exported[name])
        for path in exported.values():
            validate_tmx(path)
        assert unit_statuses(exported["all.tmx"]) == (["confirmed"] * 4 + [
            "unreviewed", "edited", "unreviewed", "edited", "edited", "edited"])
        assert unit_statuses(exported["confirmed.tmx"]) == ["confirmed"] * 4
        tab.shot("final.png")
    finally:
        try:
            tab.close()
        finally:  # the server stops even when the page saw an error
            status, err = server.stop()
    assert status == 0, err


def test_a_corpus_release_aligned_and_shown(browser, corpora, tmp_path):
    releases = sorted((corpora / "releases").glob("*.zh.txt"))
    if not releases:
        pytest.skip("no sample releases in corpora/releases yet")
    zh = releases[0]
    en = zh.with_name(zh.name.replace(".zh.txt", ".en.txt"))
    for path in (zh, en):
        shutil.copy(path, tmp_path / path.name)
    args = [str(tmp_path / zh.name), str(tmp_path / en.name)]
    glossary = corpora / "glossary" / "mfa-terms.csv"
    if glossary.exists():
        args += ["--glossary", str(glossary)]
    server = Server(args, cwd=tmp_path)
    tab = Page(browser, server.url)
    try:
        import httpx
        state = httpx.get(server.base + "/api/state",
                          headers={"X-Concord-Token": server.token}).json()
        layout = tab.layout()
        assert [(b[0], b[1]) for b in layout] == [(b["src"], b["tgt"]) for b in state["beads"]]
        if glossary.exists():
            assert tab.page.locator(".term").count() > 0
        tab.shot("corpus-release.png")
    finally:
        try:
            tab.close()
        finally:
            server.stop()


def test_the_page_without_the_token_is_refused(browser, review_path, tmp_path):
    server = Server([str(review_path)], cwd=tmp_path)
    context = browser.new_context()
    try:
        page = context.new_page()
        response = page.goto(server.base + "/")
        assert response.status == 403
        assert "token" in page.inner_text("body")
    finally:
        context.close()
        server.stop()


def test_fast_typing_acts_on_the_beads_in_order(browser, review_path, tmp_path):
    server = Server([str(review_path)], cwd=tmp_path)
    tab = Page(browser, server.url)
    try:
        page = tab.page
        page.keyboard.press("g")
        page.keyboard.type("cccu")  # three confirmations and an undo, without waiting
        page.wait_for_function("() => Number(document.body.dataset.version) === 4")
        assert [b[2] for b in tab.layout()] == [True, True] + [False] * 8
        page.keyboard.press("g")
        page.keyboard.type("jjjjjjjmm")  # to bead 8, merge with the stray 1-0, then with the 2-2
        page.wait_for_function("() => Number(document.body.dataset.version) === 6")
        assert tab.layout()[7:] == [([7, 8, 9, 10], [7, 8, 9], False)]
        page.set_viewport_size({"width": 900, "height": 420})  # a small window: the list scrolls
        page.keyboard.type("Gkkkkk")
        page.wait_for_function("() => document.querySelector('li.bead.current .num').textContent === '3'")
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        header = page.locator("#top").bounding_box()
        current = page.locator("li.bead.current").bounding_box()
        assert page.locator("li.bead.current .num").text_content() == "3"
        assert current["y"] >= header["y"] + header["height"]  # not hidden under the header
        assert current["y"] + current["height"] <= 420
    finally:
        try:
            tab.close()
        finally:
            server.stop()


def test_a_memory_with_inline_codes_reviewed_and_exported_with_nothing_lost(browser, tmp_path):
    from tests.review.test_memory import CODED, read, same_units
    memory = tmp_path / "coded.tmx"
    shutil.copy(CODED, memory)
    server = Server([str(memory)], cwd=tmp_path)
    tab = Page(browser, server.url)
    page = tab.page
    try:
        # codes are chips in the text, their native code in the tooltip
        title = page.locator('.sent[data-side="src"][data-i="0"]')
        assert title.locator(".code").all_inner_texts() == ["1", "/1"]
        assert title.locator(".code").first.get_attribute("title") == "Inline code 1: <b>"
        assert title.inner_text().replace("\n", "").startswith("1海港国外长/1访问北京")
        lone = page.locator("#beads > li.bead").nth(3).locator(".side.tgt")
        assert lone.locator(".code").all_inner_texts() == ["1/"]   # the <br/> of a side with no text
        assert "kept on export" in lone.inner_text()
        tab.shot("memory-codes.png")

        # the edit box shows the codes as tokens; losing one is refused, nothing changes
        tab.click_sentence("tgt", 3)
        page.keyboard.press("e")
        page.wait_for_selector("dialog#edit[open]")
        assert page.input_value("#edit-text") == (
            "Trade between the two countries grew by ⟦1/⟧12 percent⟦2/⟧.")
        assert "⟦1/⟧ <span>" in page.inner_text("#edit-codes")
        page.fill("#edit-text", "Trade between the two countries grew by 12 percent.")
        page.keyboard.press("Enter")
        page.wait_for_function(
            "() => document.querySelector('#status').textContent.includes('are missing')")
        assert tab.version() == 0
        tab.errors.remove("Failed to load resource: the server responded with a status of 422 "
                          "(Unprocessable Entity)")  # the refusal, as expected

        # moving them is an edit like any other
        page.keyboard.press("e")
        page.wait_for_selector("dialog#edit[open]")
        page.fill("#edit-text", "Trade between the two countries grew by ⟦1/⟧12⟦2/⟧ percent.")
        tab.press("Enter")
        sentence = page.locator('.sent[data-side="tgt"][data-i="3"]')
        expect(sentence.locator(".orig")).to_contain_text("original: Trade between")
        assert sentence.locator(".code").all_inner_texts() == ["1/", "2/"]
        tab.press("c")  # confirm that bead too

        page.click("#export summary")
        with page.expect_download() as download:
            page.click("#export-tmx-all")
        out = tmp_path / "reviewed.tmx"
        download.value.save_as(out)
        validate_tmx(out)
        original, exported = read(CODED), read(out)
        assert same_units(exported[:5] + exported[6:], original[:5] + original[6:])
        from tmx.inline import segment_to_markup
        assert segment_to_markup(exported[5].segment("en-US")) == (
            "Trade between the two countries grew by <ut>&lt;span&gt;</ut>12<ut>&lt;/span&gt;</ut>"
            " percent.")
        assert exported[5].tuid == "c6" and exported[5].prop("x-concord-status") == "confirmed"
    finally:
        try:
            tab.close()
        finally:  # the server stops even when the page saw an error
            status, err = server.stop()
    assert status == 0, err


def test_a_text_edit_that_is_not_saved_stays_in_the_edit_box(browser, review_path, tmp_path):
    """Typing is never lost: an edit refused by the server (the review changed in another tab,
    or the text is not acceptable) comes back in the edit box with the reason, to save again."""
    server = Server([str(review_path)], cwd=tmp_path)
    first, second = Page(browser, server.url), Page(browser, server.url)
    typed = "The two sides agreed to deepen their permanent comprehensive strategic partnership."
    try:
        first.press("c")  # the second tab has not seen this edit
        page = second.page
        second.click_sentence("tgt", 3)
        page.keyboard.press("e")
        page.wait_for_selector("dialog#edit[open]")
        page.fill("#edit-text", typed)
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.querySelector('#status').textContent"
                               ".includes('another window')")
        page.wait_for_selector("dialog#edit[open]")
        assert page.input_value("#edit-text") == typed
        assert "another window" in page.inner_text("#edit-error")
        assert second.layout()[0][2]  # the page now shows the other tab's edit ...
        second.press("Enter")         # ... and the text is saved over it, not lost
        expect(page.locator('.sent[data-side="tgt"][data-i="3"]')).to_contain_text("their permanent")
        assert second.layout()[0][2]

        # a text the server refuses comes back too, with the reason
        second.click_sentence("tgt", 4)
        page.keyboard.press("e")
        page.wait_for_selector("dialog#edit[open]")
        page.fill("#edit-text", "   ")
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.querySelector('#edit-error').textContent"
                               ".includes('cannot be empty')")
        assert page.locator("dialog#edit").is_visible() and page.input_value("#edit-text") == "   "
        page.keyboard.press("Escape")
        assert not page.locator("dialog#edit").is_visible()
    finally:
        try:
            for tab in (first, second):
                tab.errors[:] = [e for e in tab.errors if "status of 409" not in e
                                 and "status of 422" not in e]  # the refusals, as expected
            first.close()
            second.close()
        finally:
            status, err = server.stop()
    assert status == 0, err


def _go_to_bead_8_low_confidence_first(page) -> None:
    """Sort low confidence first (beads 9, 10, 8, 6, 7, 5, ... 1, 2) and go to the third: bead 8."""
    page.keyboard.press("1")
    page.keyboard.press("g")
    page.keyboard.press("j")
    page.keyboard.press("j")
    assert page.locator("li.bead.current .num").inner_text() == "8"


def test_confirm_all_above_never_confirms_beads_the_view_does_not_show_above(browser, review_path,
                                                                             tmp_path):
    with reviewing(browser, [str(review_path)], tmp_path) as tab:
        page = tab.page
        _go_to_bead_8_low_confidence_first(page)
        page.keyboard.press("C")  # beads 1 to 7 are below it in this view: not seen yet
        page.wait_for_function("() => document.querySelector('#status').textContent"
                               ".includes('document order')")
        assert "7 beads" in tab.status()
        assert tab.version() == 0 and not any(b[2] for b in tab.layout())
        # under "unconfirmed only", every unconfirmed bead above is in view: allowed
        page.keyboard.press("1")
        page.keyboard.press("2")
        page.keyboard.press("g")
        page.keyboard.press("j")
        tab.press("C")
        assert page.inner_text("#progress").startswith("2 of 10 beads confirmed")


def test_merge_and_moves_never_act_on_a_bead_the_view_does_not_show_next(browser, review_path,
                                                                        tmp_path):
    with reviewing(browser, [str(review_path)], tmp_path) as tab:
        page = tab.page
        _go_to_bead_8_low_confidence_first(page)
        before = tab.layout()
        # shown next to bead 8 are beads 10 (above) and 6 (below); in document order its
        # neighbours are 7 and 9, which m, J and K would change unseen: refused, saying so
        for key, neighbour in (("m", "9"), ("J", "9"), ("K", "7")):
            page.evaluate("document.querySelector('#status').textContent = ''")
            page.keyboard.press(key)
            page.wait_for_function("() => document.querySelector('#status').textContent"
                                   ".includes('document order')")
            assert f"bead {neighbour}" in tab.status(), (key, tab.status())
        assert tab.version() == 0 and tab.layout() == before
        # bead 6 is shown right above bead 7, its neighbour in document order: merged as seen
        page.keyboard.press("j")
        assert page.locator("li.bead.current .num").inner_text() == "6"
        tab.press("m")
        assert ([5, 6], [5, 6], False) in tab.layout()


def test_export_from_the_keyboard_keeps_the_focus_on_the_export_menu(browser, review_path, tmp_path):
    with reviewing(browser, [str(review_path)], tmp_path) as tab:
        page = tab.page
        page.focus("#export summary")
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "export-tmx-all"
        with page.expect_download() as download:
            page.keyboard.press("Enter")
        assert download.value.suggested_filename == "harbour.reviewed.tmx"
        page.wait_for_function("() => !document.querySelector('#export').open")
        # the link went out of sight with the menu: the focus is back on the menu, not lost
        assert page.evaluate("document.activeElement.tagName") == "SUMMARY"


CONTRAST = """(selector) => {
  const style = getComputedStyle(document.querySelector(selector));
  return [style.color, style.backgroundColor];
}"""


def _contrast(color: str, background: str) -> float:
    """The WCAG 2 contrast ratio of two computed ``rgb(…)`` colours."""
    def luminance(css: str) -> float:
        channels = [int(c) / 255 for c in re.findall(r"\d+", css)[:3]]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    light, dark = sorted((luminance(color), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _current(page) -> str:
    return page.locator("li.bead.current .num").inner_text()


def test_a_refusal_is_readable(browser, review_path, tmp_path):
    with reviewing(browser, [str(review_path)], tmp_path) as tab:
        page = tab.page
        page.keyboard.press("G")
        page.keyboard.press("k")   # bead 9, the stray 1-0: one sentence, which cannot be split
        page.keyboard.press("s")
        page.wait_for_function("() => document.querySelector('#status.error')")
        assert "cannot be split" in tab.status()
        color, background = page.evaluate(CONTRAST, "#status")
        assert _contrast(color, background) >= 4.5, (color, background)   # WCAG AA
        tab.shot("refusal.png")
        # a dialog's error line, on the dialog's white
        page.keyboard.press("g")
        page.keyboard.press("s")
        page.click("#split-src input[value='0']")
        page.click("#split-tgt input[value='0']")
        page.click("#split-apply")
        assert "at least one sentence" in page.inner_text("#split-error")
        color, _ = page.evaluate(CONTRAST, "#split-error")
        _, background = page.evaluate(CONTRAST, "#split")
        assert _contrast(color, background) >= 4.5, (color, background)
        page.keyboard.press("Escape")


def test_low_confidence_first_goes_to_the_lowest_bead(browser, review_path, tmp_path):
    with reviewing(browser, [str(review_path)], tmp_path) as tab:
        page = tab.page
        assert _current(page) == "1"   # 0.93
        page.keyboard.press("1")
        assert _current(page) == "9"   # 0.22, now at the top of the view
        assert page.locator("#beads > li.bead").first.locator(".num").inner_text() == "9"
        page.keyboard.press("1")       # back to document order: the cursor stays on bead 9
        assert _current(page) == "9"
        tab.click_sentence("src", 1)
        page.click("#f-low")           # the checkbox does the same as the key
        assert _current(page) == "9"
        assert page.locator("li.bead.current").is_visible()


def test_go_to_bead_n_and_a_reload_stays_there(browser, review_path, tmp_path):
    with reviewing(browser, [str(review_path)], tmp_path) as tab:
        page = tab.page
        page.keyboard.press("#")
        assert page.evaluate("document.activeElement.id") == "goto"
        page.keyboard.type("7")
        page.keyboard.press("Enter")
        assert _current(page) == "7"
        page.keyboard.press("j")       # the keys work on the beads again
        assert _current(page) == "8"
        page.keyboard.press("#")
        page.keyboard.type("42")
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.querySelector('#status.error')")
        assert "1 to 10" in tab.status() and _current(page) == "8"
        page.keyboard.press("Escape")
        # a reload (and a second one) comes back to bead 8, scrolled into view
        for _ in range(2):
            page.reload()
            page.wait_for_selector("body[data-ready=true]")
            assert _current(page) == "8"
            assert page.locator("li.bead.current").is_visible()
        # a bead the filters hide is said so, not silently missed
        page.keyboard.press("2")
        tab.press("c")   # confirm bead 8 under "unconfirmed only": it leaves the view
        page.keyboard.press("#")
        page.keyboard.type("8")
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.querySelector('#status').textContent"
                               ".includes('hidden')")
