"""The review server's API and guard: token, loopback host, edits on disk, export."""
from __future__ import annotations

import csv
import io

import warnings

import pytest

with warnings.catch_warnings():  # starlette asks for "httpx2"; httpx is what the test extra has
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from concord.review.annotate import Annotator
from concord.review.app import ReviewApp, create_app
from concord.review.server import NotLoopbackError, loopback_address

TOKEN = "test-token-0123456789"
BASE = "http://127.0.0.1:8123"


@pytest.fixture
def review_app(harbour_review, glossary):
    return ReviewApp(harbour_review, Annotator(glossary), doc_id="harbour", title="harbour sample")


@pytest.fixture
def anonymous(review_app):
    return TestClient(create_app(review_app, TOKEN), base_url=BASE)


@pytest.fixture
def client(review_app):
    """A client that sends the token header, as the page does."""
    return TestClient(create_app(review_app, TOKEN), base_url=BASE,
                      headers={"X-Concord-Token": TOKEN})


# -- the guard ----------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/", "/api/state", "/static/review.js", "/api/export",
                                  "/no/such/page"])
def test_requests_without_the_token_are_refused(anonymous, path):
    response = anonymous.get(path)
    assert response.status_code == 403
    assert "token" in response.text
    assert "harbour" not in response.text


def test_a_wrong_token_is_refused_everywhere(anonymous):
    assert anonymous.get("/?token=not-it").status_code == 403
    assert anonymous.get("/api/state", headers={"X-Concord-Token": "not-it"}).status_code == 403
    anonymous.cookies.set("concord_token_8123", "not-it")
    assert anonymous.get("/api/state").status_code == 403
    assert anonymous.post("/api/op", json={"op": {"type": "merge", "bead": 0}},
                          headers={"X-Concord-Token": TOKEN[:-1]}).status_code == 403


def test_the_first_page_load_sets_a_strict_http_only_cookie(anonymous):
    page = anonymous.get(f"/?token={TOKEN}")
    assert page.status_code == 200
    assert f'<meta name="concord-token" content="{TOKEN}">' in page.text
    cookie = page.headers["set-cookie"]
    assert f"concord_token_8123={TOKEN}" in cookie
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert "default-src 'self'" in page.headers["content-security-policy"]
    # the cookie now opens the page's own resources ...
    assert anonymous.get("/static/review.js").status_code == 200
    assert anonymous.get("/api/state").status_code == 200
    # ... but an edit also needs the header, so no other site can post one through the cookie
    refused = anonymous.post("/api/op", json={"op": {"type": "merge", "bead": 0}})
    assert refused.status_code == 403 and "X-Concord-Token" in refused.text


def test_only_loopback_host_names_are_answered(review_app):
    for host in ("evil.example", "192.168.1.20:8123", "127.0.0.1.evil.example"):
        client = TestClient(create_app(review_app, TOKEN), base_url=f"http://{host}")
        assert client.get(f"/?token={TOKEN}").status_code == 403, host
    for host in ("localhost:8123", "[::1]:8123", "127.0.0.1"):
        client = TestClient(create_app(review_app, TOKEN), base_url=f"http://{host}")
        assert client.get(f"/?token={TOKEN}").status_code == 200, host


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "example.com", ""])
def test_non_loopback_listen_addresses_are_refused(host):
    with pytest.raises(NotLoopbackError, match="loopback"):
        loopback_address(host)


@pytest.mark.parametrize("host,address", [("127.0.0.1", "127.0.0.1"), ("localhost", "127.0.0.1"),
                                          ("::1", "::1"), ("[::1]", "::1"), ("127.0.0.2", "127.0.0.2")])
def test_loopback_listen_addresses_are_accepted(host, address):
    assert loopback_address(host) == address


# -- state and edits ----------------------------------------------------------------------------

def test_state_has_documents_beads_terms_and_findings(client):
    state = client.get("/api/state").json()
    assert state["version"] == 0 and state["total"] == 10 and state["confirmed"] == 0
    assert state["source"]["lang"] == "zh" and state["target"]["lang"] == "en"
    assert [b["src"] for b in state["beads"]][-2:] == [[8], [9, 10]]
    assert state["beads"][8]["tgt"] == [] and state["beads"][7]["conf"] == 0.41
    # the page colours confidence by the reports' cuts, which it takes from here
    assert state["confidence"] == {"low": 0.5, "high": 0.8}
    first = state["sentences"]["src"][0]
    assert first["kind"] == "title" and first["p"] == 0
    # the glossary's 国务委员兼外长 is marked where it is, in both languages
    concepts = state["concepts"]
    start, end, concept = first["terms"][0]
    assert first["text"][start:end] == "国务委员兼外长"
    assert concepts[concept]["en"] == "State Councilor and Foreign Minister"
    en_title = state["sentences"]["tgt"][0]
    assert any(en_title["text"][a:b] == "State Councilor and Foreign Minister"
               for a, b, _ in en_title["terms"])


