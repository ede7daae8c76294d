// A test double of Office.js for the ReplyCoach task pane in Outlook compose mode, injected before the page's
// scripts. window.__mail holds the draft body and records what the pane did to it.
(function () {
  "use strict";
  var seed = window.__officeSeed || {};
  var mail = window.__mail = {
    body: "",
    setCalls: 0,
    delay: null,
    delayCalls: 0,
    mailbox113: true
  };
  function later(fn) { setTimeout(fn, 5); }
  function ok(value) { return { status: "succeeded", value: value }; }
  window.Office = {
    CoercionType: { Html: "html", Text: "text" },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    onReady: function (callback) {
      var info = { host: "Outlook", platform: "OfficeOnline" };
      if (callback) { later(function () { callback(info); }); }
      return Promise.resolve(info);
    },
    context: {
      requirements: {
        isSetSupported: function (name, version) {
          if (name !== "Mailbox") { return false; }
          return version !== "1.13" || mail.mailbox113;
        }
      },
      mailbox: {
        item: {
          conversationId: "AAQkAGI2TG93AAA=",
          body: {
            getTypeAsync: function (options, callback) {
              callback = typeof options === "function" ? options : callback;
              later(function () { callback(ok("html")); });
            },
            getAsync: function (coercionType, options, callback) {
              callback = typeof options === "function" ? options : callback;
              var value = mail.body;
              later(function () { callback(ok(value)); });
            },
            setAsync: function (data, options, callback) {
              callback = typeof options === "function" ? options : callback;
              mail.body = data;
              mail.setCalls++;
              later(function () { callback && callback(ok(undefined)); });
            }
          },
          delayDeliveryTime: {
            getAsync: function (callback) { later(function () { callback(ok(mail.delay ? new Date(mail.delay) : 0)); }); },
            setAsync: function (when, options, callback) {
              callback = typeof options === "function" ? options : callback;
              mail.delay = when.toISOString();
              mail.delayCalls++;
              later(function () { callback && callback(ok(undefined)); });
            }
          }
        }
      }
    }
  };
})();
