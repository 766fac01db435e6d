"""The translation-memory side panel in headless Chromium, against the real server started
with ``--tm`` (screenshot in ``test-artifacts/review/``)."""
from __future__ import annotations

import pytest

from tests.review.test_browser import browser, review_path, reviewing  # noqa: F401 - fixtures
from tests.review.tm_sample import tm_store

pytestmark = pytest.mark.browser


def test_the_panel_follows_the_bead_and_finds_a_selected_word(browser, review_path,  # noqa: F811
                                                              tmp_path):
    store = tm_store(tmp_path)
    with reviewing(browser, [str(review_path), "--tm", str(store)], tmp_path) as tab:
        page = tab.page
        panel = page.locator("#tm-panel")
        assert panel.is_visible()
        assert page.inner_text("#tm-name") == "before.db"
        # the first bead is current: the title with another partner is its best match
        first = page.locator("#tm-matches li.tm-match").first
        first.wait_for()
        assert "山谷国" in first.inner_text() and "Valleyland" in first.inner_text()
        # moving to the bead with the date: the match says which date differs
        page.keyboard.press("j")
        page.keyboard.press("j")
        page.wait_for_function("() => document.querySelector('#tm-matches').dataset.key"
                               " === String(S.beads[2].key)")
        assert "2023年5月8日 here" in page.inner_text("#tm-matches .tm-diffs")
        # selecting a word in a bead looks it up in the memory
        page.evaluate("""() => {
            const node = [...document.querySelectorAll('.sent[data-side=tgt]')]
                .find(s => s.textContent.includes('Harbourland')).firstChild;
            const walker = document.createTreeWalker(node.parentNode, NodeFilter.SHOW_TEXT);
            let text; while ((text = walker.nextNode()) && !text.data.includes('Harbourland'));
            const at = text.data.indexOf('Harbourland');
            const range = document.createRange();
            range.setStart(text, at); range.setEnd(text, at + 'Harbourland'.length);
            getSelection().removeAllRanges(); getSelection().addRange(range);
            document.getElementById('beads').dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
        }""")
        page.wait_for_selector("#tm-concordance li.tm-occurrence")
        assert page.input_value("#tm-term") == "Harbourland"
        marks = page.locator("#tm-concordance mark").all_inner_texts()
        assert marks and all(m == "Harbourland" for m in marks)
        assert page.locator("#tm-concordance li.tm-occurrence").count() == 2
        # a word typed in the panel is text, not the page's shortcuts
        version = tab.version()
        page.fill("#tm-term", "")
        page.click("#tm-term")
        page.keyboard.type("能源")
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.querySelector('#tm-concordance').dataset.term"
                               " === '能源'")
        assert page.locator("#tm-concordance mark").all_inner_texts() == ["能源"]
        assert tab.version() == version  # no edit was made by the letters typed
        tab.shot("tm-panel.png")
