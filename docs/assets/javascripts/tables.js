/*
 * On a phone (site.css, ≤ 600 px) every table of the page reads as cards, one per row; this names
 * each cell after its column (data-label, shown before the cell's text), so a card says which
 * figure is the value, the period or the note. Without JavaScript the cards still show every
 * cell, unnamed. Runs after every `navigation.instant` page switch (material's `document$`).
 */
(function () {
  "use strict";

  function label(table) {
    var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.children, function (cell, i) {
        if (heads[i] && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", heads[i]);
      });
    });
  }

  // a folded table is labelled when it is opened (boot.js)
  window.zr.ready(function () {
    document.querySelectorAll(".md-typeset table:not([class])").forEach(function (table) {
      window.zr.shown(table, label);
    });
  });
})();
