// The team-lead dashboard: filters, the flag list, the weekly charts and the detail view with review and
// false-positive actions. Everything comes from the lead API (/api/v1/audit/...), which scopes it to the
// lead's team; this page holds no data of its own. Text from the store is only ever set as textContent.
"use strict";

(() => {
  const Auth = window.ReplyCoachAuth;
  const Charts = window.ReplyCoachCharts;
  const $ = (id) => document.getElementById(id);
  const OUTCOMES = {
    pending: "Not reported", edited: "Edited", applied_suggestion: "Applied a suggestion", used_rewrite: "Used the rewrite",
    accepted_delay: "Accepted the delay", sent_anyway: "Sent anyway", discarded: "Discarded",
  };
  const FILTERS = ["agent", "category", "level", "outcome", "from", "to", "reviewed", "falsePositive"];
  let token = "";
  let cursor = null;
  let current = null; // the flag open in the detail view
  const rows = new Map(); // id -> table row

  function announce(text) {
    $("status").textContent = text;
  }

  function showAlert(text) {
    const alert = $("alert");
    alert.textContent = text;
    alert.hidden = !text;
  }

  async function api(path, options = {}) {
    const headers = { Accept: "application/json", ...(options.headers || {}) };
    if (token) {
      headers.Authorization = "Bearer " + token;
    }
    const response = await fetch(path, { ...options, headers });
    if (response.status === 401 && !Auth.developmentMode) {
      sessionStorage.clear();
      showSignIn();
      throw new Error("Your sign-in has expired; sign in again.");
    }
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      const error = new Error(problem.detail || problem.title || `The service answered ${response.status}.`);
      error.status = response.status;
      throw error;
    }
    return response;
  }

  function showSignIn() {
    $("app").hidden = true;
    $("sign-in").hidden = false;
  }

  function filterQuery(extra) {
    const query = new URLSearchParams();
    const form = new FormData($("filters"));
    for (const name of FILTERS) {
      const value = String(form.get(name) || "").trim();
      if (value) {
        query.set(name, value);
      }
    }
    for (const [key, value] of Object.entries(extra || {})) {
      if (value === null) {
        query.delete(key);
      } else {
        query.set(key, value);
      }
    }
    return query;
  }

  function restoreFilters() {
    const saved = new URLSearchParams(window.location.hash.slice(1));
    const form = $("filters");
    if ([...saved.keys()].length === 0) {
      // Default view: the last twelve weeks.
      const from = new Date(Date.now() - 84 * 86400000);
      form.elements.from.value = from.toISOString().slice(0, 10);
      return;
    }
    for (const name of FILTERS) {
      if (form.elements[name]) {
        form.elements[name].value = saved.get(name) || "";
      }
    }
  }

  function formatTime(iso) {
    const d = new Date(iso);
    const pad = (n) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }

  function chip(text, className) {
    const span = document.createElement("span");
    span.className = className;
    span.textContent = text;
    return span;
  }

  function reviewCell(flag) {
    const cell = document.createElement("td");
    cell.className = "review-cell";
    if (flag.reviewed) {
      cell.append(chip("Reviewed", "tag reviewed"));
    }
    if (flag.falsePositive) {
      cell.append(chip("False positive", "tag fp"));
    }
    if (!flag.reviewed && !flag.falsePositive) {
      cell.append(chip("To review", "tag todo"));
    }
    return cell;
  }

  function renderRow(flag) {
    const tr = document.createElement("tr");
    tr.tabIndex = 0;
    tr.dataset.id = String(flag.id);
    tr.className = "flag-row";
    const cells = [
      formatTime(flag.checkedAt),
      flag.agentName || flag.agentId,
    ];
    for (const text of cells) {
      const td = document.createElement("td");
      td.textContent = text;
      tr.append(td);
    }
    const level = document.createElement("td");
    level.append(chip(flag.level, `level level-${flag.level}`));
    const categories = document.createElement("td");
    for (const c of flag.flagged) {
      categories.append(chip(Charts.LABELS[c] || c, `cat cat-${c}`));
    }
    const risk = document.createElement("td");
    risk.textContent = Math.round(flag.risk * 100) + "%";
    const outcome = document.createElement("td");
    outcome.textContent = OUTCOMES[flag.outcome] || flag.outcome;
    if (flag.improved) {
      outcome.append(" ", chip("improved", "tag improved"));
    }
    tr.append(level, categories, risk, outcome, reviewCell(flag));
    tr.addEventListener("click", () => openFlag(flag.id));
    tr.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        openFlag(flag.id);
      }
    });
    return tr;
  }

  async function loadList(append) {
    const query = filterQuery({ pageSize: "50", cursor: append ? cursor : null });
    const page = await (await api("/api/v1/audit/flags?" + query.toString())).json();
    const body = $("flag-rows");
    if (!append) {
      body.replaceChildren();
      rows.clear();
    }
    for (const flag of page.items) {
      const row = renderRow(flag);
      rows.set(flag.id, row);
      body.append(row);
    }
    cursor = page.nextCursor;
    $("more").hidden = !cursor;
    $("empty").hidden = rows.size > 0;
    $("count").textContent = `(${rows.size}${cursor ? "+" : ""} shown)`;
    announce(`${rows.size} flagged drafts shown.`);
  }

  async function loadCharts() {
    const query = filterQuery({ groupBy: "week" });
    const weeks = (await (await api("/api/v1/audit/aggregates?" + query.toString())).json()).groups;
    Charts.weekly($("chart-weekly"), $("chart-legend"), weeks);
    Charts.improved($("chart-improved"), weeks);
  }

  async function loadAgents() {
    const select = $("f-agent");
    const chosen = select.value;
    const agents = (await (await api("/api/v1/audit/aggregates?groupBy=agent")).json()).groups;
    select.replaceChildren(new Option("All agents", ""));
    for (const a of agents) {
      select.append(new Option(`${a.displayName || a.key} (${a.flags})`, a.key));
    }
    select.value = chosen;
  }

  async function refresh() {
    showAlert("");
    window.history.replaceState(null, "", "#" + filterQuery().toString());
    try {
      await Promise.all([loadList(false), loadCharts()]);
    } catch (e) {
      showAlert(e.message);
    }
  }

  function spanItem(span) {
    const li = document.createElement("li");
    const head = document.createElement("p");
    head.append(chip(Charts.LABELS[span.category] || span.category, `cat cat-${span.category}`), " ", span.reason);
    li.append(head);
    const quote = document.createElement("blockquote");
    if (span.text && span.sentence && span.sentence.includes(span.text)) {
      const at = span.sentence.indexOf(span.text);
      const mark = document.createElement("mark");
      mark.textContent = span.text;
      quote.append(span.sentence.slice(0, at), mark, span.sentence.slice(at + span.text.length));
    } else if (span.text) {
      const mark = document.createElement("mark");
      mark.textContent = span.text;
      quote.append("… ", mark, " …");
    } else {
      quote.className = "redacted";
      quote.textContent = "The words are not kept (redaction policy, or past the text retention period).";
    }
    li.append(quote);
    return li;
  }

  function suggestionItem(s, spans) {
    const li = document.createElement("li");
    const what = s.spanIndex >= 0 && spans[s.spanIndex] && spans[s.spanIndex].text
      ? `Instead of “${spans[s.spanIndex].text}”: `
      : s.spanIndex < 0 ? "Full rewrite: " : "";
    li.append(what);
    if (s.sentenceAfter || s.replacement) {
      const ins = document.createElement("ins");
      ins.textContent = s.sentenceAfter || s.replacement;
      li.append(ins, " ");
    }
    li.append(chip(`${s.rationale} · risk ${Math.round(s.riskBefore * 100)}% → ${Math.round(s.riskAfter * 100)}%`, "hint"));
    return li;
  }

  function renderDetail(detail) {
    current = detail;
    const f = detail.summary;
    $("detail-heading").textContent = `${f.level === "hold" ? "Hold" : "Caution"} · ${f.agentName || f.agentId} · ${formatTime(f.checkedAt)}`;
    $("detail-meta").textContent = `Risk ${Math.round(f.risk * 100)}% · ${f.flagged.map((c) => Charts.LABELS[c] || c).join(", ")} · checked in ${f.source.replace("_", " ")} · text kept: ${detail.redaction.replace("_", " ")}`;
    $("detail-spans").replaceChildren(...detail.spans.map(spanItem));
    const suggestions = detail.suggestions.map((s) => suggestionItem(s, detail.spans));
    $("detail-suggestions").replaceChildren(...(suggestions.length ? suggestions : [Object.assign(document.createElement("li"), { textContent: "None could be verified." })]));
    let outcome = OUTCOMES[f.outcome] || f.outcome;
    if (f.riskAtSend !== null && f.riskAtSend !== undefined) {
      outcome += ` · risk at send ${Math.round(f.riskAtSend * 100)}%`;
    }
    if (f.improved) {
      outcome += " · improved before sending";
    }
    $("detail-outcome").textContent = outcome;
    const review = [];
    if (detail.reviewedAt) {
      review.push(`Reviewed ${formatTime(detail.reviewedAt)}${detail.reviewedBy ? " by " + detail.reviewedBy : ""}.`);
    } else {
      review.push("Not reviewed yet.");
    }
    if (f.falsePositive) {
      review.push("Marked as a false positive.");
    }
    $("detail-review").textContent = review.join(" ");
    $("note").value = detail.coachingNote || "";
    $("mark-reviewed").textContent = detail.reviewedAt ? "Update review" : "Mark reviewed";
    $("mark-fp").textContent = f.falsePositive ? "Not a false positive" : "Mark false positive";
    $("mark-fp").setAttribute("aria-pressed", String(f.falsePositive));
  }

  async function openFlag(id) {
    try {
      const detail = await (await api(`/api/v1/audit/flags/${id}`)).json();
      renderDetail(detail);
      const dialog = $("detail");
      if (!dialog.open) {
        dialog.showModal();
      }
    } catch (e) {
      showAlert(e.message);
    }
  }

  function updateRow(detail) {
    const old = rows.get(detail.summary.id);
    if (old) {
      const row = renderRow(detail.summary);
      old.replaceWith(row);
      rows.set(detail.summary.id, row);
    }
  }

  async function post(path, body) {
    return (await api(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) })).json();
  }

  async function markReviewed() {
    try {
      const detail = await post(`/api/v1/audit/flags/${current.summary.id}/review`, { note: $("note").value.trim() || null });
      renderDetail(detail);
      updateRow(detail);
      announce("Marked reviewed.");
    } catch (e) {
      showAlert(e.message);
    }
  }

  async function toggleFalsePositive() {
    try {
      const detail = await post(`/api/v1/audit/flags/${current.summary.id}/false-positive`, { falsePositive: !current.summary.falsePositive });
      renderDetail(detail);
      updateRow(detail);
      announce(detail.summary.falsePositive ? "Marked as a false positive." : "False-positive mark removed.");
    } catch (e) {
      showAlert(e.message);
    }
  }

  async function exportCsv() {
    try {
      const response = await api("/api/v1/audit/export.csv?" + filterQuery().toString(), { headers: { Accept: "text/csv" } });
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement("a");
      link.href = url;
      link.download = `replycoach-audit-${new Date().toISOString().slice(0, 10)}.csv`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (e) {
      showAlert(e.message);
    }
  }

  async function start() {
    $("sign-in-button").addEventListener("click", () => Auth.signIn().catch((e) => showAlert(e.message)));
    try {
      token = await Auth.token();
    } catch (e) {
      showAlert(e.message);
      showSignIn();
      return;
    }
    if (token === null) {
      showSignIn();
      return;
    }

    let me;
    try {
      me = await (await api("/api/v1/audit/me")).json();
    } catch (e) {
      showAlert(e.message);
      return;
    }
    $("who").textContent = `${me.name || me.userId}${me.team ? " · team " + me.team : ""}`;
    if (!Auth.developmentMode) {
      $("sign-out").hidden = false;
      $("sign-out").addEventListener("click", () => Auth.signOut());
    }
    if (me.role !== "lead") {
      document.body.dataset.denied = "true";
      showAlert("This dashboard is for team leads. Your account signs in as an agent; your own flagged drafts are shown in the ReplyCoach task pane in Outlook.");
      return;
    }
    if (!me.team) {
      showAlert("Your account has no team, so there is no team's audit trail to show. Ask your administrator to assign you to a team.");
      return;
    }

    $("app").hidden = false;
    restoreFilters();
    $("filters").addEventListener("submit", (e) => {
      e.preventDefault();
      refresh();
    });
    $("reset").addEventListener("click", () => {
      $("filters").reset();
      window.history.replaceState(null, "", "#");
      restoreFilters();
      refresh();
    });
    $("export").addEventListener("click", exportCsv);
    $("more").addEventListener("click", () => loadList(true).catch((e) => showAlert(e.message)));
    $("mark-reviewed").addEventListener("click", markReviewed);
    $("mark-fp").addEventListener("click", toggleFalsePositive);
    try {
      await loadAgents();
    } catch (e) {
      showAlert(e.message);
    }
    restoreFilters();
    await refresh();
    document.body.dataset.ready = "true";
  }

  document.addEventListener("DOMContentLoaded", start);
})();
