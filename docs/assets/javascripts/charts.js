/*
 * Draws every chart on the page: each `.vega-chart` carries a small chart, HTML-escaped, in
 * `data-chart` — its kind, title, height and data values (generator/charts.py). The structure of
 * each kind is served once for the whole site in the generated chart-kinds.js; `specOf` puts the
 * two together exactly as `charts.spec` does in Python.
 *
 * - The container holds the chart's static form (generator/static_charts.py): readers without
 *   JavaScript, and printers, see that. The interactive chart is drawn beside it, in a child of
 *   its own, when the chart comes near the viewport; only then is the 900 KB vega-bundle.js
 *   loaded (once), so a page whose charts are below the fold is quick on a phone.
 * - Rendered from material's `document$` observable, which fires on the first load and after
 *   every `navigation.instant` page switch (inline <script> blocks are not re-run then).
 * - Colours, fonts and label limits live here, not in the specs: one config per colour scheme,
 *   chosen from `data-md-color-scheme` on <body>; toggling the scheme re-renders the charts.
 * - Narrow screens get shorter axis labels; crossing the breakpoint re-renders.
 * - Each figure gets download buttons: the chart as SVG or PNG (with its title and source line)
 *   and its data as CSV.
 */
(function () {
  "use strict";

  var FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
  var NARROW = 480; // px of chart width below which labels get shorter

  // Every colour has at least 3:1 contrast against its scheme's background (text: 4.5:1).
  var SCHEMES = {
    light: {
      fg: "#333333", muted: "#5c5c5c", grid: "#e3e3e3", primary: "#3949ab",
      category: ["#3949ab", "#d81b60", "#00796b", "#e65100", "#7b1fa2", "#2e7d32", "#6d4c41", "#827717", "#0277bd", "#616161"],
      ordinal: ["#1a237e", "#3f51b5", "#7986cb"],
      tooltip: "light"
    },
    dark: {
      fg: "#e3e5ea", muted: "#aab0bd", grid: "#3a3f4b", primary: "#8c9eff",
      category: ["#9fa8da", "#f48fb1", "#80cbc4", "#ffcc80", "#ce93d8", "#a5d6a7", "#bcaaa4", "#e6ee9c", "#81d4fa", "#e0e0e0"],
      ordinal: ["#e8eaf6", "#9fa8da", "#7986cb"],
      tooltip: "dark"
    }
  };

  function schemeName() {
    return document.body.getAttribute("data-md-color-scheme") === "slate" ? "dark" : "light";
  }

  function config(scheme, narrow) {
    var c = SCHEMES[scheme];
    var labelLimit = narrow ? 96 : 200;
    return {
      font: FONT,
      background: null,
      padding: 4,
      view: { stroke: null },
      title: { color: c.fg, fontSize: 14, fontWeight: 600, anchor: "start", limit: 0, offset: 10 },
      axis: {
        labelColor: c.fg, titleColor: c.fg, labelFontSize: narrow ? 11 : 12, titleFontSize: 12,
        titleFontWeight: "normal", gridColor: c.grid, domainColor: c.muted, tickColor: c.muted
      },
      axisY: { labelLimit: labelLimit },
      axisX: { labelLimit: narrow ? 90 : 140 },
      // years stand upright on narrow screens, so every year keeps its label
      axisTemporal: narrow ? { labelAngle: -90, labelAlign: "right", labelBaseline: "middle", labelFontSize: 10 } : {},
      legend: { labelColor: c.fg, titleColor: c.fg, labelFontSize: 12, titleFontSize: 12, labelLimit: 220 },
      text: { color: c.fg, fontSize: 12 },
      bar: { color: c.primary },
      tick: { color: c.fg },
      point: { color: c.primary },
      square: { color: c.primary },
      range: { category: c.category, ordinal: c.ordinal }
    };
  }

  var views = []; // {el, view, narrow} of the charts currently drawn

  function isNarrow(el) {
    return (el.clientWidth || window.innerWidth) < NARROW;
  }

  // The kind's structure (a fresh copy) with the chart's parts: a part named in the kind's slots
  // goes to that path, any other is a top-level property, the rows become data.values objects.
  function specOf(chart) {
    var kind = window.ZONE_CHART_KINDS[chart.kind];
    if (!kind) throw new Error("unknown chart kind " + chart.kind);
    var spec = JSON.parse(JSON.stringify(kind.spec));
    Object.keys(chart).forEach(function (key) {
      if (key === "kind" || key === "data") return;
      var path = kind.slots[key];
      if (!path) {
        spec[key] = chart[key];
        return;
      }
      var node = spec;
      for (var i = 0; i < path.length - 1; i++) node = node[path[i]];
      node[path[path.length - 1]] = chart[key];
    });
    var fields = chart.data.fields;
    spec.data = {
      values: chart.data.rows.map(function (row) {
        var value = {};
        fields.forEach(function (field, i) { value[field] = row[i]; });
        return value;
      })
    };
    return spec;
  }

  function chartOf(el) {
    return JSON.parse(el.getAttribute("data-chart"));
  }

  // ---- the chart library, loaded once, when the first chart is near --------------------------

  var BUNDLE = (function () {
    var me = document.currentScript && document.currentScript.src;
    return me ? me.replace(/charts\.js(\?.*)?$/, "vega-bundle.js") : "";
  })();
  var library = null;

  function loadLibrary() {
    if (typeof window.vegaEmbed === "function") return Promise.resolve();
    if (!library) {
      library = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = BUNDLE;
        script.onload = function () { resolve(); };
        script.onerror = function () { library = null; reject(new Error("vega-bundle.js could not be loaded")); };
        document.head.appendChild(script);
      });
    }
    return library;
  }

  // ---- drawing ---------------------------------------------------------------------------------

  function draw(el, scheme) {
    var spec;
    try {
      spec = specOf(chartOf(el));
    } catch (err) {
      console.error("chart cannot be read", err);
      return;
    }
    delete spec.title; // the figure's caption shows it, as text
    var live = el.querySelector(".zr-live");
    if (!live) {
      live = document.createElement("div");
      live.className = "zr-live";
      // the drawn chart's name states its values (data-alt); its SVG is decoration
      live.setAttribute("role", "img");
      live.setAttribute("aria-label", el.getAttribute("data-alt") || "");
      el.appendChild(live);
    }
    var narrow = isNarrow(el);
    var entry = { el: el, view: null, narrow: narrow };
    views.push(entry);
    window.vegaEmbed(live, spec, {
      actions: false,
      renderer: "svg",
      config: config(scheme, narrow),
      tooltip: { theme: SCHEMES[scheme].tooltip }
    }).then(function (result) {
      entry.view = result.view;
      // vega-embed names its container "Vega visualization": the name is the values' sentence
      live.setAttribute("role", "img");
      live.setAttribute("aria-label", el.getAttribute("data-alt") || "");
      el.classList.add("zr-drawn");
      var svg = live.querySelector("svg");
      if (svg) svg.setAttribute("aria-hidden", "true");
    }).catch(function (err) {
      console.error("chart could not be drawn", err);
    });
  }

  function redraw(el) {
    views = views.filter(function (entry) {
      if (entry.el !== el) return true;
      if (entry.view) entry.view.finalize(); // drops its resize and tooltip listeners
      return false;
    });
    draw(el, schemeName());
  }

  function clear() {
    views.forEach(function (entry) {
      if (entry.view) entry.view.finalize();
    });
    views = [];
  }

  var watcher = null;

  // A matrix's labels would be cut to a few characters on a phone: there its static form, which
  // wraps, stays (the SVG and PNG downloads still draw it whole).
  function staysStatic(el) {
    return isNarrow(el) && /^matrix/.test(chartOf(el).kind);
  }

  function whenNear(el) {
    if (staysStatic(el)) {
      el.classList.add("zr-static-only");
      return;
    }
    loadLibrary().then(function () { redraw(el); }, function (err) { console.error(err.message); });
  }

  function setUp() {
    clear();
    if (watcher) watcher.disconnect();
    var charts = document.querySelectorAll(".vega-chart[data-chart]");
    if (!charts.length) return;
    if (!window.ZONE_CHART_KINDS) {
      console.error("chart-kinds.js is missing: charts stay in their static form");
      return;
    }
    charts.forEach(addTools);
    if (!("IntersectionObserver" in window)) {
      charts.forEach(whenNear);
      return;
    }
    watcher = new IntersectionObserver(function (entries, observer) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        observer.unobserve(entry.target);
        whenNear(entry.target);
      });
    }, { rootMargin: "300px 0px" });
    charts.forEach(function (el) { watcher.observe(el); });
  }

  // ---- downloads: SVG and PNG (title and source line included), CSV ----------------------------

  function words(key, values) {
    var text = (window.ZONE_WORDS || {})[key] || key;
    Object.keys(values || {}).forEach(function (name) { text = text.split("{" + name + "}").join(values[name]); });
    return text;
  }

  function fileName(el, ext) {
    var figures = Array.prototype.slice.call(document.querySelectorAll(".vega-chart[data-chart]"));
    var page = location.pathname.replace(/\/index\.html$/, "/").replace(/^\/+|\/+$/g, "").replace(/\//g, "-") || "home";
    return page + "-chart-" + (figures.indexOf(el) + 1) + "." + ext;
  }

  function save(url, name) {
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  // A cell a spreadsheet would run as a formula gets a leading apostrophe (as the site's CSV
  // downloads do: generator/pages/downloads.py).
  function csvCell(value) {
    var text = value === null || value === undefined ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function csvOf(el) {
    var chart = chartOf(el);
    var hrefAt = chart.data.fields.indexOf("href");
    var lines = [chart.data.fields.map(csvCell).join(",")];
    chart.data.rows.forEach(function (row) {
      var cells = row.slice();
      if (hrefAt >= 0 && cells[hrefAt]) cells[hrefAt] = new URL(cells[hrefAt], location.href).href;
      lines.push(cells.map(csvCell).join(","));
    });
    return "\ufeff" + lines.join("\r\n") + "\r\n"; // BOM: spreadsheets then read the Chinese as UTF-8
  }

  // the source line under an exported chart, in lines of about `max` characters, broken after
  // a list's separators (、 , ; ；) so no article title is cut
  function lines(text, max) {
    var out = [];
    var line = "";
    text.split(/(?<=[、,;；])\s*/).forEach(function (part) {
      if (line && (line + part).length > max) {
        out.push(line);
        line = part;
      } else {
        line += part;
      }
    });
    if (line) out.push(line);
    return out;
  }

  function imageOf(el, type) {
    return loadLibrary().then(function () {
      var spec = specOf(chartOf(el));
      var source = el.parentNode.querySelector(".zr-chart-source");
      spec.title = { text: spec.title, subtitle: source ? lines(source.textContent, 56) : "", anchor: "start" };
      spec.width = 720;
      // drawn again off the page (light colours, full labels, a fixed width) for the file
      var holder = document.createElement("div");
      return window.vegaEmbed(holder, spec, { actions: false, renderer: "svg", config: config("light", false) }).then(function (result) {
        return result.view.toImageURL(type, type === "png" ? 2 : 1).finally(function () { result.finalize(); });
      });
    });
  }

  function download(el, format) {
    if (format === "csv") {
      save(URL.createObjectURL(new Blob([csvOf(el)], { type: "text/csv;charset=utf-8" })), fileName(el, "csv"));
      return;
    }
    imageOf(el, format).then(function (url) { save(url, fileName(el, format)); }, function (err) {
      console.error("chart could not be exported", err);
    });
  }

  function addTools(el) {
    var figure = el.parentNode;
    if (!figure || figure.querySelector(".zr-chart-tools")) return;
    var tools = document.createElement("p");
    tools.className = "zr-chart-tools";
    tools.appendChild(document.createTextNode(words("chart_download") + " "));
    ["svg", "png", "csv"].forEach(function (format) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button zr-download";
      button.textContent = format.toUpperCase();
      // its name is what it shows ("SVG", after the line's "Download"); the tooltip says more
      button.title = words("chart_download_as", { format: format.toUpperCase() });
      button.setAttribute("data-format", format);
      button.addEventListener("click", function () { download(el, format); });
      tools.appendChild(button);
    });
    figure.appendChild(tools);
  }

  window.zoneCharts = { specOf: specOf, csvOf: csvOf }; // for the browser tests

  // ---- when to draw ------------------------------------------------------------------------------

  var pending = null;
  function redrawSoon() {
    if (pending) window.clearTimeout(pending);
    pending = window.setTimeout(function () {
      pending = null;
      views.slice().forEach(function (entry) { if (entry.el.isConnected) redraw(entry.el); });
    }, 60);
  }

  window.zr.ready(setUp);

  new MutationObserver(redrawSoon).observe(document.body, {
    attributes: true,
    attributeFilter: ["data-md-color-scheme"]
  });

  window.addEventListener("resize", function () {
    // width: "container" follows resizes by itself; label sizes change only at the breakpoint
    if (views.some(function (entry) { return entry.el.isConnected && isNarrow(entry.el) !== entry.narrow; })) {
      redrawSoon();
    }
  });
})();
