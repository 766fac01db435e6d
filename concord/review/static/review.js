/* Concord review page: shows an alignment bead by bead and sends every edit to the server.
 *
 * One DOM build from the JSON state (a single innerHTML of the whole list), event delegation on
 * the list, and patches that replace only the beads an edit changed. No framework, no build step.
 */
"use strict";

const TOKEN = document.querySelector('meta[name="concord-token"]').content;
const $ = (id) => document.getElementById(id);
const list = $("beads");

let S = null;              // the state from /api/state, patched after every edit
let view = [];             // indices into S.beads, in display order
let identityView = true;   // view shows every bead in document order
let cursor = { key: null, pos: 0 };   // current bead (by key) and sentence position in it
let busy = false;          // one edit in flight at a time, so the order is the user's
const queue = [];
const SESSION_ENDED = "This page's session has ended: open the address the server printed.";
// the bead a reload returns to: the address keeps the current one as #bead-N
const START_BEAD = Number((/^#bead-(\d+)$/.exec(location.hash) || [0, 0])[1]);

// ---------------------------------------------------------------------------------------------
// talking to the server

async function call(method, path, body) {
  const options = { method, headers: { "X-Concord-Token": TOKEN } };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  const response = await fetch(path, options);
  let payload = null;
  try { payload = await response.json(); } catch (e) { payload = null; }
  return { status: response.status, payload };
}

async function loadState() {
  const { status, payload } = await call("GET", "/api/state");
  if (status !== 200) {
    announce(status === 403 ? SESSION_ENDED : "Could not load the review (" + status + ").", true);
    return;
  }
  S = payload;
  document.title = S.title + " — Concord review";
  $("title").textContent = S.title;
  $("head-src").textContent = "Source (" + S.source.lang + ")";
  $("head-tgt").textContent = "Target (" + S.target.lang + ")";
  showWarnings();
  fitHeader();
  rebuildView();
  if (cursor.key === null || indexOfKey(cursor.key) < 0) {
    const start = START_BEAD >= 1 && START_BEAD <= S.beads.length ? START_BEAD - 1 : 0;
    cursor = { key: S.beads.length ? S.beads[start].key : null, pos: 0 };
  }
  renderAll();
  updateCounts();
}

function send(path, body) {
  return new Promise((resolve) => { queue.push({ path, body, resolve }); pump(); });
}

async function pump() {
  if (busy || !queue.length) return;
  busy = true;
  const { path, body, resolve } = queue.shift();
  try {
    const sent = performance.now();
    const { status, payload } = await call("POST", path, { ...body, version: S.version });
    if (status === 200) {
      const answered = performance.now();
      applyPatch(payload);
      // for scripts/bench_review.py: request → answer, and answer → view patched (ms)
      window.concordLastEdit = { answer: answered - sent, patch: performance.now() - answered };
      announce(payload.label ? capitalise(payload.label) + ". Saved." : "Nothing to change.");
    } else if (status === 409) {
      announce("The review changed in another window; showing the current state.", true);
      await loadState();
    } else if (status === 403) {
      announce(SESSION_ENDED, true);
    } else {
      announce((payload && payload.error) ? capitalise(payload.error) + "." : "The edit failed (" + status + ").", true);
    }
    if (status !== 200 && status !== 403) keepTyping(body.op, status === 409
      ? "Not saved: the review changed in another window (now shown). Your text is kept here: save it again or cancel."
      : "Not saved: " + ((payload && payload.error) || "the edit failed (" + status + ")") + ".");
    resolve(status);
  } catch (error) {
    announce("The server does not answer; the edit was not saved. Restart concord review and reload.", true);
    keepTyping(body.op, "Not saved: the server does not answer. Copy your text before closing this box.");
    resolve(0);
  } finally {
    busy = false;
    pump();
  }
}

const op = (operation) => send("/api/op", { op: operation });

/* Keys and buttons run one after the other, each edit waiting for the answer to the one before,
 * so that fast typing ("c c c", "m j m") acts on the beads as the user saw them. */
let chain = Promise.resolve();
function serial(handler) {
  chain = chain.then(handler).catch((error) => announce("Something went wrong: " + error, true));
  return chain;
}

// ---------------------------------------------------------------------------------------------
// state bookkeeping

let keyIndex = new Map();
function reindex() {
  keyIndex = new Map();
  S.beads.forEach((bead, i) => keyIndex.set(bead.key, i));
}
function indexOfKey(key) { const i = keyIndex.get(key); return i === undefined ? -1 : i; }

function applyPatch(patch) {
  const oldIndex = indexOfKey(cursor.key);
  const oldViewPos = view.indexOf(oldIndex);
  const removedKeys = new Set(S.beads.slice(patch.start, patch.start + patch.remove).map((b) => b.key));
  S.beads.splice(patch.start, patch.remove, ...patch.beads);
  for (const side of ["src", "tgt"]) {
    const changed = (patch.sentences || {})[side] || {};
    for (const [index, sentence] of Object.entries(changed)) S.sentences[side][Number(index)] = sentence;
  }
  Object.assign(S, { version: patch.version, confirmed: patch.confirmed, total: patch.total,
                     can_undo: patch.can_undo, can_redo: patch.can_redo,
                     undo_label: patch.undo_label, redo_label: patch.redo_label });
  reindex();
  if (removedKeys.has(cursor.key) || indexOfKey(cursor.key) < 0) {
    const landing = Math.min(Math.max(patch.start, 0), S.beads.length - 1);
    cursor = { key: S.beads[landing].key, pos: oldIndex >= 0 && oldIndex === patch.start ? cursor.pos : 0 };
  }
  if (identityView) {
    patchDom(patch.start, patch.remove, patch.beads.length);
  } else {
    rebuildView();
    if (view.length && view.indexOf(indexOfKey(cursor.key)) < 0) {
      // the bead left the view (confirmed under "unconfirmed only", say): take the one now there
      cursor = { key: S.beads[view[Math.min(Math.max(oldViewPos, 0), view.length - 1)]].key, pos: 0 };
    }
    renderAll();
  }
  clampPos();
  markCursor(false);
  updateCounts();
}

// ---------------------------------------------------------------------------------------------
// view: filters, sort, search

function searchText() { return $("search").value.trim().toLowerCase(); }

function beadMatches(bead, query) {
  if (!query) return true;
  for (const i of bead.src) if (S.sentences.src[i].text.toLowerCase().includes(query)) return true;
  for (const i of bead.tgt) if (S.sentences.tgt[i].text.toLowerCase().includes(query)) return true;
  return false;
}

function rebuildView() {
  reindex();
  const unconfirmed = $("f-unconfirmed").checked, withFindings = $("f-findings").checked;
  const low = $("f-low").checked, query = searchText();
  view = [];
  S.beads.forEach((bead, i) => {
    if (unconfirmed && bead.status === "confirmed") return;
    if (withFindings && !(bead.findings && bead.findings.length)) return;
    if (!beadMatches(bead, query)) return;
    view.push(i);
  });
  if (low) {
    const conf = (i) => (S.beads[i].conf === null ? 2 : S.beads[i].conf);
    view.sort((a, b) => conf(a) - conf(b) || a - b);
  }
  identityView = !unconfirmed && !withFindings && !low && !query;
}

// ---------------------------------------------------------------------------------------------
// rendering

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const esc = (text) => String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);
const capitalise = (text) => text.charAt(0).toUpperCase() + text.slice(1);

function confClass(conf) {
  if (conf === null) return "c-manual";
  const cut = S.confidence;   // the server's cuts, as the reports use them
  return conf >= cut.high ? "c-high" : conf >= cut.low ? "c-mid" : "c-low";
}

function confTitle(bead) {
  if (bead.conf === null) return "no confidence recorded for this bead";
  if (bead.local) return "local confidence, computed after your edit: how likely the aligner's scorer finds this grouping among the alternatives for the stretch from two beads above to two beads below (the beads outside it held fixed), times the evidence that it is a translation; close to, but not the same as, the aligner's own confidence";
  return "aligner confidence";
}

function conceptTitle(index) {
  const concept = S.concepts[index];
  if (!concept) return "Glossary term";
  const parts = [concept.zh, concept.en].filter(Boolean).join(" = ");
  return "Glossary (" + (concept.category || "term") + "): " + parts;
}

/* An inline code of a memory (bold, a placeholder …) as a small chip. */
function chipHTML(label, native) {
  return '<span class="code" title="' + esc("Inline code " + label + ": " + native) + '">' + esc(label) + "</span>";
}

/* The chips of the inline codes at one place of the text. */
function chipsAt(codes, at) {
  let out = "";
  for (const [offset, label, native] of codes) if (offset === at) out += chipHTML(label, native);
  return out;
}

const langOf = (side) => (side === "src" ? S.source.lang : S.target.lang);

/* True when sentence `index` of `side` opens a paragraph (not the document's first). */
function startsParagraph(side, index) {
  return index > 0 && S.sentences[side][index - 1].p !== S.sentences[side][index].p;
}

/* The sentence text with its glossary terms, finding spans, search hits and inline codes marked up. */
function markedText(text, terms, findingSpans, query, codes) {
  codes = codes || [];
  const marks = [];
  for (const [a, b, concept] of terms || []) marks.push({ a, b, cls: "term", title: conceptTitle(concept) });
  for (const f of findingSpans) marks.push({ a: f.a, b: f.b, cls: "fs fs-" + f.severity, title: f.message });
  if (query) {
    const lower = text.toLowerCase();
    for (let at = lower.indexOf(query); at >= 0; at = lower.indexOf(query, at + query.length)) {
      marks.push({ a: at, b: at + query.length, cls: "hit", title: "" });
    }
  }
  if (!marks.length && !codes.length) return esc(text);
  const cuts = new Set([0, text.length]);
  for (const m of marks) { cuts.add(Math.max(0, Math.min(m.a, text.length))); cuts.add(Math.max(0, Math.min(m.b, text.length))); }
  for (const [offset] of codes) cuts.add(Math.max(0, Math.min(offset, text.length)));
  const points = [...cuts].sort((x, y) => x - y);
  let out = "";
  for (let k = 0; k + 1 < points.length; k++) {
    const a = points[k], b = points[k + 1];
    out += chipsAt(codes, a);
    if (a === b) continue;
    const covering = marks.filter((m) => m.a <= a && m.b >= b);
    const piece = esc(text.slice(a, b));
    if (!covering.length) { out += piece; continue; }
    const classes = [...new Set(covering.flatMap((m) => m.cls.split(" ")))].join(" ");
    const title = covering.map((m) => m.title).filter(Boolean).join("\n");
    const tag = covering.some((m) => m.cls === "hit") ? "mark" : "span";
    out += "<" + tag + ' class="' + classes + '"' + (title ? ' title="' + esc(title) + '"' : "") + ">" + piece + "</" + tag + ">";
  }
  return out + chipsAt(codes, text.length);
}

function sideHTML(bead, side, query) {
  const ids = bead[side];
  const lang = langOf(side);
  if (!ids.length) {
    const lone = (bead.lone || {})[side];
    const kept = lone ? " " + lone.map(([label, native]) => chipHTML(label, native)).join("") +
      ' <span class="none">(inline codes only, kept on export)</span>' : "";
    return '<div class="side ' + side + ' empty" lang="' + lang + '"><span class="none">(nothing: unaligned)</span>' + kept + "</div>";
  }
  const spans = {};
  for (const f of bead.findings || []) {
    for (const [pos, a, b] of f[side] || []) (spans[pos] = spans[pos] || []).push({ a, b, severity: f.severity, message: f.message });
  }
  let out = '<div class="side ' + side + '" lang="' + lang + '">';
  ids.forEach((index, k) => {
    const sentence = S.sentences[side][index];
    const classes = ["sent"];
    if (startsParagraph(side, index)) classes.push("newpara");
    if (sentence.kind && sentence.kind !== "body") classes.push("k-" + sentence.kind);
    if (sentence.orig !== undefined) classes.push("edited");
    out += '<div class="' + classes.join(" ") + '" data-side="' + side + '" data-i="' + index + '">';
    out += markedText(sentence.text, sentence.terms, spans[k] || [], query, sentence.codes);
    if (sentence.orig !== undefined) out += '<span class="orig">original: ' + esc(sentence.orig) + "</span>";
    out += "</div>";
  });
  return out + "</div>";
}

function findingsHTML(bead) {
  const findings = bead.findings || [];
  if (!findings.length) return '<div class="findings"></div>';
  let out = '<div class="findings"><ul>';
  for (const f of findings) {
    out += '<li class="sev-' + esc(f.severity) + '"><span class="sev">' + esc(f.severity) + "</span> <code>" + esc(f.rule) + "</code> " + esc(f.message);
    if (f.suggestion) out += '<span class="suggestion">Suggestion: ' + esc(f.suggestion) + "</span>";
    out += "</li>";
  }
  return out + "</ul></div>";
}

function beadHTML(index, query) {
  const bead = S.beads[index];
  const conf = bead.conf === null ? "—" : bead.conf.toFixed(2);
  const confirmed = bead.status === "confirmed";
  const kind = bead.src.length + "-" + bead.tgt.length;
  const start = ["src", "tgt"].some((side) => bead[side].length && startsParagraph(side, bead[side][0]));
  const findings = (bead.findings || []).length;
  const label = "Bead " + (index + 1) + ", " + kind + ", confidence " + (bead.conf === null ? "none" : conf) +
    ", " + (confirmed ? "confirmed" : "unconfirmed") + (findings ? ", " + findings + " finding" + (findings > 1 ? "s" : "") : "");
  return '<li class="bead' + (confirmed ? " confirmed" : "") + (start ? " para" : "") + (findings ? " has-findings" : "") +
    '" data-key="' + bead.key + '" data-index="' + index + '" aria-label="' + esc(label) + '">' +
    '<div class="gutter"><span class="num">' + (index + 1) + '</span>' +
    '<span class="conf ' + confClass(bead.conf) + (bead.local ? " local" : "") + '" title="' + confTitle(bead) + '">' + conf + (bead.local ? "*" : "") + "</span>" +
    '<span class="kind">' + kind + "</span>" +
    '<span class="state">' + (confirmed ? "✓ confirmed" : "unconfirmed") + "</span></div>" +
    sideHTML(bead, "src", query) + sideHTML(bead, "tgt", query) + findingsHTML(bead) + "</li>";
}

function renderAll() {
  const query = searchText();
  const parts = new Array(view.length);
  for (let k = 0; k < view.length; k++) parts[k] = beadHTML(view[k], query);
  list.innerHTML = parts.join("");
  $("empty-view").hidden = view.length > 0;
  $("shown").textContent = identityView ? "" : view.length + " of " + S.beads.length + " beads shown";
  markCursor(false);
}

/* Replace the DOM of beads [start, start + removed) by `added` beads, renumber the rest. */
function patchDom(start, removed, added) {
  view = S.beads.map((_, i) => i);
  const template = document.createElement("template");
  let html = "";
  for (let i = start; i < start + added; i++) html += beadHTML(i, "");
  template.innerHTML = html;
  const anchor = list.children[start + removed] || null;
  for (let k = 0; k < removed; k++) list.children[start].remove();
  list.insertBefore(template.content, anchor);
  if (removed !== added) {
    const nodes = list.children;
    for (let i = start + added; i < nodes.length; i++) {
      nodes[i].dataset.index = i;
      nodes[i].querySelector(".num").textContent = i + 1;
      const label = nodes[i].getAttribute("aria-label");
      nodes[i].setAttribute("aria-label", label.replace(/^Bead \d+/, "Bead " + (i + 1)));
    }
  }
}

function beadNode(key) { return list.querySelector('li[data-key="' + key + '"]'); }

function currentSentences(bead) {
  return bead.src.map((i) => ["src", i]).concat(bead.tgt.map((i) => ["tgt", i]));
}

function clampPos() {
  const index = indexOfKey(cursor.key);
  if (index < 0) return;
  const count = currentSentences(S.beads[index]).length;
  cursor.pos = Math.max(0, Math.min(cursor.pos, count - 1));
}

function markCursor(scroll) {
  for (const node of list.querySelectorAll(".current, .cur")) {
    node.classList.remove("current", "cur");
    node.removeAttribute("aria-current");
  }
  const node = beadNode(cursor.key);
  if (!node) return;
  rememberPosition();
  node.classList.add("current");
  node.setAttribute("aria-current", "true");
  const index = indexOfKey(cursor.key);
  const [side, i] = currentSentences(S.beads[index])[cursor.pos] || [];
  const sentence = side === undefined ? null : node.querySelector('.sent[data-side="' + side + '"][data-i="' + i + '"]');
  if (sentence) sentence.classList.add("cur");
  tmFollow();
  if (scroll) {
    fitHeader();  // the header may have wrapped since the last resize event: keep the bead clear of it
    node.scrollIntoView({ block: "nearest" });
  }
}

/* The current bead in the address (#bead-N), so that a reload returns to it. */
function rememberPosition() {
  const hash = "#bead-" + (indexOfKey(cursor.key) + 1);
  if (location.hash !== hash) history.replaceState(null, "", location.pathname + hash);
}

function updateCounts() {
  document.body.dataset.version = S.version;  // lets tests and scripts wait for an edit
  const percent = S.total ? Math.round((100 * S.confirmed) / S.total) : 0;
  $("progress").textContent = S.confirmed + " of " + S.total + " beads confirmed (" + percent + "%)";
  $("undo").disabled = !S.can_undo;
  $("redo").disabled = !S.can_redo;
  $("undo").title = S.can_undo ? "Undo: " + S.undo_label : "Nothing to undo";
  $("redo").title = S.can_redo ? "Redo: " + S.redo_label : "Nothing to redo";
}

function showWarnings() {
  const box = $("warnings");
  const warnings = S.warnings || [];
  box.hidden = !warnings.length;
  box.innerHTML = warnings.map((w) => "<p>⚠ " + esc(w) + "</p>").join("");
}

let statusTimer = null;
function announce(message, isError) {
  const box = $("status");
  box.textContent = message;
  box.classList.toggle("error", Boolean(isError));
  box.setAttribute("role", isError ? "alert" : "status");
  clearTimeout(statusTimer);
  statusTimer = setTimeout(() => { box.textContent = ""; }, isError ? 12000 : 5000);
}

// ---------------------------------------------------------------------------------------------
// actions

function current() {
  const index = indexOfKey(cursor.key);
  if (index < 0) return null;
  const bead = S.beads[index];
  const [side, sentence] = currentSentences(bead)[cursor.pos] || [null, null];
  return { index, bead, side, sentence };
}

/* Put the cursor on the first sentence of the bead at `position` in the view, scrolled to. */
function land(position) {
  cursor = { key: S.beads[view[position]].key, pos: 0 };
  markCursor(true);
}

function go(delta) {
  if (!view.length) return;
  const here = view.indexOf(indexOfKey(cursor.key));
  land(here < 0 ? 0 : Math.max(0, Math.min(view.length - 1, here + delta)));
}

function goTo(position) {
  if (view.length) land(position < 0 ? view.length - 1 : 0);
}

/* Go to bead `number` (as the gutter numbers them), when the view shows it. */
function goToBead(text) {
  const number = Number(text);
  if (!Number.isInteger(number) || number < 1 || number > S.beads.length) {
    announce("No bead " + String(text).trim() + ": the beads are numbered 1 to " + S.beads.length + ".", true);
    return false;
  }
  const position = view.indexOf(number - 1);
  if (position < 0) {
    announce("Bead " + number + " is hidden by the filters or the search: clear them to go there.", true);
    return false;
  }
  land(position);
  return true;
}

function goUnconfirmed(delta) {
  const here = view.indexOf(indexOfKey(cursor.key));
  for (let k = here + delta; k >= 0 && k < view.length; k += delta) {
    if (S.beads[view[k]].status !== "confirmed") { land(k); return; }
  }
  announce(delta > 0 ? "No unconfirmed bead below." : "No unconfirmed bead above.");
}

function moveSentence(pos) {
  const here = current();
  if (!here) return;
  const count = currentSentences(here.bead).length;
  cursor.pos = Math.max(0, Math.min(count - 1, cursor.pos + pos));
  markCursor(true);
}

async function act(action) {
  const here = current();
  if (!here && !["undo", "redo"].includes(action)) return;
  switch (action) {
    case "merge":
      if (refuseUnseen(here.index, 1, "Merge joins this bead with the next one")) return;
      return op({ type: "merge", bead: here.index });
    case "split": return openSplit(here);
    case "move-up":
    case "move-down":
      if (here.side === null) return;
      if (refuseUnseen(here.index, action === "move-up" ? -1 : 1,
        "A sentence moves into the " + (action === "move-up" ? "previous" : "next") + " bead")) return;
      return op({ type: "move", side: here.side, sentence: here.sentence, direction: action === "move-up" ? "up" : "down" })
        .then(() => followSentence(here.side, here.sentence));
    case "empty-target": return op({ type: "insert-empty", bead: here.index, side: "tgt" });
    case "empty-source": return op({ type: "insert-empty", bead: here.index, side: "src" });
    case "edit": return openEdit(here);
    case "confirm": {
      const confirming = here.bead.status !== "confirmed";
      const status = await op({ type: "confirm", bead: here.index, confirmed: confirming });
      if (status === 200 && confirming && cursor.key === here.bead.key) go(1);
      return;
    }
    case "confirm-above": {
      const unseen = unseenAbove(here.index);
      if (unseen) {
        announce("Confirm all above goes in document order: it would also confirm " + unseen + " bead" + (unseen > 1 ? "s" : "") +
          " not shown above this one. Clear the sort, filters and search first, or confirm beads one by one.", true);
        return;
      }
      return op({ type: "confirm-above", bead: here.index });
    }
    case "undo": return send("/api/undo", {});
    case "redo": return send("/api/redo", {});
  }
}

/* How many unconfirmed beads from the first to `index` (what "confirm all above" confirms) the
 * view does not show above the bead at `index` (sorted below it, or filtered out). */
function unseenAbove(index) {
  if (identityView) return 0;
  const shownAbove = new Set(view.slice(0, view.indexOf(index)));
  let count = 0;
  for (let i = 0; i < index; i++) if (S.beads[i].status !== "confirmed" && !shownAbove.has(i)) count++;
  return count;
}

/* True (saying why) when the bead next to `index` in document order (`step` 1: after, -1:
 * before), which merge and the sentence moves change, is not the one the view shows there
 * (sorted, filtered or searched): the reviewer would change a bead they do not see. */
function refuseUnseen(index, step, what) {
  const neighbour = index + step;
  if (identityView || neighbour < 0 || neighbour >= S.beads.length) return false;  // none: the server says so
  if (view[view.indexOf(index) + step] === neighbour) return false;
  announce(what + " in document order, bead " + (neighbour + 1) + ", which this view does not show " +
    (step > 0 ? "below" : "above") + " it. Clear the sort, filters and search first.", true);
  return true;
}

/* After a sentence moved, keep the cursor on it in its new bead. */
function followSentence(side, sentence) {
  for (let i = 0; i < S.beads.length; i++) {
    const position = currentSentences(S.beads[i]).findIndex(([s, n]) => s === side && n === sentence);
    if (position >= 0) { cursor = { key: S.beads[i].key, pos: position }; markCursor(true); return; }
  }
}

// -- split dialog -----------------------------------------------------------------------------

let splitting = null;

function openSplit(here) {
  const bead = here.bead;
  if (bead.src.length + bead.tgt.length < 2) { announce("A bead with one sentence cannot be split.", true); return; }
  const defaults = { src: Math.min(1, bead.src.length), tgt: Math.min(1, bead.tgt.length) };
  if (here.side) {
    const ids = bead[here.side];
    const at = ids.indexOf(here.sentence);
    defaults[here.side] = at > 0 ? at : Math.min(1, ids.length);
    const other = here.side === "src" ? "tgt" : "src";
    defaults[other] = ids.length ? Math.round((bead[other].length * defaults[here.side]) / ids.length) : 0;
  }
  splitting = { index: here.index, key: bead.key };
  for (const side of ["src", "tgt"]) {
    const box = $("split-" + side);
    const ids = bead[side];
    let html = "<legend>" + (side === "src" ? "Source" : "Target") + " (" + ids.length + " sentence" + (ids.length === 1 ? "" : "s") + ")</legend>";
    for (let cut = 0; cut <= ids.length; cut++) {
      const where = cut === 0 ? "before the first sentence (all go down)" : cut === ids.length ? "after the last sentence (all stay)" : "after sentence " + cut;
      html += '<label class="cut"><input type="radio" name="cut-' + side + '" value="' + cut + '"' + (cut === defaults[side] ? " checked" : "") + "> ✂ cut " + where + "</label>";
      if (cut < ids.length) html += '<div class="split-sent" lang="' + langOf(side) + '">' + esc(S.sentences[side][ids[cut]].text) + "</div>";
    }
    box.innerHTML = html;
  }
  $("split-error").textContent = "";
  $("split").showModal();
  const first = here.side || "src";
  const checked = $("split-" + first).querySelector("input:checked") || $("split-" + first).querySelector("input");
  if (checked) checked.focus();
}

function closeSplit() { splitting = null; $("split").close(); list.focus({ preventScroll: true }); }

$("split-form").addEventListener("submit", (event) => {
  event.preventDefault();
  if (!splitting) return;
  const value = (side) => Number(($("split-" + side).querySelector("input:checked") || { value: 0 }).value);
  const index = indexOfKey(splitting.key);
  const bead = S.beads[index];
  const srcAt = value("src"), tgtAt = value("tgt");
  if ((srcAt === 0 && tgtAt === 0) || (srcAt === bead.src.length && tgtAt === bead.tgt.length)) {
    $("split-error").textContent = "Both parts need at least one sentence: move a cut.";
    return;
  }
  closeSplit();
  serial(() => op({ type: "split", bead: index, src_at: srcAt, tgt_at: tgtAt }));
});
$("split-cancel").addEventListener("click", closeSplit);
$("split").addEventListener("close", () => { splitting = null; });

// -- edit dialog ------------------------------------------------------------------------------

let editing = null;

/* A sentence's text as the edit box shows it (inline codes as ⟦tokens⟧), now and as read. */
const boxText = (sentence) => (sentence.tok !== undefined ? sentence.tok : sentence.text);
const originalBoxText = (sentence) => (sentence.orig_tok !== undefined ? sentence.orig_tok : sentence.orig);

function openEdit(here) {
  if (here.side === null) return;
  const sentence = S.sentences[here.side][here.sentence];
  editing = { side: here.side, sentence: here.sentence };
  const word = here.side === "src" ? "source" : "target";
  $("edit-title").textContent = "Edit " + word + " sentence " + (here.sentence + 1);
  const box = $("edit-text");
  box.value = boxText(sentence);
  const codeHelp = $("edit-codes");
  codeHelp.hidden = !sentence.codes;
  codeHelp.textContent = sentence.codes
    ? "Inline codes of the memory: " + sentence.codes.map(([, label, native]) => "⟦" + label + "⟧ " + native).join(", ") +
      ". Move them with the text, but keep each one: an edit that loses or repeats a code is refused."
    : "";
  box.lang = langOf(here.side);
  const original = $("edit-original");
  original.hidden = sentence.orig === undefined;
  original.textContent = sentence.orig === undefined ? "" : "Original: " + originalBoxText(sentence);
  $("edit-restore").hidden = sentence.orig === undefined;
  $("edit-error").textContent = "";
  $("edit").showModal();
  box.focus();
  box.select();
}

function closeEdit() { editing = null; $("edit").close(); list.focus({ preventScroll: true }); }

/* A text edit the server did not save goes back into the edit box with the reason: typing is never lost. */
function keepTyping(operation, reason) {
  if (!operation || operation.type !== "edit-text" || document.querySelector("dialog[open]")) return;
  const index = S.beads.findIndex((bead) => bead[operation.side].includes(operation.sentence));
  if (index < 0) return;
  const pos = currentSentences(S.beads[index]).findIndex(([s, n]) => s === operation.side && n === operation.sentence);
  cursor = { key: S.beads[index].key, pos };
  markCursor(true);
  openEdit(current());
  $("edit-text").value = operation.text;
  $("edit-error").textContent = reason;
}

function saveEdit(text) {
  if (!editing) return;
  const { side, sentence } = editing;
  closeEdit();
  const shown = S.sentences[side][sentence];
  if (text === boxText(shown)) return;
  serial(() => op({ type: "edit-text", side, sentence, text }));
}

$("edit-form").addEventListener("submit", (event) => { event.preventDefault(); saveEdit($("edit-text").value); });
$("edit-text").addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) { event.preventDefault(); saveEdit($("edit-text").value); }
});
$("edit-restore").addEventListener("click", () => {
  if (!editing) return;
  saveEdit(originalBoxText(S.sentences[editing.side][editing.sentence]));
});
$("edit-cancel").addEventListener("click", closeEdit);
$("edit").addEventListener("close", () => { editing = null; });

