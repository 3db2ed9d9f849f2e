/*
 * Completes the "report a problem" links (⚑) of a region page (generator/context.py: report_link).
 * The page carries only the issue form and the fact's id, because there is one link on every row;
 * this adds the fields a maintainer wants next: the file and line (`data-line`; a region's file is
 * data/regions/<region id>.yml, see generator/load.py) and the value and period as the reader saw
 * them. Without JavaScript the form still opens with the fact's id.
 */
(function () {
  "use strict";

  function complete(link) {
    var url = new URL(link.href);
    var id = url.searchParams.get("fact-id");
    if (!id || url.searchParams.has("file")) return;
    url.searchParams.set("file", "data/regions/" + id.split("/")[0] + ".yml:" + link.getAttribute("data-line"));
    // the value is the cited link just before the flag; the period (or deadline) is the next cell
    var value = link.previousElementSibling ? link.previousElementSibling.textContent : "";
    var cell = link.closest("td");
    var next = cell && cell.nextElementSibling ? cell.nextElementSibling.textContent : "";
    url.searchParams.set("current-value", (value + " " + next).trim());
    link.href = url.toString();
  }

  function completeAll() {
    document.querySelectorAll("a.report[data-line]").forEach(complete);
  }

  // material's document$ fires on the first load and after every instant-navigation page switch
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(completeAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", completeAll);
  } else {
    completeAll();
  }
})();