def test_a_bead_missing_its_translation_has_an_omission_finding(client):
    state = client.get("/api/state").json()
    stray = state["beads"][8]  # source sentence 9 with no target
    assert stray["findings"], stray
    assert {f["rule"] for f in stray["findings"]} & {"omission", "untranslated"}


def test_an_edit_is_answered_with_a_patch_and_is_on_disk(client, harbour_review):
    response = client.post("/api/op", json={"op": {"type": "merge", "bead": 7}, "version": 0})
    assert response.status_code == 200
    patch = response.json()
    assert patch["version"] == 1 and patch["label"] == "merged beads 8 and 9"
    assert (patch["start"], patch["remove"]) == (7, 2)
    assert [(b["src"], b["tgt"], b["conf"]) for b in patch["beads"]] == [([7, 8], [7], None)]
    assert patch["can_undo"] and not patch["can_redo"] and patch["total"] == 9
    # the journal has it already: a second reader of the file sees the merge
    from concord.review.journal import load
    session, seq, *_ = load(harbour_review.path)
    assert seq == 1 and session.beads[7].src == (7, 8)


def test_findings_are_recomputed_for_the_beads_an_edit_touches(client):
    before = client.get("/api/state").json()
    assert before["beads"][8]["findings"]
    patch = client.post("/api/op", json={"op": {"type": "merge", "bead": 7}}).json()
    assert "findings" not in patch["beads"][0]  # 2-1 with its translation: nothing to report
    patch = client.post("/api/op", json={"op": {"type": "edit-text", "side": "tgt", "sentence": 5,
                                                "text": "Trade grew by 15 percent last year."}}).json()
    assert (patch["start"], patch["remove"]) == (5, 1)
    assert [f["rule"] for f in patch["beads"][0]["findings"]] == ["number-mismatch"]
    sentence = patch["sentences"]["tgt"]["5"]
    assert sentence["orig"].startswith("Trade between the two countries") and "15" in sentence["text"]
    finding = patch["beads"][0]["findings"][0]
    position, start, end = finding["tgt"][0]
    assert position == 0 and "15" in sentence["text"][start:end]
    undone = client.post("/api/undo", json={}).json()
    assert undone["label"] == "undid: edited target sentence 6"
    assert "findings" not in undone["beads"][0] and "orig" not in undone["sentences"]["tgt"]["5"]


def test_undo_and_redo_patches(client):
    client.post("/api/op", json={"op": {"type": "split", "bead": 9, "src_at": 1, "tgt_at": 1}})
    undone = client.post("/api/undo", json={}).json()
    assert (undone["start"], undone["remove"]) == (9, 2)
    assert [(b["src"], b["tgt"]) for b in undone["beads"]] == [([9, 10], [8, 9])]
    redone = client.post("/api/redo", json={}).json()
    assert [(b["src"], b["tgt"]) for b in redone["beads"]] == [([9], [8]), ([10], [9])]
    nothing = client.post("/api/redo", json={}).json()
    assert nothing["label"] == "" and nothing["beads"] == [] and nothing["version"] == 3


def test_a_stale_page_is_told_to_reload(client):
    client.post("/api/op", json={"op": {"type": "confirm", "bead": 0}, "version": 0})
    stale = client.post("/api/op", json={"op": {"type": "confirm", "bead": 1}, "version": 0})
    assert stale.status_code == 409 and stale.json()["version"] == 1
    assert client.get("/api/state").json()["confirmed"] == 1


@pytest.mark.parametrize("body,status,message", [
    ({"op": {"type": "merge", "bead": 9}}, 422, "last one"),
    ({"op": {"type": "move", "side": "src", "sentence": 10, "direction": "up"}}, 422,
     "only the first source sentence"),
    ({"op": {"type": "teleport"}}, 422, "unknown operation"),
    ({"op": None}, 422, "unknown operation"),
])
def test_refused_edits_say_why(client, body, status, message):
    response = client.post("/api/op", json=body)
    assert response.status_code == status and message in response.json()["error"]
    assert client.get("/api/state").json()["version"] == 0


