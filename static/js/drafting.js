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

  function Editor(form, root) {
    this.form = form;
    this.textarea = form.querySelector("textarea[name=text]");
    this.base = form.querySelector("input[name=base_revision_id]");
    this.status = form.querySelector(".save-status");
    this.error = form.querySelector(".save-error");
    this.words = form.querySelector(".word-count");
    this.maxWords = parseInt(root.getAttribute("data-max-words"), 10) || 20000;
    this.saved = valuesOf(form);
    this.sent = null;
    this.inFlight = false;
    this.again = false;
    this.timer = null;
    this.retryMs = 2000;
    this.refused = false;
    this.leaving = false;
    this.pending = null;
    this.showsSaved = false;  // the status says "Saved at …" for what is in the box
    this.bind();
    this.restore();
  }

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
    this.say("Put back what you typed before the page reloaded: not saved yet.");
    this.later();
  };

  Editor.prototype.dirty = function () {
    return !sameValues(valuesOf(this.form), this.saved);
  };

  Editor.prototype.say = function (words) {
    this.status.textContent = words;
    this.showsSaved = false;
  };

  // A refused save is an error to act on: it goes to the alert, not the quiet status.
  Editor.prototype.warn = function (words) {
    this.error.textContent = words;
  };

  Editor.prototype.countWords = function () {
    var n = wordCount(this.textarea.value);
    var over = n > this.maxWords ? ": over the limit of " + this.maxWords.toLocaleString("en-GB") : "";
    this.words.textContent = n.toLocaleString("en-GB") + (n === 1 ? " word" : " words") + over;
  };

  Editor.prototype.later = function () {
    var self = this;
    clearTimeout(this.timer);
    this.timer = setTimeout(function () { self.save(); }, PAUSE_MS);
  };

  // One save in flight per section: a change made meanwhile is saved right after.
  Editor.prototype.save = function () {
    clearTimeout(this.timer);
    if (this.leaving) {
      return;
    }
    if (this.inFlight) {
      this.again = true;
      return;
    }
    if (!this.dirty()) {
      return;
    }
    this.inFlight = true;
    this.sent = valuesOf(this.form);
    this.say("Saving…");
    htmx.trigger(this.form, "autosave");
  };

  Editor.prototype.done = function (xhr) {
    this.inFlight = false;
    var data = null;
    try {
      data = JSON.parse(xhr.responseText);
    } catch (error) {
      data = null;
    }
    if (xhr.status === 200 && data && data.status) {
      this.retryMs = 2000;
      this.refused = false;
      this.applied(data);
    } else if (xhr.status >= 400 && xhr.status < 500) {
      // Refused: retrying the same text would be refused again.
      this.refused = true;
      var reason = data && data.error ? data.error : "this section cannot be saved here (" + xhr.status + ")";
      this.say("");
      this.warn("Not saved: " + reason);
      this.saved = this.sent;
    } else if (!this.pending) {
      this.retry(xhr.status ? "the server had a problem" : "no connection");
      return;
    }
    if (this.pending && this.form.isConnected) {
      var button = this.pending;
      this.pending = null;
      this.again = false;
      this.form.requestSubmit(button);
      return;
    }
    if (this.again) {
      this.again = false;
      this.save();
    }
  };

  Editor.prototype.retry = function (reason) {
    var self = this;
    this.say("Not saved: retrying (" + reason + ")");
    clearTimeout(this.timer);
    this.timer = setTimeout(function () { self.save(); }, this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
  };

  Editor.prototype.applied = function (data) {
    var now = valuesOf(this.form);
    var untouched = sameValues(now, this.sent);
    if (data.status === "conflict") {
      // The resolution screen replaces this editor; what was typed while the save
      // was on its way stays in its "combine" box.
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
      return;
    }
    if (untouched) {
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
      this.again = true;
    }
    this.warn("");
    var words = "Saved at " + data.saved_at;
    this.say(data.notice ? words + ". " + data.notice : words);
    this.showsSaved = true;
  };

  Editor.prototype.bind = function () {
    var self = this;
    this.form.addEventListener("input", function () {
      self.countWords();
      keep(self.form, self.base.value);
      if (self.showsSaved) {
        self.say("Changes not saved yet");
      }
      self.later();
    });
    this.form.addEventListener("change", function () { self.save(); });
    this.form.addEventListener("focusout", function () { self.save(); });
    this.form.addEventListener("focusin", function () { beat(self.form.getAttribute("data-section")); });
    this.form.addEventListener("submit", function (event) {
      if (event.submitter && event.submitter.hasAttribute("formaction")) {
        // Another of the page's actions (the statement's "Use this") posts the
        // editor's text and base itself and the page comes back with the result:
        // no autosave or leaving beacon must race it. A save already on its way
        // is waited for, so that the post names the revision it made.
        clearTimeout(self.timer);
        if (self.inFlight) {
          event.preventDefault();
          self.pending = event.submitter;
          return;
        }
        self.leaving = true;
        forget(self.form);  // the words go with this post
        return;
      }
      event.preventDefault();
      self.save();
    });
    this.form.addEventListener("htmx:afterRequest", function (event) {
      if (event.target === self.form) {
        self.done(event.detail.xhr);
      }
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

  // Before the page goes, whatever is unsaved leaves with the browser's own beacon
  // (the form carries its CSRF token); the server stores it like any other save.
  function saveOnLeaving() {
    editors.forEach(function (editor) {
      if (editor.dirty() && !editor.refused && !editor.leaving) {
        navigator.sendBeacon(editor.form.action, new FormData(editor.form));
      }
    });
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
