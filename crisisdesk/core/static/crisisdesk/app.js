// Keyboard shortcuts for console work: "/" focuses search, j/k move through table rows,
// Enter opens the selected row. Nothing here is needed for the pages to work.
(function () {
  "use strict";
  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }
  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll("table.data tbody tr"))
      .filter(function (row) { return row.querySelector("a"); });
  }
  var selected = -1;
  function select(index) {
    var list = rows();
    if (!list.length) { return; }
    selected = Math.max(0, Math.min(list.length - 1, index));
    list.forEach(function (row, i) { row.classList.toggle("is-selected", i === selected); });
    list[selected].querySelector("a").focus();
  }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
    if (event.key === "/") {
      var search = document.querySelector("[role=search] input[type=text], [role=search] input[type=search]");
      if (search) { event.preventDefault(); search.focus(); search.select(); }
    } else if (event.key === "j") {
      select(selected + 1);
    } else if (event.key === "k") {
      select(selected - 1);
    }
  });
  document.addEventListener("htmx:afterSwap", function () { selected = -1; tick(); });

  // Live ages on the queue board ("4m 05s"), counted here so the server is not asked.
  function age(seconds) {
    if (seconds < 60) { return seconds + "s"; }
    var minutes = Math.floor(seconds / 60);
    if (minutes < 60) { return minutes + "m " + String(seconds % 60).padStart(2, "0") + "s"; }
    var hours = Math.floor(minutes / 60);
    if (hours < 48) { return hours + "h " + String(minutes % 60).padStart(2, "0") + "m"; }
    return Math.floor(hours / 24) + "d";
  }
  function tick() {
    var now = Math.floor(Date.now() / 1000);
    document.querySelectorAll("time.age[data-since]").forEach(function (element) {
      element.textContent = age(Math.max(0, now - Number(element.dataset.since)));
    });
  }
  tick();
  setInterval(tick, 1000);
}());
