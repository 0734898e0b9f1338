// The side panel's chat: send the question, show the streamed answer, load the draft.
// Plain JavaScript, no inline handlers (the CSP allows scripts from /static only).
// The turn streams from the API itself (POST /api/customers/{id}/turns with
// Accept: text/event-stream); when its result arrives, the server-rendered draft is
// fetched with htmx into #drafts. Text goes into the page with textContent only.
(function () {
  "use strict";

  function csrf() {
    return document.body.dataset.csrf || "";
  }

  function say(progress, text, alert) {
    var item = document.createElement("li");
    item.textContent = text;
    if (alert) {
      item.className = "error";
      item.setAttribute("role", "alert");
    }
    progress.appendChild(item);
  }

  // Split a server-sent event stream into {event, data} records.
  function records(buffer) {
    var found = [];
    var parts = buffer.split("\n\n");
    var rest = parts.pop();
    parts.forEach(function (block) {
      var record = { event: "message", data: "" };
      block.split("\n").forEach(function (line) {
        if (line.indexOf("event:") === 0) record.event = line.slice(6).trim();
        else if (line.indexOf("data:") === 0) record.data += line.slice(5).replace(/^ /, "");
      });
      if (record.data) found.push(record);
    });
    return { found: found, rest: rest };
  }

  function handle(record, ui) {
    var event = JSON.parse(record.data);
    if (event.event === "node") {
      say(ui.progress, ui.labels[event.node] || event.node.replace(/_/g, " "));
    } else if (event.event === "draft_token") {
      ui.stream.hidden = false;
      ui.stream.textContent += event.text;
    } else if (event.event === "draft_reset") {
      ui.stream.textContent = "";
    } else if (event.event === "notice") {
      say(ui.progress, event.text);
    } else if (event.event === "error") {
      say(ui.progress, event.message, true);
    } else if (event.event === "result") {
      var id = event.result.approval_id;
      ui.stream.hidden = true;
      ui.stream.textContent = "";
      if (id) {
        say(ui.progress, "The draft is ready below: check it, then approve or reject it.");
        window.htmx.ajax("GET", "/panel/turns/" + encodeURIComponent(id), {
          target: "#drafts",
          swap: "afterbegin",
        });
      }
    }
  }

  async function ask(form, ui) {
    var message = form.elements.message.value.trim();
    if (!message) {
      form.elements.message.focus();
      return;
    }
    var body = { message: message };
    if (form.elements.channel.value) body.channel = form.elements.channel.value;
    if (form.elements.contact && form.elements.contact.value) {
      body.contact_id = form.elements.contact.value;
    }
    ui.progress.textContent = "";
    ui.button.disabled = true;
    say(ui.progress, "Sent your request to the copilot");
    try {
      var answer = await fetch(form.dataset.url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Accept: "text/event-stream",
          "X-CSRF-Token": csrf(),
        },
        body: JSON.stringify(body),
        credentials: "same-origin",
      });
      if (!answer.ok) {
        var problem = await answer.json().catch(function () { return {}; });
        say(ui.progress, problem.message || "The copilot could not answer (" + answer.status + ").", true);
        return;
      }
      var reader = answer.body.getReader();
      var decoder = new TextDecoder();
      var buffer = "";
      for (;;) {
        var chunk = await reader.read();
        if (chunk.done) break;
        buffer += decoder.decode(chunk.value, { stream: true }).replace(/\r\n/g, "\n");
        var parsed = records(buffer);
        buffer = parsed.rest;
        parsed.found.forEach(function (record) { handle(record, ui); });
      }
      form.elements.message.value = "";
    } catch (error) {
      say(ui.progress, "The connection to the copilot broke off; please try again.", true);
    } finally {
      ui.button.disabled = false;
    }
  }

  function setUpChat() {
    var form = document.getElementById("ask");
    if (!form) return;
    var progress = document.getElementById("progress");
    var ui = {
      progress: progress,
      stream: document.getElementById("stream"),
      button: form.querySelector("button[type=submit]"),
      labels: JSON.parse(progress.dataset.labels || "{}"),
    };
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      ask(form, ui);
    });
    form.elements.message.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
  }

  // A citation marker in a draft opens (and scrolls to) its passage.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.cite");
    if (!link) return;
    var passage = document.getElementById(link.getAttribute("href").slice(1));
    if (passage && passage.tagName === "DETAILS") passage.open = true;
  });

  // Characters left in a rating comment.
  document.addEventListener("input", function (event) {
    var field = event.target;
    if (!field.matches || !field.matches("textarea[data-counter]")) return;
    var counter = document.getElementById(field.dataset.counter);
    if (counter) counter.textContent = field.maxLength - field.value.length + " characters left";
  });

  // A new draft arrives: move focus to its heading so keyboard users land on it.
  document.addEventListener("htmx:afterSwap", function (event) {
    var heading = event.detail.target.querySelector("[data-focus]");
    if (heading) heading.focus();
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUpChat);
  else setUpChat();
})();
