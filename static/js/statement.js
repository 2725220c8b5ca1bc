// The national drafting workspace, on top of the shared editor (drafting.js):
// "Use this" inserts at the cursor. Without this script the paragraph goes at the
// end of the text, which also works.
(function () {
  "use strict";
  var form = document.getElementById("forum-editor-form");
  var text = form && form.querySelector("textarea[name=text]");
  if (!text) {
    return;
  }
  var cursor = document.createElement("input");
  cursor.type = "hidden";
  cursor.name = "cursor";
  form.appendChild(cursor);
  function remember() {
    cursor.value = String(text.selectionStart);
  }
  ["focus", "click", "keyup", "select", "input"].forEach(function (name) {
    text.addEventListener(name, remember);
  });
  // Back from "Use this": put the caret just after the inserted paragraph.
  var root = document.getElementById("drafting");
  var caret = parseInt((root && root.getAttribute("data-caret")) || "", 10);
  function backToCaret() {
    text.focus();
    text.setSelectionRange(caret, caret);
    remember();
  }
  if (!isNaN(caret)) {
    backToCaret();
    // The browser moves focus to the page's #forum-editor target once loaded.
    window.addEventListener("load", function () { setTimeout(backToCaret, 0); });
  }
})();
