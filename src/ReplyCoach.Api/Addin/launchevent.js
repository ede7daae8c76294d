/*
 * ReplyCoach on-send handler (Outlook Smart Alerts, OnMessageSend with SendMode="PromptUser").
 *
 * One plain script: classic Outlook on Windows runs it in a JavaScript-only runtime with no DOM, no modules and
 * possibly no AbortController; Outlook on the web and new Outlook load it from launchevent.html. It asks the
 * ReplyCoach service whether the reply reads as hostile and either lets the mail go or shows the Smart Alert
 * with "Review in ReplyCoach" opening the task pane. It never blocks mail: any error, any non-200 answer or no
 * answer within the client time limit lets the mail go (fail open).
 */

/* The service stamps its origin here when it serves this file; empty means "the page's own origin". */
var REPLYCOACH_ORIGIN = "";
/* Outlook says "taking longer than expected" after 5 s; the service answers within its own 1.5 s budget. */
var REPLYCOACH_CLIENT_TIME_LIMIT_MS = 4000;
/* The id of the task pane button in the manifests (msgComposeOpenPaneButton / "openTaskPane"). */
var REPLYCOACH_TASKPANE_COMMAND = "msgComposeOpenPaneButton";

function replyCoachOrigin() {
  if (REPLYCOACH_ORIGIN) {
    return REPLYCOACH_ORIGIN;
  }
  try {
    if (typeof location !== "undefined" && location.origin && location.origin !== "null") {
      return location.origin;
    }
  } catch (e) {
    /* no location in the JavaScript-only runtime */
  }
  return "";
}

/* Calls back with an Entra ID token for the service, or null (development mode, or SSO not available). */
function replyCoachGetToken(callback) {
  var answered = false;
  function answer(token) {
    if (!answered) {
      answered = true;
      callback(token);
    }
  }
  try {
    if (typeof OfficeRuntime !== "undefined" && OfficeRuntime.auth && OfficeRuntime.auth.getAccessToken) {
      OfficeRuntime.auth.getAccessToken({ allowSignInPrompt: false, allowConsentPrompt: false, forMSGraphAccess: false })
        .then(function (token) { answer(token); }, function () { answer(null); });
      return;
    }
  } catch (e) {
    /* fall through: no SSO here */
  }
  answer(null);
}

/* POSTs JSON; calls back (status, parsedBodyOrNull). Uses fetch when present, else XMLHttpRequest. */
function replyCoachPost(url, payload, token, timeLimitMs, callback) {
  var finished = false;
  function finish(status, data) {
    if (!finished) {
      finished = true;
      callback(status, data);
    }
  }
  var headers = { "Content-Type": "application/json" };
  if (token) {
    headers.Authorization = "Bearer " + token;
  }
  var body = JSON.stringify(payload);
  var controller = null;
  try {
    if (typeof AbortController !== "undefined") {
      controller = new AbortController();
    }
  } catch (e) {
    controller = null;
  }
  /* The timer is the time limit whether or not the request can be aborted. */
  setTimeout(function () {
    if (controller) {
      try { controller.abort(); } catch (e) { /* ignore */ }
    }
    finish(0, null);
  }, timeLimitMs);

  if (typeof fetch === "function") {
    var init = { method: "POST", headers: headers, body: body };
    if (controller) {
      init.signal = controller.signal;
    }
    fetch(url, init).then(function (response) {
      if (response.status !== 200) {
        finish(response.status, null);
        return null;
      }
      return response.json().then(function (data) { finish(200, data); });
    }).then(null, function () { finish(0, null); });
    return;
  }

  if (typeof XMLHttpRequest !== "undefined") {
    var xhr = new XMLHttpRequest();
    xhr.open("POST", url, true);
    xhr.timeout = timeLimitMs;
    for (var name in headers) {
      if (Object.prototype.hasOwnProperty.call(headers, name)) {
        xhr.setRequestHeader(name, headers[name]);
      }
    }
    xhr.onload = function () {
      var data = null;
      try { data = xhr.status === 200 ? JSON.parse(xhr.responseText) : null; } catch (e) { data = null; }
      finish(data ? 200 : (xhr.status || 0), data);
    };
    xhr.onerror = function () { finish(0, null); };
    xhr.ontimeout = function () { finish(0, null); };
    xhr.send(body);
    return;
  }
  finish(0, null);
}

function onMessageSendHandler(event) {
  var completed = false;
  function complete(options) {
    if (completed) {
      return;
    }
    completed = true;
    try {
      event.completed(options);
    } catch (e) {
      /* nothing more we can do; Outlook lets the user send */
    }
  }
  function allow() {
    complete({ allowEvent: true });
  }

  /* A last guard in case anything below neither answers nor throws. */
  setTimeout(allow, REPLYCOACH_CLIENT_TIME_LIMIT_MS + 300);

  try {
    var item = Office.context.mailbox.item;
    item.body.getAsync(Office.CoercionType.Html, function (result) {
      try {
        if (completed) {
          return;
        }
        if (!result || result.status !== Office.AsyncResultStatus.Succeeded || typeof result.value !== "string") {
          allow();
          return;
        }
        var payload = { draft: result.value, format: "html", conversationId: item.conversationId || null };
        replyCoachGetToken(function (token) {
          replyCoachPost(replyCoachOrigin() + "/api/v1/send-check", payload, token, REPLYCOACH_CLIENT_TIME_LIMIT_MS, function (status, data) {
            if (status !== 200 || !data || data.action !== "prompt" || !data.message) {
              allow();
              return;
            }
            var options = {
              allowEvent: false,
              errorMessage: String(data.message).substring(0, 500),
              cancelLabel: "Review in ReplyCoach",
              commandId: REPLYCOACH_TASKPANE_COMMAND,
              contextData: JSON.stringify({ source: "send-check", suggestedDelayMinutes: data.suggestedDelayMinutes || null })
            };
            if (data.messageMarkdown) {
              options.errorMessageMarkdown = String(data.messageMarkdown).substring(0, 500);
            }
            complete(options);
          });
        });
      } catch (e) {
        allow();
      }
    });
  } catch (e) {
    allow();
  }
}

Office.actions.associate("onMessageSendHandler", onMessageSendHandler);