def test_a_body_that_is_not_json_is_a_bad_request(client):
    response = client.post("/api/op", content=b"{nope", headers={"content-type": "application/json"})
    assert response.status_code == 400


# -- hostile requests and a full disk: a 4xx/5xx with a reason the page shows, never a traceback --

@pytest.mark.parametrize("where", ["header", "query"])
def test_a_non_ascii_token_is_refused_not_a_server_error(anonymous, where):
    if where == "header":
        response = anonymous.get("/api/state", headers={"X-Concord-Token": "tökén".encode()})
    else:
        response = anonymous.get("/api/state?token=t%C3%B6k%C3%A9n")
    assert response.status_code == 403 and "token" in response.text


def test_json_nested_100000_deep_is_a_bad_request(client):
    body = b'{"op":' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    response = client.post("/api/op", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 400 and "nests too deeply" in response.json()["error"]
    assert client.get("/api/state").json()["version"] == 0


def test_request_bodies_are_limited(client):
    from concord.review.app import MAX_BODY

    text = "The harbour handled more cargo. " * (MAX_BODY // 30)  # a 40 MB edit was accepted
    response = client.post("/api/op", json={"op": {"type": "edit-text", "side": "tgt",
                                                   "sentence": 5, "text": text}})
    assert response.status_code == 413 and "larger than" in response.json()["error"]
    assert client.get("/api/state").json()["version"] == 0


def test_a_full_disk_is_a_507_and_the_edit_is_not_applied(small_disk, glossary):
    from concord.review.journal import ReviewFile
    from concord.review.session import ReviewSession
    from tests.review.sample import harbour_alignment

    review = ReviewFile.create(small_disk / "harbour.review.jsonl",
                               ReviewSession.from_alignment(harbour_alignment(), meta={}))
    try:
        app = ReviewApp(review, Annotator(glossary), doc_id="harbour", title="harbour")
        client = TestClient(create_app(app, TOKEN), base_url=BASE,
                            headers={"X-Concord-Token": TOKEN})
        filler = small_disk / "filler"
        with open(filler, "wb", buffering=0) as handle, pytest.raises(OSError):
            while True:
                handle.write(b"x" * 512)
        # an edit longer than what is left of the journal's last page (tmpfs pages are 4 KiB)
        edit = {"op": {"type": "edit-text", "side": "tgt", "sentence": 5,
                       "text": "Trade grew by 12 percent. " * 300}}
        response = client.post("/api/op", json=edit)
        assert response.status_code == 507
        error = response.json()["error"]
        assert "no space left on device" in error and "harbour.review.jsonl" in error
        assert client.get("/api/state").json()["version"] == 0
        filler.unlink()  # room again: the same edit is saved
        assert client.post("/api/op", json=edit).status_code == 200
    finally:
        review.close()


# -- export -------------------------------------------------------------------------------------

def _units(data: bytes):
    from lxml import etree
    tree = etree.parse(io.BytesIO(data))
    units = []
    for tu in tree.iter("tu"):
        props = {p.get("type"): p.text for p in tu.findall("prop")}
        segs = [tu.find(f"tuv[@{{http://www.w3.org/XML/1998/namespace}}lang='{lang}']/seg")
                for lang in ("zh-CN", "en-US")]
        units.append((props, [s.text or "" for s in segs], [n.text for n in tu.findall("note")]))
    return units


def test_export_all_and_confirmed_only_with_review_status(client):
    client.post("/api/op", json={"op": {"type": "merge", "bead": 7}})
    client.post("/api/op", json={"op": {"type": "confirm-above", "bead": 2}})
    client.post("/api/op", json={"op": {"type": "edit-text", "side": "tgt", "sentence": 4,
                                        "text": "Wang Yi said China will work with Harbourland."}})
    response = client.get("/api/export?format=tmx&scope=all")
    assert response.status_code == 200
    assert response.headers["content-disposition"] == 'attachment; filename="harbour.reviewed.tmx"'
    units = _units(response.content)
    assert len(units) == 9
    statuses = [props["x-concord-status"] for props, _, _ in units]
    assert statuses == ["confirmed"] * 3 + ["unreviewed", "edited", "unreviewed", "unreviewed",
                                           "edited", "unreviewed"]
    props, (zh, en), notes = units[7]
    assert props["x-concord-bead"] == "2-1" and "x-concord-confidence" not in props
    assert zh.startswith("林德表示") and zh.endswith("港口网络。")
    assert units[4][1][1] == "Wang Yi said China will work with Harbourland."
    assert any(n.startswith("edited in review; original target sentence 5: Wang Yi said that")
               for n in units[4][2])
    confirmed = _units(client.get("/api/export?format=tmx&scope=confirmed").content)
    assert [props["x-concord-src-ids"] for props, _, _ in confirmed] == ["0", "1", "2"]


def test_export_refuses_unknown_formats(client):
    assert client.get("/api/export?format=docx").status_code == 400
    assert client.get("/api/export?format=tmx&scope=some").status_code == 400


def test_export_po_and_tsv(client, tmp_path):
    import polib
    client.post("/api/op", json={"op": {"type": "confirm", "bead": 0}})
    client.post("/api/op", json={"op": {"type": "edit-text", "side": "tgt", "sentence": 3,
                                        "text": "The port handled more cargo."}})
    po = client.get("/api/export?format=po")
    assert po.status_code == 200
    assert po.headers["content-disposition"].endswith('filename="harbour.reviewed.po"')
    path = tmp_path / "r.po"
    path.write_bytes(po.content)
    entries = polib.pofile(str(path))
    assert len(entries) == 10
    assert entries[0].msgid == "国务委员兼外长王毅会见海港国外长"
    assert entries[0].msgstr.startswith("State Councilor and Foreign Minister Wang Yi")
    assert not entries[0].fuzzy and entries[1].fuzzy  # confirmed vs unreviewed
    assert entries[3].msgstr == "The port handled more cargo."
    assert entries[3].fuzzy  # edited, not confirmed: "fuzzy = not confirmed", as the header says
    tsv = client.get("/api/export?format=tsv").content.decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(tsv), delimiter="\t"))
    assert len(rows) == 10
    assert rows[2]["zh-CN"].startswith("2023年5月8日，")
    assert rows[2]["en-US"].startswith("On May 8, 2023, State Councilor")
    assert [r["x-concord-status"] for r in rows[:2]] == ["confirmed", "unreviewed"]


