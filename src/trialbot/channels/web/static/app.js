// trialbot staff chat: plain JavaScript, no build step. All text goes in through textContent.
"use strict";

const STORAGE_KEY = "trialbot.conversation";
const state = {
  conversationId: null,
  trials: [],            // [{id, title, status}]
  pendingScope: null,    // trial ids to send with the next message, or null
  citations: [],         // newest first
  facts: {},             // fact id -> {label, unit, choices}, from GET /api/facts
  factsReady: null,      // the promise of those labels
  verdicts: {},          // the latest verdict per trial, to colour summaries by verdict
  busy: false,
};
const $ = (id) => document.getElementById(id);

function el(tag, options = {}, children = []) {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined) node.textContent = String(options.text);
  for (const [name, value] of Object.entries(options.attrs || {})) node.setAttribute(name, value);
  for (const child of children) if (child) node.appendChild(child);
  return node;
}

function newConversationId() {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return "web:" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function setConversation(id) {
  state.conversationId = id;
  sessionStorage.setItem(STORAGE_KEY, id);
  $("conversation-id").textContent = id;
}

async function api(method, path, body) {
  const options = { method, credentials: "same-origin", headers: { Accept: "application/json" } };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  const response = await fetch(path, options);
  if (response.status === 401) {
    window.location.reload();  // the session ended: show the sign-in form
    throw new Error("signed out");
  }
  let data = null;
  try { data = await response.json(); } catch (_) { data = null; }
  if (!response.ok) {
    const detail = data && typeof data.detail === "string" ? data.detail : response.statusText;
    const error = new Error(detail || "request failed");
    error.status = response.status;
    throw error;
  }
  return data;
}

/* ---------- the conversation log ---------- */

function scrollLog() {
  const log = $("log");
  log.scrollTop = log.scrollHeight;
}

function addUserMessage(text) {
  $("empty").hidden = true;
  $("log").appendChild(el("li", { className: "msg user" }, [
    el("span", { className: "meta", text: "You" }),
    el("div", { className: "bubble", text }),
  ]));
  scrollLog();
}

const KIND_LABELS = {
  question: "Question", answer: "Answer", no_answer: "Not in the trial information",
  summary: "Summary", notice: "trialbot",
};

/* A summary is a headline, "• " points and "Next step:"-style headings: shown as such. */
function summaryBubble(text) {
  const bubble = el("div", { className: "bubble summary" });
  let list = null;
  for (const line of String(text).split("\n")) {
    const point = line.match(/^\s*[•\-]\s+(.*)$/);
    if (point) {
      if (!list) list = bubble.appendChild(el("ul"));
      list.appendChild(el("li", { text: point[1] }));
      continue;
    }
    list = null;
    if (!line.trim()) continue;
    const heading = line.trim().endsWith(":") && line.length < 60;
    bubble.appendChild(el("p", { className: heading ? "summary-heading" : "", text: line }));
  }
  return bubble;
}

/* The trial a summary is about (its id is written in it), to colour it by that trial's verdict. */
function summaryVerdict(text, verdicts) {
  const ids = Object.keys(verdicts || {}).sort((a, b) => b.length - a.length);
  const id = ids.find((candidate) => String(text).includes(`(${candidate})`)) ||
    ids.find((candidate) => String(text).includes(candidate));
  return id ? verdicts[id] : null;
}

function addBotMessage(reply, withButtons, verdicts) {
  $("empty").hidden = true;
  const kind = reply.kind || "notice";
  const verdict = kind === "summary" ? summaryVerdict(reply.text || "", verdicts || state.verdicts) : null;
  const asks = reply.asks ? ` · asks ${factLabel(reply.asks)}` : "";
  const item = el("li", { className: `msg bot kind-${kind}${verdict ? " verdict-" + verdict : ""}` }, [
    el("span", { className: "meta", text: (KIND_LABELS[kind] || kind) + (verdict ? ` · ${VERDICT_WORDS[verdict] || verdict}` : "") + asks }),
    kind === "summary" ? summaryBubble(reply.text || "") : el("div", { className: "bubble", text: reply.text || "" }),
  ]);
  if (withButtons && reply.buttons && reply.buttons.length) {
    const row = el("div", { className: "buttons", attrs: { role: "group", "aria-label": "Answer choices" } });
    for (const button of reply.buttons) {
      const node = el("button", { text: button.label, attrs: { type: "button", "data-value": button.value } });
      node.addEventListener("click", () => send({ button: button.value }, button.label));
      row.appendChild(node);
    }
    item.appendChild(row);
  }
  const count = (reply.citations || []).length;
  if (count) {
    item.appendChild(el("p", { className: "sources", text: `${count} quoted source${count > 1 ? "s" : ""} in the panel →` }));
  }
  $("log").appendChild(item);
  scrollLog();
}

function addErrorMessage(text) {
  $("log").appendChild(el("li", { className: "msg bot error", attrs: { role: "alert" } }, [
    el("span", { className: "meta", text: "Problem" }),
    el("div", { className: "bubble", text }),
  ]));
  scrollLog();
}

function disableOldButtons() {
  for (const node of document.querySelectorAll("#log .buttons button")) node.disabled = true;
}

function setBusy(busy) {
  state.busy = busy;
  $("send").disabled = busy;
  $("reset").disabled = busy;
  $("erase").disabled = busy;
  const existing = $("typing");
  if (busy && !existing) {
    $("log").appendChild(el("li", { className: "msg bot typing", attrs: { id: "typing" } }, [
      el("div", { className: "bubble", text: "trialbot is typing…" }),
    ]));
    scrollLog();
  } else if (!busy && existing) {
    existing.remove();
  }
}

async function send(message, shownText) {
  if (state.busy) return;
  const body = { conversation_id: state.conversationId, ...message };
  if (state.pendingScope) body.trials = state.pendingScope;
  disableOldButtons();
  addUserMessage(shownText !== undefined ? shownText : message.text);
  setBusy(true);
  try {
    const turn = await api("POST", "/api/chat", body);
    await state.factsReady;
    state.pendingScope = null;
    $("scope-hint").textContent = "";
    setBusy(false);
    state.verdicts = turn.verdicts || {};
    for (const reply of turn.replies || []) addBotMessage(reply, true, turn.verdicts);
    collectCitations(turn.replies || []);
    await refreshPanel(turn);
    $("message").focus();
  } catch (error) {
    setBusy(false);
    addErrorMessage(`Could not get an answer: ${error.message}`);
  }
}

/* ---------- the side panel ---------- */

function trialTitle(id) {
  const trial = state.trials.find((t) => t.id === id);
  return trial ? trial.title : "";
}

async function refreshPanel(turn) {
  await state.factsReady;
  let view = null;
  try {
    view = await api("GET", `/api/conversations/${encodeURIComponent(state.conversationId)}`);
  } catch (error) {
    if (error.status !== 404) addErrorMessage(`Could not load the conversation: ${error.message}`);
  }
  const verdicts = view ? view.verdicts : (turn ? turn.verdicts : {});
  state.verdicts = verdicts || {};
  renderVerdicts(verdicts, view ? view.reasons : {});
  renderFacts(view ? view.facts : {});
  if (view && view.scope && view.scope.length) checkScope(view.scope);
  return view;
}

const STATUS_ICONS = { met: "✓", not_met: "✗", unknown: "?" };
const STATUS_WORDS = { met: "met", not_met: "not met", unknown: "unknown" };
const STATUS_ORDER = { not_met: 0, unknown: 1, met: 2 };

/* A fact's plain label ("Age" for age_years); the id itself only when the label is unknown. */
function factLabel(id) {
  const words = state.facts[id];
  if (!words) return String(id).replaceAll("_", " ");
  const label = words.label.replace(/^(the|a|an) /i, "");
  return label.charAt(0).toUpperCase() + label.slice(1);
}

async function loadFactWords() {
  try {
    state.facts = await api("GET", "/api/facts");
  } catch (_) {
    state.facts = {};  // labels are a nicety: ids are shown instead
  }
}
const VERDICT_WORDS = { likely_eligible: "likely eligible", ineligible: "ineligible", undetermined: "undetermined" };

function renderVerdicts(verdicts, reasons) {
  const box = $("verdicts");
  box.replaceChildren();
  const ids = Object.keys(verdicts || {});
  if (!ids.length) {
    box.appendChild(el("p", { className: "muted", text: "No verdicts yet." }));
    return;
  }
  for (const id of ids) box.appendChild(renderVerdict(id, verdicts[id], (reasons || {})[id] || []));
}

function renderVerdict(id, verdict, outcomes) {
  const title = el("div", { className: "verdict-title", text: trialTitle(id) || id });
  title.appendChild(el("span", { className: "trial-id", text: id }));
  const card = el("article", { className: "verdict", attrs: { "data-trial": id } }, [
    el("div", { className: "verdict-head" }, [
      title,
      el("span", { className: `badge ${verdict}`, text: VERDICT_WORDS[verdict] || verdict }),
    ]),
  ]);
  card.classList.add(`verdict-${verdict}`);
  if (!outcomes.length) return card;
  // The criteria that decide come first and stay in sight: what failed for "ineligible", what is
  // still to answer for "undetermined". Every other criterion is one click away, each once.
  const rank = (o) => (o.needs_review && o.status === "unknown" ? 2 : STATUS_ORDER[o.status] ?? 3);
  const sorted = [...outcomes].sort((a, b) => rank(a) - rank(b));
  const decides = (o) => (verdict === "ineligible" ? o.status === "not_met"
    : verdict === "undetermined" ? o.status === "unknown" && !o.needs_review : false);
  const deciding = sorted.filter(decides).slice(0, 5);
  const others = sorted.filter((o) => !deciding.includes(o));
  if (deciding.length) {
    const list = el("ul", { className: "criteria deciding", attrs: { "aria-label": "Deciding criteria" } });
    for (const outcome of deciding) list.appendChild(renderOutcome(outcome, verdict === "ineligible"));
    card.appendChild(list);
  }
  if (others.length) {
    const counts = { met: 0, not_met: 0, unknown: 0, team: 0 };
    for (const o of others) counts[o.needs_review && o.status === "unknown" ? "team" : o.status] += 1;
    const parts = [`${counts.met} met`];
    if (counts.not_met) parts.push(`${counts.not_met} not met`);
    if (counts.unknown) parts.push(`${counts.unknown} open`);
    if (counts.team) parts.push(`${counts.team} for the study team`);
    const label = deciding.length ? `${others.length} other criteria` : `${others.length} criteria`;
    const details = el("details", { className: "other-criteria" }, [
      el("summary", { text: `${label}: ${parts.join(" · ")}` }),
    ]);
    const list = el("ul", { className: "criteria" });
    for (const outcome of others) list.appendChild(renderOutcome(outcome, false));
    details.appendChild(list);
    card.appendChild(details);
  }
  return card;
}

/* One criterion, quoted once: its text on the line, the checker's reason when opened. */
function renderOutcome(outcome, open) {
  const status = outcome.status || "unknown";
  const team = outcome.needs_review && status === "unknown";
  const line = el("summary", {}, [
    el("span", { className: "icon", text: STATUS_ICONS[status] || "·", attrs: { "aria-label": STATUS_WORDS[status] || status } }),
    el("span", { className: "kind", text: outcome.criterion_id || outcome.kind || "" }),
    el("span", { className: "criterion-text", text: outcome.text || outcome.reason || "" }),
  ]);
  if (team) line.appendChild(el("span", { className: "review", text: "study team" }));
  const reason = String(outcome.reason || "").replace(/\u201c[^\u201d]*\u201d/g, "this criterion").trim();
  const details = el("details", {}, [line, el("p", { className: "reason", text: reason })]);
  details.open = Boolean(open);
  return el("li", { className: `criterion ${status}${team ? " team" : ""}` }, [details]);
}

function renderFacts(facts) {
  const list = $("facts");
  list.replaceChildren();
  const names = Object.keys(facts || {});
  $("facts-empty").hidden = names.length > 0;
  for (const name of names) {
    list.appendChild(el("dt", { text: factLabel(name), attrs: { title: name } }));
    list.appendChild(el("dd", { text: formatFact(name, facts[name]) }));
  }
}

function formatFact(name, value) {
  if (value === true) return "yes";
  if (value === false) return "no";
  if (value === "unknown") return "not sure";
  const words = state.facts[name] || {};
  const choice = (words.choices || {})[String(value)];
  if (choice) return choice;
  if (typeof value === "number" && words.unit) return `${value}${words.unit === "%" ? "" : " "}${words.unit}`;
  return String(value);
}

function collectCitations(replies) {
  const fresh = replies.flatMap((reply) => reply.citations || []);
  if (!fresh.length) return;
  state.citations = [...fresh, ...state.citations].slice(0, 30);
  renderCitations();
  $("citations").closest(".card").scrollIntoView({ block: "nearest" });
}

function renderCitations() {
  const box = $("citations");
  box.replaceChildren();
  if (!state.citations.length) {
    box.appendChild(el("p", { className: "muted", text: "Answers to questions about a trial quote their sources here." }));
    return;
  }
  for (const citation of state.citations) {
    box.appendChild(el("figure", { className: "citation" }, [
      el("blockquote", { text: citation.text }),
      el("figcaption", { text: `${citation.trial_id} · ${citation.section}` }),
    ]));
  }
}

/* ---------- the trial picker ---------- */

async function loadTrials() {
  try {
    state.trials = await api("GET", "/api/trials");
  } catch (error) {
    $("scope-hint").textContent = `Could not load the trials: ${error.message}`;
    return;
  }
  const picker = $("trial-picker");
  for (const trial of state.trials) {
    const box = el("input", { attrs: { type: "checkbox", value: trial.id } });
    box.checked = true;
    box.addEventListener("change", onScopeChange);
    const text = el("span", { text: trial.title });
    text.appendChild(el("span", { className: "trial-id", text: `${trial.id}${trial.status ? " · " + trial.status.toLowerCase().replaceAll("_", " ") : ""}` }));
    picker.appendChild(el("label", {}, [box, text]));
  }
}

function onScopeChange() {
  const chosen = [...document.querySelectorAll("#trial-picker input:checked")].map((box) => box.value);
  if (!chosen.length) {
    state.pendingScope = null;
    $("scope-hint").textContent = "Pick at least one trial.";
    return;
  }
  state.pendingScope = chosen;
  $("scope-hint").textContent = "The new choice applies from your next message.";
}

function checkScope(scope) {
  if (state.pendingScope) return;
  for (const box of document.querySelectorAll("#trial-picker input")) box.checked = scope.includes(box.value);
}

/* ---------- restoring, resetting, erasing ---------- */

async function restore() {
  const view = await refreshPanel(null);
  if (!view || !view.messages || !view.messages.length) return;
  for (const message of view.messages) {
    if (message.role === "user") addUserMessage(message.text);
    else addBotMessage({ kind: message.kind || "notice", text: message.text }, false, view.verdicts);
  }
}

async function erase() {
  if (!window.confirm("Erase this conversation and every fact collected in it?")) return;
  try {
    await api("DELETE", `/api/conversations/${encodeURIComponent(state.conversationId)}`);
  } catch (error) {
    addErrorMessage(`Could not erase the conversation: ${error.message}`);
    return;
  }
  $("log").replaceChildren();
  $("empty").hidden = false;
  state.citations = [];
  renderCitations();
  renderVerdicts({}, {});
  renderFacts({});
  setConversation(newConversationId());
  onScopeChange();
  if (!state.pendingScope || state.pendingScope.length === state.trials.length) {
    state.pendingScope = null;
    $("scope-hint").textContent = "Conversation erased.";
  }
}

function submitComposer(event) {
  event.preventDefault();
  const box = $("message");
  const text = box.value.trim();
  if (!text || state.busy) return;
  box.value = "";
  box.style.height = "";
  send({ text });
}

function growComposer() {
  const box = $("message");
  box.style.height = "auto";
  box.style.height = `${Math.min(box.scrollHeight, 160)}px`;
}

async function init() {
  setConversation(sessionStorage.getItem(STORAGE_KEY) || newConversationId());
  $("composer").addEventListener("submit", submitComposer);
  $("message").addEventListener("input", growComposer);
  $("message").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) submitComposer(event);
  });
  $("start").addEventListener("click", () => send({ text: "/start" }));
  $("reset").addEventListener("click", () => send({ text: "/restart" }));
  $("erase").addEventListener("click", erase);
  state.factsReady = loadFactWords();  // labels for facts; the page does not wait for them
  await loadTrials();
  await restore();
  $("message").focus();
}

document.addEventListener("DOMContentLoaded", init);
