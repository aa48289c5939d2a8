// The script only toggles classes and `hidden`; it never reads or writes document text.
(function () {
  "use strict";
  var findings = Array.prototype.slice.call(document.querySelectorAll("li.finding"));
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.fig"));
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-filter-severity]"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("section.group"));
  var ruleSelect = document.getElementById("filter-rule");
  var shown = document.getElementById("shown-count");
  var back = document.getElementById("back-link");
  var from = null;

  function ids(el, name) { var v = el.getAttribute(name); return v ? v.split(" ") : []; }

  function applyFilters() {
    var on = {}, rule = ruleSelect ? ruleSelect.value : "", visible = {}, count = 0;
    boxes.forEach(function (box) { on[box.value] = box.checked; });
    findings.forEach(function (li) {
      var show = on[li.dataset.severity] !== false && (!rule || li.dataset.rule === rule);
      li.hidden = !show;
      if (show) { visible[li.id] = true; count++; }
    });
    groups.forEach(function (g) { g.hidden = !g.querySelector("li.finding:not([hidden])"); });
    marks.forEach(function (m) {
      m.classList.toggle("dim", !ids(m, "data-finding").some(function (id) { return visible[id]; }));
    });
    if (shown) shown.textContent = count;
  }

  function makeCurrent(selector, el) {
    Array.prototype.forEach.call(document.querySelectorAll(selector + ".current"), function (old) {
      if (old !== el) old.classList.remove("current");
    });
    if (el) el.classList.add("current");
  }

  function showTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id ? document.getElementById(id) : null;
    if (!el) return;
    if (el.matches("mark.fig")) {
      var involved = ids(el, "data-finding");
      var finding = involved.indexOf(from) >= 0 ? from : (ids(el, "data-primary")[0] || involved[0]);
      makeCurrent("mark.fig", el);
      makeCurrent("li.finding", document.getElementById(finding));
      back.href = "#" + finding;
      back.textContent = "↩ 返回第 " + finding.slice(2) + " 条";
      back.hidden = false;
    } else if (el.matches("li.finding")) {
      makeCurrent("li.finding", el);
    }
    el.scrollIntoView({block: el.matches("mark.fig, li.finding") ? "center" : "start"});
  }

  function go(hash) {
    if (location.hash === hash) showTarget(); else location.hash = hash;
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    var mark = target.closest("mark.fig");
    if (mark) {
      var involved = ids(mark, "data-finding");
      var current = document.querySelector("li.finding.current");
      var at = current ? involved.indexOf(current.id) : -1;
      event.preventDefault();
      go("#" + involved[(at + 1) % involved.length]);
      return;
    }
    var li = target.closest("li.finding");
    var link = target.closest("a[href^='#']");
    if (li) from = li.id;
    if (link) {
      event.preventDefault();
      go(link.getAttribute("href"));
      return;
    }
    if (!li || target.closest("details, summary") || String(window.getSelection())) return;
    var primary = li.querySelector("a.loc");
    if (primary) go(primary.getAttribute("href"));
  });
  window.addEventListener("hashchange", showTarget);
  boxes.forEach(function (box) { box.addEventListener("change", applyFilters); });
  if (ruleSelect) ruleSelect.addEventListener("change", applyFilters);
  applyFilters();
  if (location.hash) showTarget();
})();