// ---------------------------------------------------------------------------------------------
// input

function toggleHelp() {
  const help = $("help");
  if (help.open) help.close(); else help.showModal();
}

function toggleFilter(id) {
  $(id).checked = !$(id).checked;
  refilter(sortingLowFirst(id));
}

/* Show the view the filters, sort and search ask for; the cursor stays on its bead while the view
 * shows it, except that sorting low confidence first goes to the lowest. */
function refilter(toFirst) {
  rebuildView();
  renderAll();
  if (view.length && (toFirst === true || view.indexOf(indexOfKey(cursor.key)) < 0)) {
    cursor = { key: S.beads[view[0]].key, pos: 0 };
  }
  markCursor(true);
}

const sortingLowFirst = (id) => id === "f-low" && $("f-low").checked;

const KEYS = {
  "j": () => go(1), "ArrowDown": () => go(1), "k": () => go(-1), "ArrowUp": () => go(-1),
  "l": () => moveSentence(1), "ArrowRight": () => moveSentence(1),
  "h": () => moveSentence(-1), "ArrowLeft": () => moveSentence(-1),
  "g": () => goTo(0), "Home": () => goTo(0), "G": () => goTo(-1), "End": () => goTo(-1),
  "n": () => goUnconfirmed(1), "N": () => goUnconfirmed(-1),
  "m": () => act("merge"), "s": () => act("split"),
  "K": () => act("move-up"), "J": () => act("move-down"),
  "i": () => act("empty-target"), "I": () => act("empty-source"),
  "e": () => act("edit"), "Enter": () => act("edit"), "F2": () => act("edit"),
  "c": () => act("confirm"), " ": () => act("confirm"), "C": () => act("confirm-above"),
  "u": () => act("undo"), "r": () => act("redo"),
  "1": () => toggleFilter("f-low"), "2": () => toggleFilter("f-unconfirmed"),
  "3": () => toggleFilter("f-findings"),
  "/": () => { $("search").focus(); $("search").select(); },
  "#": () => { $("goto").focus(); $("goto").select(); },
  "?": toggleHelp,
};

