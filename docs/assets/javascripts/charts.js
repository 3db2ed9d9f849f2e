/*
 * Draws every chart on the page: each `.vega-chart` carries a small chart, HTML-escaped, in
 * `data-chart` — its kind, title, height and data values (generator/charts.py). The structure of
 * each kind is served once for the whole site in the generated chart-kinds.js; `specOf` puts the
 * two together exactly as `charts.spec` does in Python. vega-embed comes from the self-hosted
 * vega-bundle.js.
 *
 * - Rendered from material's `document$` observable, which fires on the first load and after
 *   every `navigation.instant` page switch (inline <script> blocks are not re-run then).
 * - Colours, fonts and label limits live here, not in the specs: one config per colour scheme,
 *   chosen from `data-md-color-scheme` on <body>; toggling the scheme re-renders the charts.
 * - Narrow screens get shorter axis labels; crossing the breakpoint re-renders.
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

  function draw(el, scheme) {
    var spec;
    try {
      spec = specOf(JSON.parse(el.getAttribute("data-chart")));
    } catch (err) {
      console.error("chart cannot be read", err);
      return;
    }
    var narrow = isNarrow(el);
    var entry = { el: el, view: null, narrow: narrow };
    views.push(entry);
    window.vegaEmbed(el, spec, {
      actions: false,
      renderer: "svg",
      config: config(scheme, narrow),
      tooltip: { theme: SCHEMES[scheme].tooltip }
    }).then(function (result) {
      entry.view = result.view;
      // the container carries the accessible name (role="img"); the SVG inside is decoration
      var svg = el.querySelector("svg");
      if (svg) svg.setAttribute("aria-hidden", "true");
    }).catch(function (err) {
      console.error("chart could not be drawn", err);
    });
  }

  function clear() {
    views.forEach(function (entry) {
      if (entry.view) entry.view.finalize(); // drops its resize and tooltip listeners
    });
    views = [];
  }

  function drawAll() {
    if (typeof window.vegaEmbed !== "function" || !window.ZONE_CHART_KINDS) {
      console.error("vega-bundle.js or chart-kinds.js is missing: charts cannot be drawn");
      return;
    }
    clear();
    var scheme = schemeName();
    document.querySelectorAll(".vega-chart[data-chart]").forEach(function (el) {
      el.textContent = "";
      draw(el, scheme);
    });
  }

  window.zoneCharts = { specOf: specOf }; // for the browser test: the same spec as Python's

  var pending = null;
  function redrawSoon() {
    if (pending) window.clearTimeout(pending);
    pending = window.setTimeout(function () {
      pending = null;
      drawAll();
    }, 60);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(drawAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }

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
