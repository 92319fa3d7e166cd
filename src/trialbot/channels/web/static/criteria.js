// The staff "Criteria" page: each criterion of a trial with its reading, and confirm / correct /
// study team. Talks to GET /api/trials/{id}/criteria and PUT /api/trials/{id}/criteria/{cid}.
"use strict";

const state = { trial: null, criteria: [], filter: "all" };
const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child != null) node.append(child);
  return node;
}

async function api(path, options = {}) {
  const response = await fetch(path, {
    credentials: "same-origin",
    headers: { "Content-Type": "application/json" },
    ...options,
  });
  let body = null;
  try { body = await response.json(); } catch (_) { body = null; }
  if (!response.ok) {
    const detail = body && body.detail ? body.detail : `HTTP ${response.status}`;
    throw new Error(typeof detail === "string" ? detail : JSON.stringify(detail));
  }
  return body;
}

function reviewState(c) {
  if (!c.review) return "unreviewed";
  return c.review.stale ? "stale" : c.review.status;
}

function matches(c) {
  if (state.filter === "unreviewed") return !c.review || c.review.stale;
  if (state.filter === "partial") return c.confidence === "partial";
  if (state.filter === "stale") return Boolean(c.review && c.review.stale);
  return true;
}

function showProgress() {
  const total = state.criteria.length;
  const done = state.criteria.filter((c) => c.review && !c.review.stale).length;
  const stale = state.criteria.filter((c) => c.review && c.review.stale).length;
  $("progress").textContent =
    `${done} of ${total} criteria reviewed` + (stale ? `, ${stale} stale` : "");
}

const STATE_WORDS = {
  unreviewed: "not reviewed", confirmed: "confirmed", corrected: "corrected",
  study_team: "study team", stale: "stale: text changed",
};

function thresholdWords(t) {
  const unit = t.unit ? ` ${t.unit}` : "";
  const who = t.applies_to ? ` (${t.applies_to})` : "";
  return `${t.measure} ${t.op} ${t.value}${unit}${who}`;
}

function card(c) {
  const status = reviewState(c);
  const head = el("div", { class: "rc-head" },
    el("h2", { text: c.id }),
    el("span", { class: "badge", text: c.kind }),
    el("span", { class: `badge ${c.confidence}`, text: `confidence: ${c.confidence}` }),
    el("span", { class: `badge ${status}`, text: STATE_WORDS[status] || status }));
  const facts = el("dl");
  const add = (term, value) => {
    if (value) facts.append(el("dt", { text: term }), el("dd", {}, value));
  };
  add("Reading", c.reading_words);
  add("Rule", c.rule ? el("code", { text: c.rule }) : null);
  add("Asks", c.question);
  add("Applies to", c.applies_to);
  if (c.thresholds && c.thresholds.length) add("Thresholds", c.thresholds.map(thresholdWords).join("; "));
  if (c.review) {
    const who = c.review.by ? ` by ${c.review.by}` : "";
    add("Review", `${c.review.status.replace("_", " ")}${who}${c.review.at ? " · " + c.review.at : ""}`);
  }
  const actions = el("div", { class: "rc-actions" },
    el("button", { type: "button", class: "primary", "data-action": "confirmed", text: "Confirm" }),
    el("button", { type: "button", "data-action": "correct", text: "Correct…" }),
    el("button", { type: "button", "data-action": "study_team", text: "Study team" }));
  const item = el("li", {
    class: `rc-item state-${status}`, tabindex: "0", "data-id": c.id,
    "aria-label": `${c.id}, ${c.kind}, ${STATE_WORDS[status] || status}`,
  }, head, el("blockquote", { text: c.text }), facts, actions);
  return item;
}

function render() {
  const list = $("criteria");
  list.replaceChildren(...state.criteria.filter(matches).map(card));
  $("none").hidden = list.children.length > 0;
  showProgress();
}

async function loadTrial(trialId) {
  state.trial = trialId;
  $("message").textContent = "";
  try {
    state.criteria = await api(`/api/trials/${encodeURIComponent(trialId)}/criteria`);
  } catch (error) {
    state.criteria = [];
    $("message").textContent = `Could not load the criteria: ${error.message}`;
  }
  render();
}