document.addEventListener("keydown", (event) => {
  if (!S) return;
  const target = event.target;
  if (document.querySelector("dialog[open]")) {
    if (event.key === "?" && $("help").open) { event.preventDefault(); toggleHelp(); }
    return;  // dialogs handle their own keys (Esc closes them)
  }
  if (target.id === "goto") {
    if (event.key === "Enter") {
      event.preventDefault();
      if (goToBead(target.value)) { target.value = ""; list.focus({ preventScroll: true }); }
    } else if (event.key === "Escape") { event.preventDefault(); list.focus({ preventScroll: true }); }
    return;
  }
  if (target.matches("input[type=search]")) {
    if (event.key === "Escape" || event.key === "Enter") { event.preventDefault(); list.focus({ preventScroll: true }); }
    return;
  }
  if (target.matches("input, textarea, select, summary, a, button") && [" ", "Enter"].includes(event.key)) return;
  if (event.ctrlKey || event.metaKey) {
    const key = event.key.toLowerCase();
    if (key === "z" && !event.shiftKey) { event.preventDefault(); serial(() => act("undo")); }
    else if (key === "y" || (key === "z" && event.shiftKey)) { event.preventDefault(); serial(() => act("redo")); }
    return;
  }
  if (event.altKey) {
    if (event.key === "ArrowUp") { event.preventDefault(); serial(() => act("move-up")); }
    else if (event.key === "ArrowDown") { event.preventDefault(); serial(() => act("move-down")); }
    return;
  }
  const handler = KEYS[event.key];
  if (handler) { event.preventDefault(); serial(handler); }
});

