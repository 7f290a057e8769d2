// The guided screening's keys. Every key presses a button or follows a link that is on the
// page anyway, so the panel works the same without this file (forms with buttons).
//   1-9  answer the question shown          a  accept the recommendation
//   b    change the last answer             o  go to the override
//   Esc  back to the next question          d, c, s  start (or continue) a screening
(function () {
  "use strict";
  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }
  function panel() { return document.querySelector("[data-screening-panel]"); }
  function press(element) {
    if (!element) { return false; }
    element.click();
    return true;
  }

  // A key pressed while an answer is on its way applies to the panel that answer brings
  // back, not to the question already answered: keys wait here until the swap.
  var busy = false;
  var waiting = [];

  function handle(key, root) {
    if (/^[1-9]$/.test(key)) {
      return press(root.querySelector("[data-screening-question] button[data-key='" + key + "']"));
    }
    if (key === "a") { return press(root.querySelector("[data-screening-accept]")); }
    if (key === "o") {
      var select = root.querySelector("[data-screening-override]");
      if (select) { select.focus(); }
      return Boolean(select);
    }
    if (key === "b") {
      var changes = root.querySelectorAll("[data-screening-change]");
      return press(changes.length ? changes[changes.length - 1] : null);
    }
    if (key === "Escape") {
      return press(root.querySelector("[data-screening-back]"));
    }
    return press(root.querySelector("[data-screening-start='" + key + "']"));
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (typing(event.target)) {
      if (event.key === "Escape") { event.target.blur(); }
      return;
    }
    var root = panel();
    if (!root) { return; }
    if (busy) {
      if (/^([1-9]|[abocds]|Escape)$/.test(event.key)) {
        event.preventDefault();
        waiting.push(event.key);
      }
      return;
    }
    if (handle(event.key, root)) { event.preventDefault(); }
  });

  function inPanel(event) {
    var target = event.detail && event.detail.elt;
    return Boolean(target && target.closest && target.closest("[data-screening-panel]"));
  }
  document.addEventListener("htmx:beforeRequest", function (event) {
    if (inPanel(event)) { busy = true; }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    // A failed request swaps nothing: let the next key act on the panel as it is.
    if (inPanel(event) && !event.detail.successful) { busy = false; waiting = []; }
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    // Other parts of the page (the polled timeline) settle too; only the panel's swap counts.
    var root = event.target;
    if (!busy || !(root.matches && root.matches("[data-screening-panel]"))) { return; }
    busy = false;
    // The new question (or the decision) gets the focus, so screen readers read it out.
    var focus = root.querySelector("[data-screening-focus]") || root.querySelector("[data-screening-accept]");
    if (focus) { focus.focus({ preventScroll: false }); }
    var key = waiting.shift();
    if (key !== undefined) { handle(key, root); }
  });
}());
