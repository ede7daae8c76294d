// Runs ReplyCoach's launchevent.js the way classic Outlook on Windows does: in a JavaScript-only context with
// no DOM (no window, no document, no location), only timers, fetch and a stub Office object.
// Usage: node run-launchevent.js SCRIPT BODY_FILE [--no-abort-controller] [--body-fails]
// Prints one JSON line: { associated, completed: <options passed to event.completed>, elapsedMs }.
"use strict";
const fs = require("node:fs");
const vm = require("node:vm");

const [scriptPath, bodyPath, ...flags] = process.argv.slice(2);
const source = fs.readFileSync(scriptPath, "utf8");
const body = fs.readFileSync(bodyPath, "utf8");
const started = Date.now();
const associated = {};

const Office = {
  CoercionType: { Html: "html", Text: "text" },
  AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
  actions: {
    associate(name, handler) { associated[name] = handler; }
  },
  context: {
    mailbox: {
      item: {
        conversationId: "AAQkAGI2TG93AAA=",
        body: {
          getAsync(coercionType, optionsOrCallback, maybeCallback) {
            const callback = typeof optionsOrCallback === "function" ? optionsOrCallback : maybeCallback;
            setTimeout(() => {
              if (flags.includes("--body-fails")) {
                callback({ status: "failed", error: { code: 9002, message: "Internal error" } });
              } else {
                callback({ status: "succeeded", value: coercionType === "html" ? body : body.replace(/<[^>]*>/g, "") });
              }
            }, 5);
          }
        }
      }
    }
  }
};

const sandbox = {
  Office,
  setTimeout, clearTimeout,
  fetch: globalThis.fetch,
  console,
  JSON
};
if (!flags.includes("--no-abort-controller")) {
  sandbox.AbortController = AbortController;
}
vm.createContext(sandbox);
vm.runInContext(source, sandbox, { filename: "launchevent.js" });

const handler = associated.onMessageSendHandler;
if (typeof handler !== "function") {
  console.log(JSON.stringify({ associated: Object.keys(associated), completed: null, elapsedMs: Date.now() - started }));
  process.exit(0);
}

let calls = 0;
const event = {
  completed(options) {
    calls++;
    const result = { associated: Object.keys(associated), completed: options, calls, elapsedMs: Date.now() - started };
    // Wait a little to catch a second call to completed() (there must be only one).
    setTimeout(() => {
      result.calls = calls;
      console.log(JSON.stringify(result));
      process.exit(0);
    }, 400);
  }
};
handler(event);
setTimeout(() => {
  console.log(JSON.stringify({ associated: Object.keys(associated), completed: null, elapsedMs: Date.now() - started }));
  process.exit(0);
}, 9000);
