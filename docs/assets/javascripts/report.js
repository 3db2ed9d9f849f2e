/*
 * "Report a problem" links (⚑) on every fact and target row of a region page.
 *
 * The page carries one complete link, `a.report-base`: the issue form with the region filled in
 * (generator/pages/base.py: report_base). Each row that has a report link marks its anchor with the
 * record's line, `<span id="fact-ID" data-line="N">`; this script adds a ⚑ after the row's cited
 * value, linking to the form prefilled with the fact's id, its file and line (a region's file is
 * data/regions/<region id>.yml, see generator/load.py) and the value and period as shown.
 * A full link on each row was ~210 bytes, 10 KB of a 40-fact page; without JavaScript the page's
 * own link still opens the form.
 */
(function () {
  "use strict";

  function addLink(base, anchor) {
    var row = anchor.closest("tr");
    var value = row && row.querySelector("a[href*='#q-']"); // the cited value: first quote link
    if (!value || row.querySelector("a.report")) return;
    var url = new URL(base.href);
    var region = (url.searchParams.get("fact-id") || "").replace(/\/$/, "");
    url.searchParams.set("fact-id", region + "/" + anchor.id.replace(/^(fact|target)-/, ""));
    url.searchParams.set("file", "data/regions/" + region + ".yml:" + anchor.getAttribute("data-line"));
    var cell = value.closest("td");
    var next = cell && cell.nextElementSibling ? cell.nextElementSibling.textContent : ""; // period or deadline
    url.searchParams.set("current-value", (value.textContent + " " + next).trim());
    var link = document.createElement("a");
    link.className = "report";
    link.href = url.toString();
    link.title = base.title;
    link.textContent = "⚑";
    value.after(" ", link);
  }

  function addAll() {
    var base = document.querySelector("a.report-base");
    if (!base) return;
    document.querySelectorAll("span[data-line]").forEach(function (anchor) {
      window.zr.shown(anchor, function () { addLink(base, anchor); }); // a folded row: when opened
    });
  }

  window.zr.ready(addAll);
})();