list.addEventListener("click", (event) => {
  const node = event.target.closest("li.bead");
  if (!node) return;
  const index = indexOfKey(Number(node.dataset.key));
  if (index < 0) return;
  const sentence = event.target.closest(".sent");
  let pos = 0;
  if (sentence) {
    const side = sentence.dataset.side, i = Number(sentence.dataset.i);
    pos = Math.max(0, currentSentences(S.beads[index]).findIndex(([s, n]) => s === side && n === i));
  }
  cursor = { key: S.beads[index].key, pos };
  markCursor(false);
});

list.addEventListener("dblclick", (event) => {
  if (event.target.closest(".sent")) act("edit");
});

document.querySelector(".toolbar").addEventListener("click", (event) => {
  const button = event.target.closest("button[data-action]");
  if (button) serial(() => act(button.dataset.action));
});

$("export").addEventListener("click", (event) => {
  if (event.target.closest("a")) {
    setTimeout(() => {  // the download goes on; the focus stays on the menu, not lost with the link
      $("export").open = false;
      $("export").querySelector("summary").focus();
    }, 0);
  }
});
$("help-button").addEventListener("click", toggleHelp);
for (const id of ["f-low", "f-unconfirmed", "f-findings"]) $(id).addEventListener("change", () => refilter(sortingLowFirst(id)));
let searchTimer = null;
$("search").addEventListener("input", () => { clearTimeout(searchTimer); searchTimer = setTimeout(refilter, 120); });

