// The drafting page: autosave (after a pause, on leaving a field, before the page
// goes), one save in flight per section, the save state in words, word counts, the
// Markdown preview and the "who else is editing" heartbeat. What is typed is also kept
// in the tab's own storage until the server has it, so that a reload or a lost
// connection never empties the box. Without this file every form still works with its
// Save button.
(function () {
  "use strict";

  var PAUSE_MS = 2000;
  var HEARTBEAT_MS = 15000;
  var FIRST_RETRY_MS = 2000;
  var MAX_RETRY_MS = 30000;

  function valuesOf(form) {
    var stance = form.querySelector("input[name=stance]:checked");
    return {
      text: form.querySelector("textarea[name=text]").value,
      stance: stance ? stance.value : "",
    };
  }

  function sameValues(a, b) {
    return a.text === b.text && a.stance === b.stance;
  }

  function wordCount(text) {
    var words = text.trim().split(/\s+/);
    return text.trim() === "" ? 0 : words.length;
  }

  // Typed but not yet stored on the server: kept in this tab (it survives a reload)
  // with the revision it grew from, and put back when the page comes again.
  function keptKey(form) {
    return "nnpcf-unsaved-" + form.action;
  }

  function keep(form, base) {
    try {
      var values = valuesOf(form);
      values.base = base;
      sessionStorage.setItem(keptKey(form), JSON.stringify(values));
    } catch (error) { /* storage full or refused: the autosave still runs */ }
  }

  function forget(form) {
    try {
      sessionStorage.removeItem(keptKey(form));
    } catch (error) { /* nothing kept */ }
  }

  function kept(form) {
    try {
      return JSON.parse(sessionStorage.getItem(keptKey(form)) || "null");
    } catch (error) {
      return null;
    }
  }

  // Where an editor stands with the server: one of these, in `editor.state` and on the
  // form as data-save-state. moveTo() is the only way from one to another, and it
  // alone writes the save status (STATUS) and the alert.
  //   unchanged        as the page came: the box holds the revision it was opened with
  //   unsaved          changed since the server last had it; a save goes after a pause
  //                    or on leaving the field
  //   saving           a save is on its way
  //   saving-more      a save is on its way and the box changed (or a save was asked
  //                    for) since it left: what is in the box goes when it is back
  //   waiting-to-post  a save is on its way and another of the page's actions ("Use
  //                    this") posts the text as soon as it is back, naming its revision
  //   saved            the server has what is in the box
  //   retrying         the last save did not reach the server or failed there: it goes
  //                    again after a wait that doubles each time
  //   refused          the server refused the last save; the alert says why, and the
  //                    same text is not sent again
  //   posting          another of the page's actions is posting the text: no save may
  //                    race it
  //   clash            the last save clashed: the resolution screen replaced this editor
  var SAVING = ["saving", "saving-more", "waiting-to-post"];  // a save is on its way
  var FINISHED = ["posting", "clash"];  // this editor sends nothing more

  function isIn(states, state) {
    return states.indexOf(state) >= 0;
  }

  // What the status says on entering each state; null keeps the words it had, which
  // still hold ("Not saved: retrying", the note on words put back). Only "Saved at"
  // stops being true as soon as the box changes.
  var STATUS = {
    unchanged: function () { return ""; },
    unsaved: function (detail, from) {
      return detail.words || (from === "saved" ? "Changes not saved yet" : null);
    },
    saving: function () { return "Saving…"; },
    "saving-more": function () { return null; },
    "waiting-to-post": function () { return null; },
    saved: function (detail) { return detail.words; },
    retrying: function (detail) { return "Not saved: retrying (" + detail.reason + ")"; },
    refused: function () { return ""; },  // the alert says it
    posting: function () { return null; },
    clash: function () { return null; },
  };

  function Editor(form, root) {
    this.form = form;
    this.textarea = form.querySelector("textarea[name=text]");
    this.base = form.querySelector("input[name=base_revision_id]");
    this.status = form.querySelector(".save-status");
    this.error = form.querySelector(".save-error");
    this.words = form.querySelector(".word-count");
    this.maxWords = parseInt(root.getAttribute("data-max-words"), 10) || 20000;
    this.saved = valuesOf(form);  // what the server has, as far as this page knows
    this.sent = null;             // what the save on its way carries
    this.timer = null;            // the pause after typing, or the wait before a retry
    this.retryMs = FIRST_RETRY_MS;
    this.post = null;             // the button to post with, while waiting-to-post
    this.state = null;
    this.moveTo("unchanged");
    this.bind();
    this.restore();
  }

  Editor.prototype.moveTo = function (state, detail) {
    var from = this.state;
    var words = STATUS[state](detail || {}, from);
    this.state = state;
    this.form.setAttribute("data-save-state", state);
    if (words !== null) {
      this.status.textContent = words;
    }
    // A refused save is an error to act on: it goes to the alert, not the quiet
    // status, and stays there until a save goes through.
    if (state === "refused") {
      this.error.textContent = "Not saved: " + detail.reason;
    } else if (state === "saved") {
      this.error.textContent = "";
    }
  };

  // Words typed before the page last went, which the server never got (a reload just
  // after typing, or no connection): back in the box, saved from the revision they
  // grew from, so that the server merges them with whatever was saved since.
  Editor.prototype.restore = function () {
    var words = kept(this.form);
    if (!words || sameValues(words, this.saved)) {
      forget(this.form);
      return;
    }
    this.textarea.value = words.text;
    var radio = this.form.querySelector("input[name=stance][value='" + words.stance + "']");
    if (radio) {
      radio.checked = true;
    }
    this.base.value = words.base || "";
    this.saved = { text: null, stance: null };  // what is in the box is not saved
    this.countWords();
    this.moveTo("unsaved", { words: "Put back what you typed before the page reloaded: not saved yet." });
    this.later();
  };

  Editor.prototype.dirty = function () {
    return !sameValues(valuesOf(this.form), this.saved);
  };

  Editor.prototype.countWords = function () {
    var n = wordCount(this.textarea.value);
    var over = n > this.maxWords ? ": over the limit of " + this.maxWords.toLocaleString("en-GB") : "";
    this.words.textContent = n.toLocaleString("en-GB") + (n === 1 ? " word" : " words") + over;
  };

  // The box changed (typed, or a position chosen): saved after a pause, or once the
  // save on its way is back.
  Editor.prototype.changed = function () {
    if (this.state === "saving") {
      this.moveTo("saving-more");
    } else if (!isIn(SAVING, this.state) && !isIn(FINISHED, this.state)) {
      this.moveTo("unsaved");
      this.later();
    }
  };

  Editor.prototype.later = function () {
    var self = this;
    clearTimeout(this.timer);
    this.timer = setTimeout(function () { self.saveNow(); }, PAUSE_MS);
  };

  // Whatever asks for a save calls this: the pause after typing, leaving a field, the
  // Save button, the retry timer; anything else that should save at once (the
  // connection coming back) can call it too. One save in flight per section: asked
  // for meanwhile, the next goes when it is back.
  Editor.prototype.saveNow = function () {
    clearTimeout(this.timer);
    if (this.state === "saving") {
      this.moveTo("saving-more");
    } else if (!isIn(SAVING, this.state) && !isIn(FINISHED, this.state) && this.dirty()) {
      this.send();
    }
  };

  // The one way a save leaves the page, with the form's own fields (its CSRF token
  // included). `leaving`: the page is going, so the browser's beacon carries it, as a
  // plain post of the form whose answer nobody reads; the server stores it like any
  // other save. Not htmx: it would send a form's request to the formaction of the
  // submit button last focused ("Assemble a starting draft", "Use this"), so a save
  // due while one had focus ran that action instead.
  Editor.prototype.send = function (options) {
    var fields = new FormData(this.form);
    if (options && options.leaving) {
      navigator.sendBeacon(this.form.action, fields);
      return;
    }
    var self = this;
    this.sent = valuesOf(this.form);
    this.moveTo("saving");
    fetch(this.form.action, {
      method: "POST",
      body: new URLSearchParams(fields),
      // How the server knows the page's script: it answers with data, not a page.
      headers: { "HX-Request": "true" },
      credentials: "same-origin",
    })
      .then(function (reply) {
        return reply.text().then(function (body) { return { status: reply.status, body: body }; });
      })
      .catch(function () { return { status: 0, body: "" }; })
      .then(function (answer) { self.answered(answer.status, answer.body); });
  };

  Editor.prototype.answered = function (status, body) {
    var thenPost = this.state === "waiting-to-post";
    var data = null;
    try {
      data = JSON.parse(body);
    } catch (error) {
      data = null;
    }
    if (status === 200 && data && data.status) {
      this.retryMs = FIRST_RETRY_MS;
      if (data.status === "conflict") {
        this.clashed(data);
        return;
      }
      this.applied(data);
    } else if (status >= 400 && status < 500) {
      // Refused: retrying the same text would be refused again.
      this.saved = this.sent;
      var reason = data && data.error ? data.error : "this section cannot be saved here (" + status + ")";
      this.moveTo("refused", { reason: reason });
    } else if (!thenPost) {
      this.retry(status ? "the server had a problem" : "no connection");
      return;
    }
    if (thenPost && this.form.isConnected) {
      // The post carries the text and the revision the save made, if it made one.
      this.moveTo("posting");
      forget(this.form);
      this.form.requestSubmit(this.post);
    } else if (this.dirty()) {
      this.send();
    }
  };

  Editor.prototype.retry = function (reason) {
    var self = this;
    this.moveTo("retrying", { reason: reason });
    clearTimeout(this.timer);
    this.timer = setTimeout(function () { self.saveNow(); }, this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
  };

  Editor.prototype.applied = function (data) {
    var now = valuesOf(this.form);
    if (sameValues(now, this.sent)) {
      // The page now shows the latest revision: merged text included.
      if (data.status === "merged") {
        this.textarea.value = data.text;
        var radio = this.form.querySelector("input[name=stance][value='" + data.stance + "']");
        if (radio) {
          radio.checked = true;
        }
        this.countWords();
      }
      this.base.value = data.revision;
      this.saved = valuesOf(this.form);
      forget(this.form);
    } else {
      // Typed on while saving: what is in the field grew from the user's own text.
      this.base.value = data.own_revision;
      this.saved = this.sent;
    }
    var words = "Saved at " + data.saved_at;
    this.moveTo("saved", { words: data.notice ? words + ". " + data.notice : words });
  };

  // The resolution screen replaces this editor; what was typed while the save was on
  // its way stays in its "combine" box.
  Editor.prototype.clashed = function (data) {
    var now = valuesOf(this.form);
    clearTimeout(this.timer);
    this.moveTo("clash");
    editors.splice(editors.indexOf(this), 1);
    var slot = this.form.closest(".section-slot");
    slot.innerHTML = data.html;
    htmx.process(slot);
    var combined = slot.querySelector("form.section-editor");
    if (this.form.id) {
      combined.id = this.form.id;  // buttons elsewhere on the page name it
    }
    combined.querySelector("textarea[name=text]").value = now.text;
    setUp(combined, document.getElementById("drafting"));
    var heading = slot.querySelector("[tabindex=\"-1\"]");
    if (heading) {
      heading.focus();
    }
  };

  // Before the page goes, whatever the server does not have yet leaves with it.
  Editor.prototype.leave = function () {
    if (!isIn(FINISHED, this.state) && this.dirty()) {
      this.send({ leaving: true });
    }
  };

  Editor.prototype.bind = function () {
    var self = this;
    this.form.addEventListener("input", function () {
      self.countWords();
      keep(self.form, self.base.value);
      self.changed();
    });
    this.form.addEventListener("change", function () { self.saveNow(); });
    this.form.addEventListener("focusout", function () { self.saveNow(); });
    this.form.addEventListener("focusin", function () { beat(self.form.getAttribute("data-section")); });
    this.form.addEventListener("submit", function (event) {
      if (event.submitter && event.submitter.hasAttribute("formaction")) {
        // Another of the page's actions (the statement's "Use this") posts the
        // editor's text and base itself and the page comes back with the result:
        // no autosave or leaving beacon must race it. A save already on its way
        // is waited for, so that the post names the revision it made.
        clearTimeout(self.timer);
        if (isIn(SAVING, self.state)) {
          event.preventDefault();
          self.post = event.submitter;
          self.moveTo("waiting-to-post");
          return;
        }
        self.moveTo("posting");
        forget(self.form);  // the words go with this post
        return;
      }
      event.preventDefault();
      self.saveNow();
    });
    var toggle = this.form.querySelector(".preview-toggle");
    var preview = this.form.querySelector(".section-preview");
    toggle.hidden = false;
    toggle.setAttribute("aria-pressed", "false");
    // A refused preview (over the word limit) carries the message to show in its place.
    toggle.addEventListener("htmx:beforeSwap", function (event) {
      if (event.detail.xhr.status === 422) {
        event.detail.shouldSwap = true;
        event.detail.isError = false;
      }
    });
    toggle.addEventListener("click", function () {
      var showing = toggle.getAttribute("aria-pressed") === "true";
      if (!showing) {
        htmx.trigger(toggle, "preview");
      }
      preview.hidden = showing;
      self.textarea.hidden = !showing;
      toggle.setAttribute("aria-pressed", showing ? "false" : "true");
      toggle.textContent = showing ? "Preview" : "Back to editing";
    });
    // Escape leaves the preview, back in the text where the writer was.
    this.form.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-pressed") === "true") {
        toggle.click();
        self.textarea.focus();
      }
    });
  };

  var editors = [];
  var activeSection = "";

  function setUp(form, root) {
    if (form && !form.getAttribute("data-ready")) {
      form.setAttribute("data-ready", "true");
      editors.push(new Editor(form, root));
    }
  }

  function saveOnLeaving() {
    editors.forEach(function (editor) { editor.leave(); });
  }

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function beat(section) {
    var root = document.getElementById("drafting");
    var url = root && root.getAttribute("data-presence-url");
    if (section !== undefined) {
      activeSection = section;
    }
    if (!url || document.hidden) {
      return;
    }
    var body = new FormData();
    body.append("section", activeSection);
    fetch(url, {
      method: "POST",
      body: body,
      headers: { "X-CSRFToken": csrfToken() },
      credentials: "same-origin",
    })
      .then(function (reply) { return reply.ok ? reply.json() : null; })
      .then(function (data) {
        if (!data) {
          return;
        }
        document.querySelectorAll(".presence[data-section]").forEach(function (line) {
          var names = data.editors[line.getAttribute("data-section")] || [];
          var words = names.length ? "Also editing now: " + names.join(", ") : "";
          if (line.textContent !== words) {
            line.textContent = words;
          }
        });
      })
      .catch(function () { /* the next beat tries again */ });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var root = document.getElementById("drafting");
    if (!root) {
      return;
    }
    root.querySelectorAll("form.section-editor").forEach(function (form) { setUp(form, root); });
    window.addEventListener("beforeunload", saveOnLeaving);
    if (root.getAttribute("data-presence-url")) {
      beat();
      setInterval(beat, HEARTBEAT_MS);
    }
  });
})();