def test_edits_answer_with_server_timing(client):
    response = client.post("/api/op", json={"op": {"type": "confirm", "bead": 0}})
    names = [part.split(";")[0].strip() for part in response.headers["server-timing"].split(",")]
    assert names == ["save", "total"]


def test_the_periodic_snapshot_is_written_after_the_answer(client, harbour_review, monkeypatch):
    from concord.review import journal
    monkeypatch.setattr(journal, "SNAPSHOT_EVERY", 3)
    for bead in range(2):
        client.post("/api/op", json={"op": {"type": "confirm", "bead": bead}})
    assert len(harbour_review.path.read_bytes().splitlines()) == 3   # snapshot + two entries
    client.post("/api/op", json={"op": {"type": "confirm", "bead": 2}})
    lines = harbour_review.path.read_bytes().splitlines()             # compacted, once answered
    assert len(lines) == 1 and b'"seq":3' in lines[0]
    with pytest.raises(journal.ReviewFileError, match="open in another"):
        journal.ReviewFile.open(harbour_review.path)   # still the running review's
    session, seq, *_ = journal.load(harbour_review.path)
    assert seq == 3 and session.confirmed_count == 3


def test_a_merge_answers_with_a_fresh_local_confidence(harbour_review, glossary):
    from concord.review.rescore import LocalConfidence
    session = harbour_review.session
    app = ReviewApp(harbour_review, Annotator(glossary), doc_id="harbour")
    app.start_rescoring(lambda: LocalConfidence(session.source, session.target,
                                                beads=session.beads))
    client = TestClient(create_app(app, TOKEN), base_url=BASE, headers={"X-Concord-Token": TOKEN})
    patch = client.post("/api/op", json={"op": {"type": "move", "side": "src", "sentence": 8,
                                                "direction": "up"}}).json()
    (bead,) = patch["beads"]
    assert bead["local"] is True and bead["conf"] > 0.9 and (bead["src"], bead["tgt"]) == (
        [7, 8], [7])
    undone = client.post("/api/undo", json={}).json()
    assert [(b["conf"], "local" in b) for b in undone["beads"]] == [(0.41, False), (0.22, False)]