// ---------------------------------------------------------------------------------------------
// translation-memory side panel (concord review ... --tm DB): the store's best matches for the
// current bead, and the units holding a word selected in a bead or typed in the panel

let tmShown = null;    // the bead (key and text) whose matches the panel shows or fetches
let tmTimer = null;
let tmSeq = 0;         // answers to requests the cursor has since moved past are dropped
let tmTermSeq = 0;
const TM_MAX_TERM = 80;

function tmOn() {
  const on = Boolean(S && S.tm);
  $("tm-panel").hidden = !on;
  document.body.classList.toggle("with-tm", on);
  if (on) $("tm-name").textContent = S.tm;
  return on;
}

/* The current bead and its text: an edit of the bead asks the store again. */
function tmSignature() {
  const index = indexOfKey(cursor.key);
  if (index < 0) return null;
  const bead = S.beads[index];
  return cursor.key + "\u0001" + currentSentences(bead).map(([side, i]) => S.sentences[side][i].text).join("\u0001");
}

function tmFollow() {
  if (!tmOn()) return;
  const signature = tmSignature();
  if (signature === null || signature === tmShown) return;
  tmShown = signature;
  const key = cursor.key;
  clearTimeout(tmTimer);
  tmTimer = setTimeout(() => tmLoadMatches(key), 120);
}

