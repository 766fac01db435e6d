"""The translation-memory side panel's API (``concord review ... --tm DB``)."""
from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from concord.review.annotate import Annotator
from concord.review.app import ReviewApp, create_app
from concord.review.tmpanel import TMPanel
from concord.tm import open_store
from tests.review.tm_sample import tm_store

TOKEN = "test-token-0123456789"


@pytest.fixture
def panel_app(harbour_review, glossary, tmp_path):
    app = ReviewApp(harbour_review, Annotator(glossary), doc_id="harbour")
    app.tm_panel = TMPanel(open_store(str(tm_store(tmp_path))))
    yield app
    app.tm_panel.close()


@pytest.fixture
def client(panel_app):
    return TestClient(create_app(panel_app, TOKEN), base_url="http://127.0.0.1:8123",
                      headers={"X-Concord-Token": TOKEN})


def test_the_state_names_the_store(client):
    assert client.get("/api/state").json()["tm"] == "before.db"


def test_matches_for_a_bead_show_the_differing_date(client):
    beads = client.get("/api/state").json()["beads"]
    answer = client.get("/api/tm/matches", params={"key": beads[2]["key"]}).json()
    assert answer["lang"] == "zh"
    best = answer["matches"][0]
    assert best["tuid"] == "before:1" and best["origin"] == "before.tmx"
    assert best["score"] >= 0.75
    # the bead's date against the stored one
    assert ["2023年5月8日", "2022年3月2日"] in best["differences"]


def test_the_matches_follow_an_edit_of_the_bead(client):
    state = client.get("/api/state").json()
    key = state["beads"][0]["key"]
    before = client.get("/api/tm/matches", params={"key": key}).json()
    assert before["matches"][0]["tuid"] == "before:2"
    edit = {"type": "edit-text", "side": "src", "sentence": 0,
            "text": "双方还就国际形势交换了意见。"}
    assert client.post("/api/op", json={"op": edit, "version": state["version"]}).status_code == 200
    after = client.get("/api/tm/matches", params={"key": key}).json()
    assert after["matches"][0]["tuid"] == "before:3" and after["matches"][0]["score"] == 1.0


def test_concordance_spans_a_selected_word(client):
    answer = client.get("/api/tm/concordance", params={"term": "海港国"}).json()
    assert {m["tuid"] for m in answer["matches"]} == {"before:1", "before:4"}
    for m in answer["matches"]:
        start, end = m["spans"][0]
        assert m["zh"][start:end] == "海港国"


def test_bad_requests(client, harbour_review, glossary):
    assert client.get("/api/tm/matches", params={"key": "x"}).status_code == 400
    assert client.get("/api/tm/matches", params={"key": "9999"}).status_code == 404
    bare = TestClient(create_app(ReviewApp(harbour_review, Annotator(glossary), doc_id="h"),
                                 TOKEN), base_url="http://127.0.0.1:8123",
                      headers={"X-Concord-Token": TOKEN})
    assert bare.get("/api/state").json()["tm"] == ""
    assert bare.get("/api/tm/concordance", params={"term": "王毅"}).status_code == 404