async function save(criterionId, body) {
  const by = $("reviewer").value.trim();
  if (by) body = { ...body, by };
  const path = `/api/trials/${encodeURIComponent(state.trial)}/criteria/${encodeURIComponent(criterionId)}`;
  const updated = await api(path, { method: "PUT", body: JSON.stringify(body) });
  state.criteria = state.criteria.map((c) => (c.id === criterionId ? updated : c));
  render();
  const again = document.querySelector(`.rc-item[data-id="${CSS.escape(criterionId)}"]`);
  const next = again || $("criteria").firstElementChild;
  if (next) next.focus();
}

function openCorrect(item) {
  if (item.querySelector(".correct-form")) {
    item.querySelector(".correct-form input").focus();
    return;
  }
  const criterion = state.criteria.find((c) => c.id === item.dataset.id);
  const input = el("input", {
    type: "text", "aria-label": `Corrected rule for ${item.dataset.id}`,
    placeholder: "e.g. age_years >= 18 and ecog_level <= 1", spellcheck: "false",
  });
  input.value = (criterion && criterion.rule) || "";
  const error = el("p", { class: "correct-error", role: "alert" });
  const form = el("form", { class: "correct-form" }, input,
    el("button", { type: "submit", class: "primary", text: "Save rule" }),
    el("button", { type: "button", "data-action": "cancel", text: "Cancel" }), error);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await save(item.dataset.id, { status: "corrected", rule: input.value });
    } catch (failure) {
      error.textContent = failure.message;
      input.focus();
    }
  });
  item.append(form);
  input.focus();
}

async function act(item, action) {
  if (action === "correct") return openCorrect(item);
  if (action === "cancel") {
    item.querySelector(".correct-form").remove();
    return item.focus();
  }
  try {
    await save(item.dataset.id, { status: action });
  } catch (failure) {
    $("message").textContent = `${item.dataset.id}: ${failure.message}`;
  }
}

function onClick(event) {
  const button = event.target.closest("button[data-action]");
  if (!button) return;
  act(button.closest(".rc-item"), button.dataset.action);
}

function onKey(event) {
  if (event.target.closest("input, textarea, select")) return;
  const item = event.target.closest(".rc-item");
  if (!item || event.altKey || event.ctrlKey || event.metaKey) return;
  const keys = { c: "confirmed", r: "correct", t: "study_team" };
  if (keys[event.key]) {
    event.preventDefault();
    act(item, keys[event.key]);
  } else if (event.key === "j" || event.key === "k") {
    event.preventDefault();
    const next = event.key === "j" ? item.nextElementSibling : item.previousElementSibling;
    if (next) next.focus();
  }
}

async function start() {
  $("criteria").addEventListener("click", onClick);
  $("criteria").addEventListener("keydown", onKey);
  $("filter").addEventListener("change", (event) => {
    state.filter = event.target.value;
    render();
  });
  $("trial").addEventListener("change", (event) => loadTrial(event.target.value));
  const reviewer = $("reviewer");
  reviewer.value = localStorage.getItem("trialbot.reviewer") || "";
  reviewer.addEventListener("change", () => localStorage.setItem("trialbot.reviewer", reviewer.value.trim()));
  let trials = [];
  let progress = {};
  try {
    [trials, progress] = await Promise.all([api("/api/trials"), api("/api/reviews")]);
  } catch (error) {
    $("message").textContent = `Could not load the trials: ${error.message}`;
    return;
  }
  const select = $("trial");
  for (const trial of trials) {
    const done = progress[trial.id];
    const words = done ? ` — ${done.reviewed}/${done.total} reviewed${done.stale ? `, ${done.stale} stale` : ""}` : "";
    select.append(el("option", { value: trial.id, text: `${trial.id} · ${trial.title}${words}` }));
  }
  const wanted = new URLSearchParams(window.location.search).get("trial");
  if (wanted && trials.some((t) => t.id === wanted)) select.value = wanted;
  if (select.value) await loadTrial(select.value);
}

document.addEventListener("DOMContentLoaded", start);
