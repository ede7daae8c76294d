/*
 * ReplyCoach task pane (Outlook compose). Plain script, no build step.
 * Reads the draft through Office.js, asks the service for an assessment, shows the level, the per-category
 * scores, the flagged words with their reasons, suggestion cards with "Apply", "Apply all" / "Use rewrite", and
 * the cooling-off advice with "Send later". Office has no change event for the body in compose mode, so the pane
 * polls the body and assesses after the agent stops typing for a moment.
 */
(function () {
  "use strict";

  var POLL_MS = 1000;
  var DEBOUNCE_MS = 700;
  var CATEGORY_LABELS = {
    hostility: "Hostility", blame: "Blame", generalization: "Generalising", threat: "Threat",
    condescension: "Condescension", dismissiveness: "Dismissiveness", profanity: "Profanity"
  };
  var LEVEL_TEXT = {
    ok: "Reads fine.",
    caution: "Some words may read as harsh. See the suggestions below.",
    hold: "This reply is likely to read as hostile. Consider the suggestions, or take a moment before sending."
  };

  var state = {
    item: null,
    coercion: "html",
    lastSeen: null,       // the body as last read
    assessedBody: null,   // the body the current assessment is about
    assessment: null,
    debounce: null,
    inFlight: false,
    pending: false,
    lastLevel: null
  };

  function $(id) { return document.getElementById(id); }

  function announce(text) {
    var status = $("status");
    status.textContent = "";
    // A fresh text node each time makes screen readers repeat identical messages.
    window.setTimeout(function () { status.textContent = text; }, 30);
  }

  function showAlert(text) {
    var alert = $("alert");
    alert.textContent = text || "";
    alert.hidden = !text;
  }

  function percent(value) { return Math.round(value * 100) + "%"; }

  // --- Office.js ---------------------------------------------------------------------------------

  function getBody(callback) {
    state.item.body.getAsync(state.coercion, function (result) {
      if (result.status === Office.AsyncResultStatus.Succeeded) {
        callback(null, result.value);
      } else {
        callback(result.error || new Error("The draft could not be read."), null);
      }
    });
  }

  function setBody(text, callback) {
    state.item.body.setAsync(text, { coercionType: state.coercion }, function (result) {
      callback(result.status === Office.AsyncResultStatus.Succeeded ? null : (result.error || new Error("The draft could not be changed.")));
    });
  }

  function getToken() {
    try {
      if (window.Office && Office.auth && Office.auth.getAccessToken) {
        return Office.auth.getAccessToken({ allowSignInPrompt: true, allowConsentPrompt: true }).then(null, function () { return null; });
      }
    } catch (e) {
      /* no SSO: development mode */
    }
    return Promise.resolve(null);
  }

  // --- the service -------------------------------------------------------------------------------

  function post(path, payload) {
    return getToken().then(function (token) {
      var headers = { "Content-Type": "application/json" };
      if (token) { headers.Authorization = "Bearer " + token; }
      return fetch(path, { method: "POST", headers: headers, body: JSON.stringify(payload) });
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) {
          var message = (data && (data.detail || data.title)) || ("The service answered " + response.status + ".");
          throw new Error(message);
        }
        return data;
      });
    });
  }

  // --- polling and assessing ---------------------------------------------------------------------

  function poll() {
    getBody(function (error, body) {
      if (error) { return; }
      if (body !== state.lastSeen) {
        state.lastSeen = body;
        window.clearTimeout(state.debounce);
        state.debounce = window.setTimeout(assess, DEBOUNCE_MS);
      }
    });
  }

  function assessNow() {
    window.clearTimeout(state.debounce);
    getBody(function (error, body) {
      if (error) { showAlert(error.message); return; }
      state.lastSeen = body;
      assess();
    });
  }

  function assess() {
    if (state.inFlight) { state.pending = true; return; }
    var body = state.lastSeen;
    if (body === null) { return; }
    state.inFlight = true;
    post("api/v1/assess", { draft: body, format: state.coercion === "html" ? "html" : "text", conversationId: state.item.conversationId || null })
      .then(function (assessment) {
        state.assessedBody = body;
        state.assessment = assessment;
        showAlert("");
        render(assessment);
      }, function (error) {
        showAlert("ReplyCoach could not check this draft: " + error.message);
      })
      .then(function () {
        state.inFlight = false;
        if (state.pending) { state.pending = false; assess(); }
      });
  }

  // --- rendering ---------------------------------------------------------------------------------

  function render(a) {
    var summary = $("summary");
    if (a.status === "empty") {
      summary.textContent = "Write your reply; ReplyCoach reads it as you type.";
      summary.setAttribute("data-level", "none");
      hideSections();
      return;
    }
    if (a.status === "unsupported_language") {
      summary.textContent = "ReplyCoach reads English replies only.";
      summary.setAttribute("data-level", "none");
      hideSections();
      return;
    }
    summary.textContent = LEVEL_TEXT[a.level] || "";
    summary.setAttribute("data-level", a.level);
    var level = $("level");
    level.textContent = a.level.toUpperCase();
    level.setAttribute("data-level", a.level);
    $("risk").textContent = "(risk " + percent(a.risk) + ")";
    if (state.lastLevel !== a.level || a.spans.length > 0) {
      announce(a.spans.length === 0
        ? "ReplyCoach: " + LEVEL_TEXT[a.level]
        : "ReplyCoach: " + a.spans.length + " flagged " + (a.spans.length === 1 ? "phrase" : "phrases") + ". " + LEVEL_TEXT[a.level]);
    }
    state.lastLevel = a.level;
    renderScores(a.categories);
    renderFindings(a);
    renderSuggestions(a);
    renderCoolingOff(a.coolingOff);
  }

  function hideSections() {
    ["scores-section", "findings", "suggestions-section", "cooling-section"].forEach(function (id) { $(id).hidden = true; });
    state.lastLevel = null;
  }

  function renderScores(categories) {
    var list = $("scores");
    list.textContent = "";
    Object.keys(CATEGORY_LABELS).forEach(function (key) {
      var value = categories[key] || 0;
      var li = document.createElement("li");
      var label = document.createElement("span");
      label.id = "score-label-" + key;
      label.textContent = CATEGORY_LABELS[key];
      var meter = document.createElement("meter");
      meter.min = 0; meter.max = 1; meter.low = 0.5; meter.high = 0.8; meter.optimum = 0;
      meter.value = value;
      meter.setAttribute("aria-labelledby", label.id);
      meter.setAttribute("data-category", key);
      var number = document.createElement("span");
      number.textContent = percent(value);
      li.appendChild(label); li.appendChild(meter); li.appendChild(number);
      list.appendChild(li);
    });
    $("scores-section").hidden = false;
  }

  function renderFindings(a) {
    var draft = $("draft");
    var reasons = $("reasons");
    draft.textContent = "";
    reasons.textContent = "";
    var text = a.text;
    var at = 0;
    a.spans.forEach(function (span, index) {
      var n = index + 1;
      var reason = document.createElement("li");
      reason.id = "reason-" + n;
      var category = document.createElement("span");
      category.className = "category";
      category.textContent = (CATEGORY_LABELS[span.category] || span.category) + ": ";
      var quote = document.createElement("q");
      quote.textContent = span.text;
      reason.appendChild(category);
      reason.appendChild(quote);
      reason.appendChild(document.createTextNode(" " + span.reason));
      reasons.appendChild(reason);
      if (span.start < at) { return; } // overlaps an earlier highlight: listed, not highlighted twice
      draft.appendChild(document.createTextNode(text.substring(at, span.start)));
      var mark = document.createElement("mark");
      mark.setAttribute("aria-describedby", reason.id);
      mark.setAttribute("data-category", span.category);
      mark.title = span.reason;
      mark.textContent = text.substring(span.start, span.start + span.length);
      var sup = document.createElement("sup");
      sup.textContent = String(n);
      sup.setAttribute("aria-hidden", "true");
      mark.appendChild(sup);
      draft.appendChild(mark);
      at = span.start + span.length;
    });
    draft.appendChild(document.createTextNode(text.substring(at)));
    $("findings").hidden = a.spans.length === 0;
  }

  function renderSuggestions(a) {
    var list = $("suggestions");
    list.textContent = "";
    var suggestions = a.suggestions || [];
    suggestions.forEach(function (s, index) {
      var li = document.createElement("li");
      li.setAttribute("data-suggestion", s.id);
      var heading = document.createElement("h3");
      heading.id = "suggestion-" + index;
      heading.textContent = (CATEGORY_LABELS[s.category] || s.category) + ": \u201c" + s.flagged + "\u201d";
      var reason = document.createElement("p");
      reason.className = "hint";
      reason.textContent = s.reason + ". Suggested: " + s.rationale + ".";
      var change = document.createElement("p");
      var ins = document.createElement("ins");
      ins.textContent = s.sentenceAfter || "(remove the sentence)";
      change.appendChild(ins);
      var apply = document.createElement("button");
      apply.type = "button";
      apply.className = "apply";
      apply.textContent = "Apply";
      apply.setAttribute("aria-describedby", heading.id);
      apply.setAttribute("aria-label", "Apply: " + (s.sentenceAfter ? "change the sentence to \u201c" + s.sentenceAfter + "\u201d" : "remove the sentence"));
      apply.addEventListener("click", function () { applyEdits(s.edits, "Applied the suggestion."); });
      li.appendChild(heading); li.appendChild(reason); li.appendChild(change); li.appendChild(apply);
      list.appendChild(li);
    });
    var rewrite = a.rewrite && a.rewrite.changed ? a.rewrite : null;
    $("apply-all").hidden = firstPerSpan(suggestions).length < 2;
    $("use-rewrite").hidden = !rewrite;
    $("rewrite").hidden = !rewrite;
    $("rewrite-text").textContent = rewrite ? rewrite.text : "";
    $("suggestions-section").hidden = suggestions.length === 0 && !rewrite;
  }

  // The best suggestion of each flagged span (suggestions come best first).
  function firstPerSpan(suggestions) {
    var seen = {};
    return suggestions.filter(function (s) {
      if (seen[s.spanIndex]) { return false; }
      seen[s.spanIndex] = true;
      return true;
    });
  }

  function renderCoolingOff(advice) {
    var section = $("cooling-section");
    if (!advice) { section.hidden = true; return; }
    $("cooling-advice").textContent = advice.advice;
    var button = $("send-later");
    button.textContent = "Send later (in " + advice.minutes + " minutes)";
    button.setAttribute("data-minutes", String(advice.minutes));
    var supported = canDelay();
    button.disabled = !supported;
    $("send-later-note").textContent = supported
      ? "Outlook keeps the mail in your Outbox until then; you can still change or cancel it."
      : "This version of Outlook cannot delay delivery from an add-in; use Delay Delivery in the message options.";
    section.hidden = false;
  }

  // --- editing the draft -------------------------------------------------------------------------

  // Applies edits to the body the assessment was made on. Edits name a range of the body as it was assessed and
  // its new content (already HTML-encoded for an HTML body). If the agent changed the draft meanwhile, nothing is
  // replaced and the pane checks again.
  function applyEdits(edits, done) {
    getBody(function (error, current) {
      if (error) { showAlert(error.message); return; }
      if (current !== state.assessedBody) {
        announce("The draft changed since it was checked; checking again.");
        assessNow();
        return;
      }
      var sorted = edits.slice().sort(function (x, y) { return y.originalStart - x.originalStart || y.originalLength - x.originalLength; });
      var previousStart = Infinity;
      var body = current;
      sorted.forEach(function (e) {
        if (e.originalStart + e.originalLength > previousStart) { return; } // overlaps an edit already applied
        body = body.substring(0, e.originalStart) + e.originalReplacement + body.substring(e.originalStart + e.originalLength);
        previousStart = e.originalStart;
      });
      setBody(body, function (setError) {
        if (setError) { showAlert(setError.message); return; }
        announce(done);
        assessNow();
      });
    });
  }

  function useRewrite() {
    var r = state.assessment && state.assessment.rewrite;
    if (!r || !r.changed) { return; }
    applyEdits(r.edits, "Replaced the flagged sentences with the suggested rewrite.");
  }

  function applyAll() {
    var a = state.assessment;
    if (!a || !a.suggestions || a.suggestions.length === 0) { return; }
    // Whole suggestions only: one whose edits touch a range another chosen suggestion edits is left out, so no
    // sentence is half-changed.
    var chosen = [];
    var edits = [];
    firstPerSpan(a.suggestions).forEach(function (s) {
      var clashes = s.edits.some(function (e) {
        return edits.some(function (o) {
          return e.originalStart <= o.originalStart + o.originalLength && o.originalStart <= e.originalStart + e.originalLength;
        });
      });
      if (!clashes) {
        chosen.push(s);
        edits = edits.concat(s.edits);
      }
    });
    var left = a.suggestions.length && firstPerSpan(a.suggestions).length - chosen.length;
    applyEdits(edits, "Applied " + chosen.length + " suggestions." + (left > 0 ? " Checking again for the rest." : ""));
  }

  // --- send later --------------------------------------------------------------------------------

  function canDelay() {
    try {
      return !!(state.item && state.item.delayDeliveryTime && state.item.delayDeliveryTime.setAsync &&
        Office.context.requirements.isSetSupported("Mailbox", "1.13"));
    } catch (e) {
      return false;
    }
  }

  function sendLater() {
    var minutes = parseInt($("send-later").getAttribute("data-minutes"), 10) || 10;
    var when = new Date(Date.now() + minutes * 60000);
    state.item.delayDeliveryTime.setAsync(when, function (result) {
      if (result.status === Office.AsyncResultStatus.Succeeded) {
        var time = when.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
        $("send-later-note").textContent = "Delivery is set for " + time + ". Select Send; Outlook holds the mail until then.";
        announce("Delivery delayed until " + time + ".");
      } else {
        showAlert("Outlook did not accept the delay: " + ((result.error && result.error.message) || "unknown error"));
      }
    });
  }

  // --- start -------------------------------------------------------------------------------------

  function start() {
    state.item = Office.context.mailbox.item;
    $("apply-all").addEventListener("click", applyAll);
    $("use-rewrite").addEventListener("click", useRewrite);
    $("send-later").addEventListener("click", sendLater);
    var begin = function () {
      assessNow();
      window.setInterval(poll, POLL_MS);
    };
    if (state.item.body.getTypeAsync) {
      state.item.body.getTypeAsync(function (result) {
        if (result.status === Office.AsyncResultStatus.Succeeded && result.value === Office.CoercionType.Text) {
          state.coercion = Office.CoercionType.Text;
        } else {
          state.coercion = Office.CoercionType.Html;
        }
        begin();
      });
    } else {
      state.coercion = Office.CoercionType.Html;
      begin();
    }
  }

  Office.onReady(function () {
    if (!Office.context || !Office.context.mailbox || !Office.context.mailbox.item) {
      $("summary").textContent = "Open ReplyCoach while writing a reply in Outlook.";
      return;
    }
    start();
  });
})();