function tmNone(message) { return '<li class="tm-none">' + esc(message) + "</li>"; }

async function tmLoadMatches(key) {
  const seq = ++tmSeq;
  const { status, payload } = await call("GET", "/api/tm/matches?key=" + encodeURIComponent(key));
  if (seq !== tmSeq) return;
  const box = $("tm-matches");
  box.dataset.key = key;
  if (status !== 200) { box.innerHTML = tmNone((payload && payload.error) || "The lookup failed (" + status + ")."); return; }
  box.innerHTML = payload.matches.length ? payload.matches.map(tmMatchHTML).join("")
    : tmNone("No match of 50% or more in the memory.");
}

function tmMatchHTML(m) {
  const percent = Math.floor(m.score * 100);
  const grade = percent >= 95 ? "tm-high" : percent >= 75 ? "tm-mid" : "tm-low";
  const differences = m.differences.map(([here, there]) => '<span class="tm-diff">' + esc(here || "—") +
    " here, " + esc(there || "—") + " there</span>").join(" ");
  return '<li class="tm-match"><span class="tm-score ' + grade + '" title="fuzzy match score">' + percent + "%</span>" +
    '<p class="tm-src">' + esc(m.source) + "</p>" +
    '<p class="tm-tgt">' + esc(m.target) + "</p>" +
    (differences ? '<p class="tm-diffs">' + differences + "</p>" : "") +
    '<p class="tm-meta">' + esc(m.tuid || "(no tuid)") + " · " + esc(m.origin) +
    (m.version > 1 ? " · version " + m.version : "") + "</p></li>";
}

