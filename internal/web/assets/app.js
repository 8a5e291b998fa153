// Drag and drop onto the upload form, a live check after each change of
// the case form, and build progress over Server-Sent Events. Everything
// else works without JavaScript (plain forms).
"use strict";
document.documentElement.classList.add("js");
document.addEventListener("DOMContentLoaded", function () {
  var drop = document.getElementById("upform");
  if (drop) {
    drop.addEventListener("dragover", function (e) { e.preventDefault(); drop.classList.add("over"); });
    drop.addEventListener("dragleave", function () { drop.classList.remove("over"); });
    drop.addEventListener("drop", function (e) {
      e.preventDefault(); drop.classList.remove("over");
      var fd = new FormData();
      var pending = 0;
      function done() { if (pending === 0) { fetch(drop.action, { method: "POST", body: fd, credentials: "same-origin" }).then(function (r) { location.href = r.url; }); } }
      function walk(entry, prefix) {
        pending++;
        if (entry.isFile) {
          entry.file(function (f) { fd.append("files", f, prefix + f.name); pending--; done(); });
        } else {
          entry.createReader().readEntries(function (list) {
            list.forEach(function (c) { walk(c, prefix + entry.name + "/"); });
            pending--; done();
          });
        }
      }
      var items = e.dataTransfer.items;
      for (var i = 0; i < items.length; i++) {
        var en = items[i].webkitGetAsEntry && items[i].webkitGetAsEntry();
        if (en) { walk(en, ""); }
      }
    });
  }
  var form = document.getElementById("caseform");
  if (form) {
    // Save and check once the seller pauses: each change restarts the wait.
    var timer = null;
    var later = function () { clearTimeout(timer); timer = setTimeout(function () { form.requestSubmit(); }, 800); };
    form.addEventListener("change", later);
    form.addEventListener("input", function () { if (timer) { later(); } });
    // Saving reloads the page: it comes back where the seller was, in the
    // field they were typing in, not at the top of the form.
    form.addEventListener("submit", function () {
      clearTimeout(timer);
      var a = document.activeElement;
      try {
        sessionStorage.setItem(placeKey, JSON.stringify({ path: location.pathname, y: window.scrollY, field: a && a.form === form ? a.name : "" }));
      } catch (e) { /* no storage: the page opens at the form */ }
    });
    var place = savedPlace();
    if (place) {
      backToPlace(form, place);
      // The #form in the address moves the page and takes the focus while
      // it loads: back to the place once it has, unless the seller has
      // gone to another field meanwhile.
      window.addEventListener("load", function () {
        var a = document.activeElement;
        if (!a || a === document.body) { backToPlace(form, place); }
      });
    }
  }
  var job = document.getElementById("job");
  if (job && document.getElementById("running")) {
    var es = new EventSource(job.dataset.events);
    var bar = document.getElementById("progress");
    es.addEventListener("progress", function (e) { var d = JSON.parse(e.data); if (bar) { bar.max = d.total || 1; bar.value = d.done; } });
    es.addEventListener("done", function () { es.close(); location.reload(); });
  }
});

// placeKey names where the seller was when the case form was saved.
var placeKey = "appealpacket.place";

// savedPlace is where the seller was when the case form of this page was
// saved (and forgets it), or null.
function savedPlace() {
  var at = null;
  try {
    at = JSON.parse(sessionStorage.getItem(placeKey) || "null");
    sessionStorage.removeItem(placeKey);
  } catch (e) { return null; }
  if (!at || at.path !== location.pathname || typeof at.y !== "number") { return null; }
  return at;
}

// backToPlace scrolls back to the place and puts the cursor back at the end
// of the field the seller was in, keeping that field in view.
function backToPlace(form, at) {
  window.scrollTo(0, at.y);
  var el = at.field ? form.elements.namedItem(at.field) : null;
  if (el && el.focus) {
    el.focus({ preventScroll: true });
    // Findings shown or gone above it may have moved the field.
    var r = el.getBoundingClientRect();
    if (r.top < 0 || r.bottom > window.innerHeight) { el.scrollIntoView({ block: "center" }); }
    if (typeof el.value === "string" && el.setSelectionRange) {
      try { el.setSelectionRange(el.value.length, el.value.length); } catch (e) { /* not a text field */ }
    }
  }
}
