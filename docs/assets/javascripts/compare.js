/*
 * Regions side by side (the comparisons page, generator/pages/grid.py).
 *
 * The page works without this script: a plain table of every region and, for a site of a few
 * regions, the whole metric × region grid. The script adds to the regions table a checkbox per row
 * and filters (area, province, level, name), and draws the grid of the two to four regions picked,
 * from compare/regions.json, compare/metrics.json and one compare/cells/<region>.json each. The
 * choice is kept in the address (?regions=a,b) so a reader can share it.
 *
 * Text from the data only ever enters the page as textContent or a link's href (which the
 * generator made): never as HTML. Ids (from the data, and from the address, which anyone can write)
 * are looked up in Maps or with own(), never as a plain object's keys: `?regions=__proto__,toString`
 * would find Object.prototype's members there.
 */
(function () {
  "use strict";

  var cells = new Map(); // region id → its cells (fetched once)

  // the object's own value for `key` (a metric id from the data), never one it inherits
  function own(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
  }

  // the words with `slot` replaced by `value` as it is: a string replacement would read "$&", "$`"
  // in a metric's label as patterns
  function fill(words, slot, value) {
    return words.replace(slot, function () { return value; });
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function json(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.json();
    });
  }

  // the regions the address names that are regions (`known`), each once, in the address's order
  function chosen(known) {
    var value = new URLSearchParams(window.location.search).get("regions") || "";
    return value.split(",").filter(function (id, i, ids) { return known.has(id) && ids.indexOf(id) === i; });
  }

  function remember(ids) {
    var url = new URL(window.location.href);
    if (ids.length) url.searchParams.set("regions", ids.join(","));
    else url.searchParams.delete("regions");
    window.history.replaceState(window.history.state, "", url.toString());
  }

  // "{n} more {n|measure|measures}": the count, and the word of its number (English plurals)
  function counted(words, n) {
    return fill(words, "{n}", String(n)).replace(/\{n\|([^|}]*)\|([^}]*)\}/g, function (all, one, many) {
      return n === 1 ? one : many;
    });
  }

  // one table of `rows` ({row, values}) for the picked regions, as grid.py's _table
  function table(rows, known, picked, labels) {
    var table = el("table", { "class": "zr-grid-table" });
    var head = el("tr");
    head.appendChild(el("th", { scope: "col" }, labels.metric));
    picked.forEach(function (id) {
      var region = known.get(id);
      var th = el("th", { scope: "col" });
      var a = el("a", { href: region.href }, region.name);
      th.appendChild(a);
      head.appendChild(th);
    });
    var thead = el("thead");
    thead.appendChild(head);
    table.appendChild(thead);
    var body = el("tbody");
    var group = "";
    rows.forEach(function (item) {
      var row = item.row, values = item.values, reported = item.reported;
      if (row.group !== group) {
        group = row.group;
        var heading = el("tr", { "class": "zr-group" });
        heading.appendChild(el("th", { colspan: String(picked.length + 1), scope: "colgroup" }, group));
        body.appendChild(heading);
      }
      var tr = el("tr", { "data-metric": row.id });
      var th = el("th", { scope: "row" });
      th.appendChild(el("a", { href: row.href }, row.label));
      if (row.apart.length) {
        th.appendChild(document.createTextNode(" "));
        th.appendChild(el("abbr", { "class": "zr-apart", title: fill(labels.apart, "{metrics}", row.apart.join("、")) }, "≠"));
      }
      if (row.comparable && reported >= 2) { // figures of one measure: not one industry's each, not magnitudes
        th.appendChild(document.createTextNode(" "));
        th.appendChild(el("small", { "class": "zr-shared" }, fill(labels.shared, "{n}", String(reported))));
      }
      tr.appendChild(th);
      values.forEach(function (value) {
        var td = el("td", value ? {} : { "class": "zr-none" }, value ? undefined : "—");
        if (value) {
          td.appendChild(el("a", { href: value.href }, value.value));
          td.appendChild(el("br"));
          td.appendChild(el("small", {}, value.period));
          if (value.about) {
            td.appendChild(el("br"));
            td.appendChild(el("small", {}, value.about));
          }
        }
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    table.appendChild(body);
    return table;
  }

  // the picked regions' grid, as grid.py's html_table: the measures two or more of them report,
  // then the ones only one of them reports in a disclosure (open when they share none: then those
  // are all there is to see); a measure none of them reports is left out
  function grid(metrics, known, picked, labels) {
    var columns = picked.map(function (id) { return cells.get(id) || {}; });
    var shared = [], rest = [];
    metrics.forEach(function (row) {
      var values = columns.map(function (column) { return own(column, row.id); });
      var reported = values.filter(Boolean).length;
      if (reported) (reported >= 2 ? shared : rest).push({ row: row, values: values, reported: reported });
    });
    var out = document.createDocumentFragment();
    out.appendChild(el("p", { "class": "zr-grid-lead" }, shared.length ? counted(labels.shared_rows, shared.length) : labels.grid_none_shared));
    if (shared.length) out.appendChild(table(shared, known, picked, labels));
    if (rest.length) {
      var more = el("details", { "class": "zr-grid-more" });
      if (!shared.length) more.open = true;
      more.appendChild(el("summary", {}, counted(labels.more, rest.length)));
      more.appendChild(table(rest, known, picked, labels));
      out.appendChild(more);
    }
    return out;
  }

  function filters(table, regions, labels, onChange) {
    var bar = el("div", { "class": "zr-filters" });
    var selects = {};
    ["area", "province", "level"].forEach(function (key) {
      var label = el("label", {}, labels["grid_" + key] + " ");
      var select = el("select", { "data-filter": key });
      select.appendChild(el("option", { value: "" }, labels.grid_all));
      var seen = new Set(); // (a province may be called "constructor" in some edition)
      regions.forEach(function (r) {
        if (r[key] && !seen.has(r[key])) {
          seen.add(r[key]);
          select.appendChild(el("option", { value: r[key] }, r[key]));
        }
      });
      label.appendChild(select);
      bar.appendChild(label);
      selects[key] = select;
      select.addEventListener("change", onChange);
    });
    var find = el("input", { type: "search", placeholder: labels.grid_find, "aria-label": labels.grid_find });
    find.addEventListener("input", onChange);
    bar.appendChild(find);
    table.parentNode.insertBefore(bar, table);
    return function visible(region) {
      return ["area", "province", "level"].every(function (key) {
        return !selects[key].value || region[key] === selects[key].value;
      }) && (!find.value || region.name.indexOf(find.value.trim()) >= 0 || region.id.indexOf(find.value.trim()) >= 0);
    };
  }

  function init() {
    var root = document.querySelector(".zr-grid");
    var table = document.querySelector("table.zr-regions");
    if (!root || !table || root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "1");
    // the picker where a reader looks for it: above the grid it changes, not after it (on a phone
    // the grid is thousands of pixels long); with its heading, when it has one
    var heading = table.previousElementSibling;
    if (heading && /^H[2-4]$/.test(heading.tagName)) root.before(heading);
    root.before(table);
    var labels = JSON.parse(root.getAttribute("data-labels"));
    var max = Number(root.getAttribute("data-max"));
    var view = root.querySelector(".zr-grid-view");
    var original = view.innerHTML; // the page's own grid (all regions) or its "pick" line
    var base = root.getAttribute("data-cells");
    Promise.all([json(root.getAttribute("data-regions")), json(root.getAttribute("data-metrics"))]).then(function (loaded) {
      var regions = loaded[0], metrics = loaded[1];
      var known = new Map(regions.map(function (r) { return [r.id, r]; }));
      var picked = chosen(known).slice(0, max);
      var boxes = new Map(); // region id → its checkbox
      var drawn = false; // the view shows a grid drawn here, not the page's own

      function draw() {
        remember(picked);
        boxes.forEach(function (box, id) {
          box.checked = picked.indexOf(id) >= 0;
          box.disabled = !box.checked && picked.length >= max;
        });
        if (picked.length < 2) {
          // the page's own again (the generator's HTML, not data); at load it is still there: parsing
          // it anew would lay out the page's largest table twice while a phone is busiest
          if (drawn) view.innerHTML = original;
          drawn = false;
          return;
        }
        Promise.all(picked.map(function (id) {
          return cells.has(id) ? cells.get(id) : json(base + id + ".json").then(function (c) { cells.set(id, c); return c; });
        })).then(function () {
          view.textContent = "";
          view.appendChild(grid(metrics, known, picked, labels));
          if (window.zr.tips) window.zr.tips(view); // its ≠ marks open by a tap too (tables.js)
          drawn = true;
        }).catch(function (err) { console.error("the grid cannot be drawn", err); });
      }

      var visible = filters(table, regions, labels, function () {
        table.querySelectorAll("tbody tr").forEach(function (tr) {
          var region = known.get(tr.getAttribute("data-region"));
          tr.hidden = !region || !visible(region);
        });
      });
      var pickHead = el("th", { scope: "col" }, labels.grid_pick_short);
      table.querySelector("thead tr").insertBefore(pickHead, table.querySelector("thead th"));
      table.querySelectorAll("tbody tr").forEach(function (tr) {
        var id = tr.getAttribute("data-region");
        var region = known.get(id);
        if (!region) { // a row regions.json does not list (a page older than it): no box, not an error
          tr.insertBefore(el("td"), tr.firstChild);
          return;
        }
        var box = el("input", { type: "checkbox", "aria-label": region.name });
        box.addEventListener("change", function () {
          picked = box.checked ? picked.concat([id]).slice(0, max) : picked.filter(function (p) { return p !== id; });
          draw();
        });
        boxes.set(id, box);
        var td = el("td");
        td.appendChild(box);
        tr.insertBefore(td, tr.firstChild);
      });
      draw();
    }).catch(function (err) { console.error("the regions cannot be listed", err); });
  }

  window.zr.ready(init);
})();