/* `text` with the code-point `spans` (as the server counts) marked. */
function tmMarked(text, spans) {
  const chars = Array.from(text);
  let out = "", at = 0;
  for (const [start, end] of spans) {
    out += esc(chars.slice(at, start).join("")) + "<mark>" + esc(chars.slice(start, end).join("")) + "</mark>";
    at = end;
  }
  return out + esc(chars.slice(at).join(""));
}

async function tmLoadConcordance(term) {
  term = term.trim().slice(0, TM_MAX_TERM);
  const seq = ++tmTermSeq;
  const box = $("tm-concordance");
  if (!term) { box.innerHTML = ""; return; }
  const { status, payload } = await call("GET", "/api/tm/concordance?term=" + encodeURIComponent(term));
  if (seq !== tmTermSeq) return;
  box.dataset.term = term;
  if (status !== 200) { box.innerHTML = tmNone((payload && payload.error) || "The search failed (" + status + ")."); return; }
  box.innerHTML = payload.matches.length ? payload.matches.map((o) => {
    const [hit, other] = o.lang === "zh" ? [o.zh, o.en] : [o.en, o.zh];
    const date = (o.date || o.imported).slice(0, 8);
    return '<li class="tm-occurrence"><p class="tm-src">' + tmMarked(hit, o.spans) + "</p>" +
      '<p class="tm-tgt">' + esc(other) + "</p>" +
      '<p class="tm-meta">' + esc(o.tuid || "(no tuid)") + " · " + esc(o.origin) + " · " +
      esc(date.slice(0, 4) + "-" + date.slice(4, 6) + "-" + date.slice(6, 8)) + "</p></li>";
  }).join("") : tmNone("No unit holds “" + term + "”.");
}

