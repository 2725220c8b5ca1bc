// The national drafting workspace: "Use this" inserts at the cursor.
// Without this script the paragraph goes at the end of the text, which also works.
(function () {
  "use strict";
  var form = document.getElementById("national-editor-form");
  if (!form) {
    return;
  }
  var text = form.querySelector("textarea[name=text]");
  var cursor = form.querySelector("input[name=cursor]");
  if (!text || !cursor) {
    return;
  }
  function remember() {
    cursor.value = String(text.selectionStart);
  }
  ["focus", "click", "keyup", "select", "input"].forEach(function (name) {
    text.addEventListener(name, remember);
  });
  // Back from "Use this": put the caret just after the inserted paragraph.
  var caret = parseInt(text.dataset.caret || "", 10);
  if (!isNaN(caret)) {
    text.focus();
    text.setSelectionRange(caret, caret);
    remember();
  }
})();