list.addEventListener("mouseup", () => {
  if (!tmOn()) return;
  const selected = String(window.getSelection() || "").trim();
  if (selected && selected.length <= TM_MAX_TERM && selected !== $("tm-term").value) {
    $("tm-term").value = selected;
    tmLoadConcordance(selected);
  }
});
$("tm-conc-form").addEventListener("submit", (event) => { event.preventDefault(); tmLoadConcordance($("tm-term").value); });
$("tm-term").addEventListener("keydown", (event) => {
  event.stopPropagation();   // letters typed here are text, not the page's shortcuts
  if (event.key === "Escape") { event.preventDefault(); list.focus({ preventScroll: true }); }
});

/* Scrolling to a bead keeps it clear of the sticky header, whatever height the header wraps to. */
function fitHeader() { document.documentElement.style.setProperty("--header-height", $("top").offsetHeight + "px"); }
window.addEventListener("resize", fitHeader);
new ResizeObserver(fitHeader).observe($("top"));
fitHeader();

// the token stays in the cookie, not the address bar; the bead to return to stays
history.replaceState(null, "", location.pathname + (START_BEAD ? location.hash : ""));

loadState().then(() => {
  list.focus({ preventScroll: true });
  if (START_BEAD && S) markCursor(true);
  requestAnimationFrame(() => requestAnimationFrame(() => {
    window.concordReadyAt = performance.now();   // page request → rendered view, for the benchmark
    document.body.dataset.ready = "true";
  }));
});
