// newsgraph web page: plain JavaScript, no build step. Pages are chosen by
// the URL hash (#/entity/ID, #/breach/ID, ...), so every view can be linked.
(function () {
  "use strict";

  var main = document.getElementById("main");
  var form = document.getElementById("search");
  var input = document.getElementById("q");
  var by = document.getElementById("by");

  // ---- helpers ----------------------------------------------------------

  // el builds an element; children may be strings, nodes, arrays or null.
  // Text is always set as text, never parsed as HTML.
  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === "class") node.className = v;
        else if (k === "text") node.textContent = v;
        else if (k.slice(0, 2) === "on") node.addEventListener(k.slice(2), v);
        else node.setAttribute(k, v);
      });
    }
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }

  // append adds children (strings, nodes, arrays or null) to node.
  function append(node, child) {
    if (arguments.length > 2) {
      for (var i = 1; i < arguments.length; i++) append(node, arguments[i]);
      return;
    }
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { append(node, c); }); return; }
    if (typeof child === "string" || typeof child === "number") child = document.createTextNode(String(child));
    node.appendChild(child);
  }

  var SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    for (var i = 2; i < arguments.length; i++) if (arguments[i]) node.appendChild(arguments[i]);
    return node;
  }

  function enc(s) { return encodeURIComponent(s); }

  function api(path) {
    return fetch(path, { headers: { Accept: "application/json" } }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (!r.ok) throw new Error((body && body.error) || r.status + " " + r.statusText);
        return body;
      });
    });
  }

  function show() {
    main.textContent = "";
    for (var i = 0; i < arguments.length; i++) append(main, arguments[i]);
  }

  function loading(what) { show(el("p", { class: "loading", text: "Loading " + what + "…" })); }

  function fail(err) {
    show(el("div", { class: "error", role: "alert", text: String(err && err.message || err) }));
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : (many || one + "s")); }

  function list(arr) { return (arr || []).filter(function (x) { return x !== "" && x !== null; }); }

  function entityHref(id) { return "#/entity/" + enc(id); }
  function breachHref(id) { return "#/breach/" + enc(id); }
  function articleHref(id) { return "#/article/" + enc(id); }
  function explainHref(id) { return "#/explain/" + enc(id); }
  function searchHref(q, mode) { return "#/search?q=" + enc(q) + "&by=" + enc(mode || "any"); }

  function section(title, count, body) {
    return [el("h2", null, title, count === undefined ? null : el("span", { class: "count", text: String(count) })), body];
  }

  function typeBadge(type) {
    return type ? el("span", { class: "badge " + type, text: type === "organization" ? "organisation" : type }) : null;
  }


  // apiList fetches one page of a list endpoint: its rows and the total
  // the server counts (X-Total-Count).
  function apiList(path) {
    return fetch(path, { headers: { Accept: "application/json" } }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (!r.ok) throw new Error((body && body.error) || r.status + " " + r.statusText);
        var total = parseInt(r.headers.get("X-Total-Count"), 10);
        return { rows: body, total: isNaN(total) ? body.length : total };
      });
    });
  }

  // PAGE is how many rows a list shows at a time.
  var PAGE = 20;

  // qs encodes parameters, leaving out empty values; arrays repeat.
  function qs(params) {
    var out = [];
    Object.keys(params).forEach(function (k) {
      var v = params[k];
      (Array.isArray(v) ? v : [v]).forEach(function (x) {
        if (x !== undefined && x !== null && x !== "" && x !== 0) out.push(enc(k) + "=" + enc(x));
      });
    });
    return out.join("&");
  }

  // hashWith returns the link to the page at base with params changed by
  // change (null removes one).
  function hashWith(base, params, change) {
    var p = Object.assign({}, params, change || {});
    Object.keys(p).forEach(function (k) { if (p[k] === null) delete p[k]; });
    var s = qs(p);
    return base + (s ? "?" + s : "");
  }

  function offsetOf(params) {
    var n = parseInt(params.offset, 10);
    return isNaN(n) || n < 0 ? 0 : n;
  }

  // pager shows where a page stands in its list, with links to the pages
  // before and after; the offset lives in the link, so a page can be
  // linked and the back button works.
  function pager(total, offset, limit, hrefFor, what) {
    if (!total) return null;
    var end = Math.min(offset + limit, total);
    return el("nav", { class: "pager", "aria-label": "Pages of " + (what || "results") },
      offset > 0 ? el("a", { class: "prev", rel: "prev", href: hrefFor(Math.max(0, offset - limit)), text: "← Previous" }) : el("span", { class: "prev disabled", text: "← Previous" }),
      el("span", { class: "where", text: (offset + 1) + "–" + end + " of " + fmtInt(total) }),
      end < total ? el("a", { class: "next", rel: "next", href: hrefFor(offset + limit), text: "Next →" }) : el("span", { class: "next disabled", text: "Next →" }));
  }

  // download offers text as a file.
  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var a = el("a", { href: url, download: name });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  // csvCell quotes a CSV field; a field a spreadsheet would run as a
  // formula is prefixed with an apostrophe.
  function csvCell(v) {
    if (v === null || v === undefined) return "";
    var s = typeof v === "object" ? JSON.stringify(v) : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  // toCSV writes rows (objects) as CSV with the given columns, or every
  // key the rows have.
  function toCSV(rows, cols) {
    if (!cols) {
      cols = [];
      rows.forEach(function (r) { Object.keys(r || {}).forEach(function (k) { if (cols.indexOf(k) < 0) cols.push(k); }); });
    }
    return [cols.map(csvCell).join(",")].concat(rows.map(function (r) {
      return cols.map(function (c) { return csvCell(r && r[c]); }).join(",");
    })).join("\r\n") + "\r\n";
  }

  // exportButtons offers the whole current list (fetched by fetchAll) as
  // CSV or JSON.
  function exportButtons(name, fetchAll, cols) {
    function go(kind) {
      return function () {
        fetchAll().then(function (rows) {
          if (kind === "json") download(name + ".json", "application/json", JSON.stringify(rows, null, 2));
          else download(name + ".csv", "text/csv", toCSV(rows, cols));
        }).catch(fail);
      };
    }
    return el("span", { class: "export" }, "Export ",
      el("button", { type: "button", class: "secondary export-csv", onclick: go("csv"), text: "CSV" }),
      el("button", { type: "button", class: "secondary export-json", onclick: go("json"), text: "JSON" }));
  }

  // articleMeta fetches the metadata of the articles of rows (by their
  // article field), as a map by id.
  function articleMeta(ids) {
    var want = {};
    ids.forEach(function (id) { if (id) want[id] = true; });
    var list = Object.keys(want).slice(0, 200);
    if (!list.length) return Promise.resolve({});
    return api("/api/articles?" + list.map(function (id) { return "id=" + enc(id); }).join("&")).then(function (arts) {
      var by = {};
      arts.forEach(function (a) { by[a.id] = a; });
      return by;
    });
  }

  // articleLabel shows an article's headline with its outlet and date,
  // and its id where another article on the page has the same headline.
  function articleLabel(a, sameTitle) {
    return [el("a", { href: articleHref(a.id), "data-article": a.id, text: a.title || a.id }),
      el("span", { class: "muted outlet", text: " " + list([a.publisher, fmtDate(a.published), sameTitle ? a.id : ""]).join(" · ") })];
  }

  // repeatedTitles returns the headlines that more than one of the
  // articles have.
  function repeatedTitles(arts) {
    var n = {}, out = {};
    arts.forEach(function (a) { if (a && a.title) { n[a.title] = (n[a.title] || 0) + 1; if (n[a.title] > 1) out[a.title] = true; } });
    return out;
  }

  // ---- quotes ------------------------------------------------------------

  // LOW_CONFIDENCE is queries.LowConfidence: attributions below it are
  // marked as doubtful.
  var LOW_CONFIDENCE = 0.5;

  function percent(c) { return Math.round(c * 100) + "%"; }

  // confidenceMark shows how sure the attribution is: a visible warning
  // below LOW_CONFIDENCE, a quiet figure above, nothing when unknown.
  function confidenceMark(q) {
    if (typeof q.confidence !== "number") return null;
    if (q.confidence < LOW_CONFIDENCE) {
      return el("span", { class: "badge low-confidence", role: "note",
        title: "Doubtful attribution: the speaker is estimated right only " + percent(q.confidence) +
          " of the time for quotes like this one. Check the article before relying on it.",
        text: "? doubtful speaker" });
    }
    return el("span", { class: "confidence muted", title: "Estimated probability that the speaker is right", text: percent(q.confidence) + " sure" });
  }

  function quoteCard(q, opts) {
    opts = opts || {};
    var direct = q.direct;
    var text = direct ? "“" + q.text + "”" : q.text;
    var mention = q.speaker_mention && q.speaker_mention.text;
    var speaker = q.speaker_id
      ? el("a", { class: "speaker", href: entityHref(q.speaker_id), text: q.speaker || q.speaker_id,
        title: mention && mention !== q.speaker ? "named in the article as “" + mention + "”" : null })
      : mention
        ? el("span", { class: "speaker unnamed", title: "an unnamed source, as the article describes it", text: mention })
        : el("span", { class: "speaker", text: q.speaker || "unknown speaker" });
    return el("article", { class: "quote" },
      el("blockquote", { class: direct ? "direct" : "indirect", text: text }),
      el("div", { class: "meta" },
        opts.hideSpeaker ? null : speaker,
        q.cue ? el("span", { class: "cue", title: "the words that introduce the quote", text: q.cue }) : null,
        confidenceMark(q),
        el("span", { class: "badge " + (direct ? "direct" : "indirect"), text: q.kind || (direct ? "direct" : "indirect") }),
        q.article && !opts.hideArticle ? el("span", { class: "in-article" }, "in ", (function () {
          var a = (opts.articles || {})[q.article] || { id: q.article };
          return articleLabel(a, (opts.same || {})[a.title]);
        })()) : null,
        q.breach && !opts.hideBreach ? el("span", null, "about ",
          el("a", { href: breachHref(q.breach), text: q.breach_victim ? q.breach_victim + " breach" : q.breach })) : null,
        q.sources > 1
          ? el("a", { class: "badge sources", href: explainHref(q.id), title: "the same quote in " + plural(q.publishers, "outlet"), text: "reported by " + plural(q.sources, "article") })
          : el("a", { class: "evidence", href: explainHref(q.id), text: "evidence" })));
  }

  function quoteList(quotes, opts) {
    if (!quotes || quotes.length === 0) return el("p", { class: "empty", text: "No quotes." });
    return el("div", { class: "cards quotes" }, quotes.map(function (q) { return quoteCard(q, opts); }));
  }

  // ---- pages -------------------------------------------------------------

  function home() {
    show(
      el("h1", { text: "Who said what about which breach" }),
      el("p", { class: "lede", text: "Search the quotes in the newsroom's graph by speaker, organisation, breach or words, or browse the breaches and the people and organisations in the news." }),
      el("div", { class: "home-hint" },
        el("p", null, "Try ", el("a", { href: searchHref("Rick Prior", "speaker"), text: "Rick Prior" }),
          ", ", el("a", { href: searchHref("Metropolitan Police", "org"), text: "Metropolitan Police" }),
          " or ", el("a", { href: searchHref("data", "words"), text: "quotes mentioning “data”" }), "."),
        el("p", null, "See ", el("a", { href: "#/breaches", text: "all breaches" }), ", ",
          el("a", { href: "#/entities", text: "everyone in the graph" }), ", or ask the graph directly in the ",
          el("a", { href: "#/gizmo", text: "Gizmo console" }), ".")),
      el("div", { id: "home-breaches" }));
    apiList("/api/breaches?limit=10").then(function (r) {
      var box = document.getElementById("home-breaches");
      if (!box || !r.rows.length) return;
      append(box, section("Breaches", r.total, [breachTable(r.rows),
        r.total > r.rows.length ? el("p", null, el("a", { href: "#/breaches?offset=10", text: "More breaches →" })) : null]));
    }).catch(function () { /* the search box still works */ });
  }

  // ---- quote results: facets, chart, list, pages -------------------------

  // FACET_PARAMS are the filters a facet click adds to the URL.
  var FACET_PARAMS = ["speaker", "org", "publisher", "breach", "kind", "since", "until"];
  var FACET_GROUPS = [
    ["speaker", "speaker", "Speaker"], ["organization", "org", "Organisation"], ["publisher", "publisher", "Outlet"],
    ["breach", "breach", "Breach"], ["kind", "kind", "Direct / indirect"]
  ];

  // quotePanel shows the quotes base selects (API parameters) narrowed by
  // the facet filters in params: facets beside the results, a time chart,
  // the page of quotes with the pager, and export. link(params) is the
  // page's own link for other parameters.
  function quotePanel(base, params, link, opts) {
    opts = opts || {};
    var offset = offsetOf(params);
    var filter = Object.assign({}, base);
    FACET_PARAMS.forEach(function (k) {
      if (!params[k]) return;
      filter[k] = base[k] ? [].concat(base[k], params[k]) : params[k];
    });
    var query = qs(filter);
    var box = el("div", { class: "workbench" }, el("p", { class: "loading", text: "Loading quotes…" }));
    Promise.all([
      apiList("/api/quotes?" + query + "&limit=" + PAGE + "&offset=" + offset),
      api("/api/facets?" + query)
    ]).then(function (res) {
      var quotes = res[0].rows, total = res[0].total, facets = res[1];
      return articleMeta(quotes.map(function (q) { return q.article; })).then(function (arts) {
        box.textContent = "";
        var chartBox = el("div", { class: "chart" });
        var active = FACET_PARAMS.filter(function (k) { return params[k]; });
        // Something never quoted has no quotes to export or page through.
        var none = total === 0 && !active.length;
        append(box,
          el("div", { class: "results-grid" + (total === 0 && !active.length ? " no-facets" : "") },
            total === 0 && !active.length ? null : facetColumn(facets, params, link),
            el("div", { class: "results" },
              el("h2", { class: "flush" }, opts.title || "Quotes", el("span", { class: "count", text: fmtInt(total) })),
              active.length ? el("div", { class: "chips active-filters" }, active.map(function (k) {
                var change = {}; change[k] = null; change.offset = null;
                return el("a", { class: "chip filter", href: link(Object.assign({}, params, change)), title: "remove this filter" },
                  el("span", { class: "muted", text: filterName(k) + ":" }), facetLabel(facets, k, params[k]), " ×");
              })) : null,
              chartBox,
              none ? null : el("div", { class: "row tools" }, exportButtons("quotes", function () {
                return api("/api/quotes?" + query + "&limit=5000");
              }, ["id", "text", "kind", "speaker", "speaker_id", "cue", "confidence", "article", "breach", "breach_victim", "sources"])),
              quoteList(quotes, Object.assign({ articles: arts, same: repeatedTitles(Object.keys(arts).map(function (k) { return arts[k]; })) }, opts)),
              pager(total, offset, PAGE, function (o) { return link(Object.assign({}, params, { offset: o || null })); }, "quotes"))));
        if (total === 0 && !active.length && opts.activity) {
          activityChart(chartBox, opts.activity, params, link, opts.activityWhat);
        } else {
          drawChart(chartBox, facets, params, link);
        }
      });
    }).catch(function (err) {
      box.textContent = "";
      append(box, el("div", { class: "error", role: "alert", text: String(err && err.message || err) }));
    });
    return box;
  }

  function filterName(k) {
    return { speaker: "speaker", org: "organisation", publisher: "outlet", breach: "breach", kind: "kind", since: "from", until: "to" }[k] || k;
  }

  // facetLabel is how a filter's value shows: a facet's label where the
  // facets have it.
  function facetLabel(facets, k, v) {
    var group = { speaker: "speaker", org: "organization", publisher: "publisher", breach: "breach", kind: "kind" }[k];
    var f = group && (facets[group] || []).filter(function (x) { return x.value === v; })[0];
    return f ? f.label : v;
  }

  function facetColumn(facets, params, link) {
    var groups = FACET_GROUPS.map(function (g) {
      var values = (facets[g[0]] || []);
      if (!values.length) return null;
      return el("section", { class: "facet facet-" + g[1] },
        el("h3", { text: g[2] }),
        el("ul", { class: "plain" }, values.map(function (f) {
          var on = params[g[1]] === f.value;
          var change = { offset: null };
          change[g[1]] = on ? null : f.value;
          return el("li", { class: on ? "on" : null },
            el("a", { href: link(Object.assign({}, params, change)), "data-facet": g[1], "data-value": f.value,
              "aria-pressed": on ? "true" : "false", title: on ? "remove this filter" : "show only these" },
            el("span", { class: "label", text: g[1] === "kind" ? f.label : f.label }),
            el("span", { class: "n", text: fmtInt(f.count) })));
        })));
    });
    var months = facets.month || [];
    var range = null;
    if (months.length) {
      var from = el("select", { "aria-label": "From month", class: "since" }, el("option", { value: "", text: "from the start" }),
        months.map(function (m) { return el("option", { value: m.value, selected: params.since === m.value ? "selected" : null, text: m.value }); }));
      var to = el("select", { "aria-label": "To month", class: "until" }, el("option", { value: "", text: "to the end" }),
        months.map(function (m) { return el("option", { value: m.value, selected: params.until === m.value ? "selected" : null, text: m.value }); }));
      var apply = function () {
        location.hash = link(Object.assign({}, params, { since: from.value || null, until: to.value || null, offset: null }));
      };
      from.addEventListener("change", apply);
      to.addEventListener("change", apply);
      range = el("section", { class: "facet facet-date" }, el("h3", { text: "Date" }), el("div", { class: "range" }, from, to));
    }
    // On a small screen the filters start folded, above the results.
    var wide = !window.matchMedia || !window.matchMedia("(max-width: 700px)").matches;
    return el("aside", { class: "facets", "aria-label": "Filters" },
      el("details", { class: "facet-box", open: wide || FACET_PARAMS.some(function (k) { return params[k]; }) ? "open" : null },
        el("summary", { text: "Filters" }), el("div", { class: "facet-groups" }, groups, range)));
  }

  // ---- time chart ------------------------------------------------------------

  // periods lists every month (YYYY-MM) or week (Monday, YYYY-MM-DD) from
  // the first to the last value.
  function periods(values, week) {
    if (!values.length) return [];
    var first = values[0], last = values[values.length - 1], out = [];
    if (week) {
      var d = new Date(first + "T00:00:00Z"), end = new Date(last + "T00:00:00Z");
      while (d <= end && out.length < 400) { out.push(d.toISOString().slice(0, 10)); d.setUTCDate(d.getUTCDate() + 7); }
    } else {
      var y = +first.slice(0, 4), m = +first.slice(5, 7), ly = +last.slice(0, 4), lm = +last.slice(5, 7);
      while ((y < ly || (y === ly && m <= lm)) && out.length < 400) {
        out.push(y + "-" + (m < 10 ? "0" : "") + m);
        m++; if (m > 12) { m = 1; y++; }
      }
    }
    return out;
  }

  // drawChart draws the quotes (bars) and breach reports (dots) per week
  // or month as SVG, a bar linking to its period as a date filter.
  function drawChart(box, facets, params, link, labels) {
    labels = labels || { bars: "quotes", dots: "articles reporting a breach" };
    var months = (facets.month || []).map(function (f) { return f.value; });
    var per = params.per === "week" || params.per === "month" ? params.per : (months.length <= 3 ? "week" : "month");
    var week = per === "week";
    var counts = {}, reports = {};
    (week ? facets.week : facets.month || []).forEach(function (f) { counts[f.value] = f.count; });
    (week ? facets.report_weeks : facets.reports || []).forEach(function (f) { reports[f.value] = f.count; });
    var ps = periods(Object.keys(counts).sort(), week);
    box.textContent = "";
    if (!ps.length) { append(box, el("p", { class: "empty", text: "No dated " + labels.bars + " to chart." })); return; }
    var W = Math.max(280, Math.floor(box.clientWidth || 640)), H = 150, padL = 34, padB = 22, padT = 10;
    var max = 1;
    ps.forEach(function (p) { max = Math.max(max, counts[p] || 0, reports[p] || 0); });
    var bw = (W - padL - 4) / ps.length;
    var y = function (n) { return padT + (H - padT - padB) * (1 - n / max); };
    var root = svg("svg", { width: W, height: H, viewBox: "0 0 " + W + " " + H, role: "img", class: "timechart",
      "aria-label": labels.bars + " and " + labels.dots + " per " + per });
    root.appendChild(svg("line", { class: "axis", x1: padL, y1: H - padB, x2: W - 2, y2: H - padB }));
    root.appendChild(svg("text", { class: "tick", x: padL - 4, y: padT + 8, "text-anchor": "end", text: String(max) }));
    root.appendChild(svg("text", { class: "tick", x: padL - 4, y: H - padB, "text-anchor": "end", text: "0" }));
    var every = Math.max(1, Math.ceil(ps.length / Math.max(1, Math.floor((W - padL) / 70))));
    // The reports line runs through every period, down to 0 where none
    // was reported; the dots mark the periods with reports.
    var dots = [], line = [];
    ps.forEach(function (p, i) {
      var n = counts[p] || 0, r = reports[p] || 0, x = padL + i * bw;
      var until = week ? new Date(Date.parse(p + "T00:00:00Z") + 6 * 864e5).toISOString().slice(0, 10) : p;
      var rect = svg("rect", { class: "bar", x: x + bw * 0.1, y: y(n), width: Math.max(1, bw * 0.8), height: Math.max(0, H - padB - y(n)), "data-period": p, "data-count": n, "data-reports": r });
      var title = svg("title", { text: (week ? "week of " : "") + p + ": " + n + " " + labels.bars + ", " + r + " " + labels.dots });
      var bar = !labels.plain
        ? svg("a", { href: link(Object.assign({}, params, { since: p, until: until, offset: null })), class: "period" }, title, rect)
        : svg("g", { class: "period" }, title, rect);
      root.appendChild(bar);
      line.push([x + bw / 2, y(r)]);
      if (r) dots.push([x + bw / 2, y(r)]);
      if (i % every === 0) root.appendChild(svg("text", { class: "tick", x: x + bw / 2, y: H - 6, "text-anchor": "middle", text: week ? p.slice(5) : p }));
    });
    if (dots.length && line.length > 1) root.appendChild(svg("polyline", { class: "reports", points: line.map(function (d) { return d.join(","); }).join(" ") }));
    dots.forEach(function (d) { root.appendChild(svg("circle", { class: "report", cx: d[0], cy: d[1], r: 3 })); });
    append(box, root, el("div", { class: "chart-legend" },
      el("span", null, el("i", { class: "bar-key" }), labels.bars), el("span", null, el("i", { class: "dot-key" }), labels.dots),
      el("span", { class: "per" }, "per ",
        week ? el("a", { href: link(Object.assign({}, params, { per: "month" })), text: "month" }) : el("strong", { text: "month" }), " · ",
        week ? el("strong", { text: "week" }) : el("a", { href: link(Object.assign({}, params, { per: "week" })), text: "week" }))));
  }

  // activityChart draws, in box, how many articles name id (an entity or
  // breach) per week or month, and how many of them report a breach:
  // the chart of an organisation that is never quoted.
  function activityChart(box, id, params, link, what) {
    api("/api/activity/" + enc(id)).then(function (a) {
      box.textContent = "";
      append(box, el("p", { class: "muted note", text: "Never quoted: the chart counts the " + plural(a.articles, "article") + " naming " + (what || "it") + "." }));
      var inner = el("div", { class: "activity" });
      append(box, inner);
      drawChart(inner, a, params, link, { bars: "articles naming " + (what || "it"), dots: "of them, reporting a breach", plain: true });
    }).catch(function (err) {
      box.textContent = "";
      append(box, el("p", { class: "error", role: "alert", text: String(err && err.message || err) }));
    });
  }

  // ---- search ----------------------------------------------------------------

  // searchBase is the quote filter a search by mode for q makes.
  function searchBase(q, mode) {
    switch (mode) {
      case "speaker": return { speaker: q };
      case "org": return { org: q };
      case "words": return { q: q };
    }
    return { match: q };
  }

  function search(q, mode, params) {
    input.value = q;
    by.value = mode;
    if (!q) { home(); return; }
    var link = function (p) { return hashWith("#/search", p); };
    var wantEntities = mode === "any" || mode === "speaker" || mode === "org";
    var wantBreaches = mode === "any" || mode === "breach";
    var people = el("div", { class: "found-entities" });
    var breaches = el("div", { class: "found-breaches" });
    show(el("h1", { text: "“" + q + "”" }),
      el("p", { class: "lede", text: "Quotes, people, organisations and breaches matching " + ({ any: "anything", speaker: "a speaker", org: "an organisation", breach: "a breach", words: "the words" }[mode] || "anything") + "." }),
      people, breaches,
      quotePanel(searchBase(q, mode), params, link));
    if (wantEntities) {
      apiList("/api/entities?q=" + enc(q) + (mode === "org" ? "&type=organization" : "") + "&limit=24").then(function (r) {
        if (!r.rows.length) return;
        append(people, section("People & organisations", r.total, el("div", { class: "chips entities" },
          r.rows.map(function (e) { return el("a", { class: "chip", href: entityHref(e.id) }, typeBadge(e.type), e.name); }),
          r.total > r.rows.length ? el("a", { class: "chip more", href: "#/entities?q=" + enc(q), text: "all " + fmtInt(r.total) + " →" }) : null)));
      }).catch(function () { /* the quotes still show */ });
    }
    if (wantBreaches) {
      apiList("/api/breaches?q=" + enc(q) + "&limit=12").then(function (r) {
        if (!r.rows.length) return;
        append(breaches, section("Breaches", r.total, el("div", { class: "chips breaches" },
          r.rows.map(function (b) {
            return el("a", { class: "chip", href: breachHref(b.id) }, el("span", { class: "badge breach", text: "breach" }), b.name || b.victim || b.id);
          }),
          r.total > r.rows.length ? el("a", { class: "chip more", href: "#/breaches?q=" + enc(q), text: "all " + fmtInt(r.total) + " →" }) : null)));
      }).catch(function () { /* the quotes still show */ });
    }
  }

  // ---- entity and breach pages -----------------------------------------------

  // pagedArticles lists articles by id a page at a time, the page's
  // offset in the URL parameter key.
  function pagedArticles(ids, sources, params, key, link) {
    ids = ids || [];
    if (!ids.length) return el("p", { class: "empty", text: "No articles." });
    var by = {};
    (sources || []).forEach(function (a) { by[a.id] = a; });
    var off = parseInt(params[key], 10) || 0;
    var page = ids.slice(off, off + 10);
    var same = repeatedTitles(ids.map(function (id) { return by[id]; }));
    return el("div", null,
      el("ul", { class: "plain articles" }, page.map(function (id) {
        var a = by[id] || { id: id };
        return el("li", null, articleLabel(a, same[a.title]));
      })),
      pager(ids.length, off, 10, function (o) { var c = {}; c[key] = o || null; return link(Object.assign({}, params, c)); }, "articles"));
  }

  function entityPage(id, params) {
    loading("entity");
    var link = function (p) { return hashWith(entityHref(id), p); };
    api("/api/entities/" + enc(id)).then(function (e) {
      var roles = e.roles || [];
      var head = [
        el("h1", null, e.name, " ", typeBadge(e.type)),
        el("p", { class: "lede" },
          list([e.kind, roles.length ? roles.map(roleText).join("; ") : ""]).join(" · ") || null,
          e.aliases && e.aliases.length ? el("span", null, e.kind || roles.length ? " · " : "", "also known as " + e.aliases.join(", ")) : null)
      ];
      var side = el("div", { class: "side" },
        roles.length ? section("Roles", roles.length, el("ul", { class: "plain roles" }, roles.map(function (r) {
          return el("li", null, r.title || "member", r.org ? [" at ", r.org_id ? el("a", { href: entityHref(r.org_id), text: r.org }) : el("a", { href: searchHref(r.org, "org"), text: r.org })] : null, r.former ? el("span", { class: "muted", text: " (former)" }) : null,
            r.sources ? el("span", { class: "muted", text: " · " + plural(r.sources, "article") }) : null);
        }))) : null,
        section("Breaches", (e.breaches || []).length, (e.breaches || []).length ? el("ul", { class: "plain breaches" }, e.breaches.slice(0, 20).map(function (b) {
          return el("li", null, el("a", { href: breachHref(b.id), text: b.name || b.id }), b.victim ? el("div", { class: "muted", text: "victim: " + b.victim + (b.via ? " · via " + b.via : "") }) : null);
        })) : el("p", { class: "empty", text: "No breaches." })),
        section("Articles", (e.articles || []).length, pagedArticles(e.articles, e.sources, params, "apage", link)),
        el("p", null, el("a", { class: "timeline-link", href: "#/timeline?entity=" + enc(e.id), text: "Timeline: the breaches and statements concerning " + (e.type === "person" ? "them" : "it") + ", in date order" })),
        el("p", null, el("a", { href: explainHref(e.id), text: "Evidence: every article and sentence naming " + (e.type === "person" ? "them" : "it") })));
      var graphBox = el("div", { class: "graph" });
      show(head, section("Connections", undefined, graphBox),
        el("div", { class: "grid" },
          quotePanel({ speaker: e.id }, params, link, { hideSpeaker: true, title: "What " + (e.type === "person" ? "they" : "it") + " said",
            activity: e.id, activityWhat: e.name }),
          side));
      graphExplorer(graphBox, e.id);
    }).catch(fail);
  }

  function roleText(r) {
    return (r.former ? "former " : "") + (r.title || "member") + (r.org ? ", " + r.org : "");
  }

  function fmtDate(s) {
    if (!s) return "";
    var d = new Date(s);
    if (isNaN(d.getTime())) return s;
    return d.toLocaleDateString("en-GB", { year: "numeric", month: "short", day: "numeric" });
  }

  function fmtInt(n) { return Number(n).toLocaleString("en-GB"); }

  function breachPage(id, params) {
    loading("breach");
    var link = function (p) { return hashWith(breachHref(id), p); };
    api("/api/breaches/" + enc(id)).then(function (b) {
      var figures = b.figures || [];
      var facts = el("dl", { class: "facts" },
        fact("Victim", b.victim ? entityLink(b.victim, b.victim_id) : null),
        fact("Supplier", b.via ? entityLink(b.via, b.via_id) : null),
        fact("Attacker", b.attacker ? entityLink(b.attacker, b.attacker_id) : null),
        fact("Kind", b.kind || null),
        fact("Status", b.status ? el("span", { class: "badge status " + b.status.replace(/[^a-z]/g, ""), text: b.status }) : null),
        fact("People affected", figures.length > 1 ? figureList(figures, b.sources)
          : list(b.affected).length ? el("span", { class: "big", text: list(b.affected).map(fmtInt).join(" / ") }) : null),
        fact("Data exposed", list(b.exposed).length ? list(b.exposed).join(", ") : null),
        fact("Not exposed", list(b.not_exposed).length ? list(b.not_exposed).join(", ") : null),
        fact("Reported to", list(b.reported_to).length ? list(b.reported_to).map(function (n, i) {
          return [i ? ", " : "", entityLink(n, (b.reported_to_ids || [])[i])];
        }) : null),
        fact("Cause", b.cause || null),
        fact("When", b.when || null),
        fact("Discovered", b.discovered || null),
        fact("Disclosed", b.disclosed || null),
        fact("Sources", [plural((b.articles || []).length, "article"), " · ", el("a", { href: explainHref(b.id), text: "evidence for every fact" })]));
      var conflicts = b.conflicts || [];
      var graphBox = el("div", { class: "graph" });
      show(
        el("h1", null, b.name || b.id, " ", el("span", { class: "badge breach", text: "breach" })),
        el("p", { class: "lede", text: list([b.victim, b.via ? "via " + b.via : "", b.attacker ? "by " + b.attacker : "", b.kind, b.status]).join(" · ") }),
        el("div", { class: "grid" },
          el("div", null,
            section("Connections", undefined, graphBox),
            quotePanel({ breach: b.id }, params, link, { hideBreach: true, title: "Every quote about it" })),
          el("div", { class: "side" },
            conflicts.length ? section("Sources disagree", conflicts.length, el("div", { class: "conflicts" }, conflicts.map(function (c) {
              return conflictBox(c, b.sources);
            }))) : null,
            section("Facts", undefined, facts),
            el("p", null, el("a", { class: "timeline-link", href: "#/timeline?breach=" + enc(b.id), text: "Timeline: its dates and every statement about it, in date order" })),
            section("Sources", (b.articles || []).length, pagedArticles(b.articles, b.sources, params, "apage", link)))));
      graphExplorer(graphBox, b.id);
    }).catch(fail);
  }

  // ---- timeline ---------------------------------------------------------------

  var TIMELINE_PAGE = 50;
  var DATE_SOURCES = { when: "the breach's date", first_reported: "undated: placed at its first report",
    discovered: "when it was discovered", disclosed: "when it was made public", published: "the date of the article reporting it" };

  // timelinePage shows /api/timeline for an entity, a breach or the whole
  // store: dated items under their month, a page at a time.
  function timelinePage(params) {
    loading("timeline");
    var offset = offsetOf(params);
    var filter = params.entity ? { entity: params.entity } : params.breach ? { breach: params.breach } : {};
    var link = function (p) { return hashWith("#/timeline", p); };
    var subject = params.entity ? api("/api/entities/" + enc(params.entity)).then(function (e) { return { name: e.name, href: entityHref(e.id) }; })
      : params.breach ? api("/api/breaches/" + enc(params.breach)).then(function (b) { return { name: b.name || b.id, href: breachHref(b.id) }; })
        : Promise.resolve(null);
    Promise.all([subject, apiList("/api/timeline?" + qs(Object.assign({ limit: TIMELINE_PAGE, offset: offset }, filter)))]).then(function (res) {
      return articleMeta(res[1].rows.map(function (it) { return it.article; })).then(function (arts) { return res.concat([arts]); });
    }).then(function (res) {
      var who = res[0], items = res[1].rows, total = res[1].total, arts = res[2];
      var month = null;
      var rows = [];
      items.forEach(function (it) {
        var m = it.date ? it.date.slice(0, 7) : "undated";
        if (m !== month) {
          month = m;
          rows.push(el("li", { class: "month" }, el("h3", { text: m === "undated" ? "Undated" : fmtMonth(m) })));
        }
        rows.push(timelineRow(it, arts[it.article]));
      });
      show(
        el("h1", null, "Timeline", who ? [": ", el("a", { href: who.href, text: who.name })] : null),
        el("p", { class: "lede", text: (params.entity ? "The breaches it is a party to or spoke about, its statements and the statements about those breaches"
          : params.breach ? "The breach's dates and every statement about it" : "Every breach and statement in the store") +
          ", in date order; a statement several articles report is shown once, at its earliest report." }),
        el("div", { class: "row tools" }, exportButtons("timeline", function () {
          return api("/api/timeline?" + qs(Object.assign({ limit: 5000 }, filter)));
        }, ["date", "date_source", "kind", "id", "breach", "speaker", "speaker_id", "text", "article", "publisher", "sources"])),
        items.length ? el("ol", { class: "plain timeline" }, rows) : el("p", { class: "empty", text: "Nothing dated or undated concerns it." }),
        pager(total, offset, TIMELINE_PAGE, function (o) { return link(Object.assign({}, params, { offset: o || null })); }, "the timeline"));
    }).catch(fail);
  }

  function fmtMonth(m) {
    var d = new Date(m + "-01T00:00:00Z");
    return isNaN(d.getTime()) ? m : d.toLocaleDateString("en-GB", { year: "numeric", month: "long", timeZone: "UTC" });
  }

  // timelineRow shows one item: its date, what it is, and the breach or
  // the statement with who said it and where.
  function timelineRow(it, art) {
    var date = it.date ? (it.date.length > 7 ? fmtDate(it.date + "T00:00:00Z") : fmtMonth(it.date)) : "undated";
    var body;
    if (it.kind === "statement") {
      var speaker = it.speaker_id ? el("a", { class: "speaker", href: entityHref(it.speaker_id), text: it.speaker || it.speaker_id })
        : it.speaker_mention ? el("span", { class: "speaker unnamed", text: it.speaker_mention.text }) : el("span", { class: "speaker", text: "unknown speaker" });
      body = [el("blockquote", { text: "“" + it.text + "”" }),
        el("div", { class: "meta muted" }, speaker, it.cue ? [" ", el("span", { class: "cue", text: it.cue })] : null,
          it.article ? [" · in ", el("a", { href: articleHref(it.article), text: (art && art.title) || it.article }),
            it.publisher ? el("span", { text: " (" + it.publisher + ")" }) : null] : null,
          it.breach ? [" · about ", el("a", { href: breachHref(it.breach), text: it.breach_name || it.breach })] : null,
          it.sources > 1 ? [" · ", el("a", { href: explainHref(it.id), text: "reported by " + plural(it.sources, "article") })] : null)];
    } else {
      body = [el("div", null, el("a", { class: "event", href: breachHref(it.breach || it.id), text: it.text }),
        it.kind !== "event" ? el("span", { class: "muted", text: " " + it.kind }) : null),
        el("div", { class: "meta muted", text: (DATE_SOURCES[it.date_source] || "undated") + (it.sources ? " · " + plural(it.sources, "article") : "") })];
    }
    return el("li", { class: "item " + it.kind, "data-kind": it.kind },
      el("time", { class: "when", datetime: it.date || null, text: date }),
      el("span", { class: "badge " + (it.kind === "statement" ? "direct" : "breach"), text: it.kind === "event" ? "breach" : it.kind }),
      el("div", { class: "what" }, body));
  }

  var FACT_LABELS = { victim: "Victim", via: "Supplier", attacker: "Attacker", kind: "Kind", status: "Status",
    affected: "People affected", exposed: "Data exposed", not_exposed: "Not exposed", reported_to: "Reported to",
    cause: "Cause", when: "When", discovered: "Discovered", disclosed: "Disclosed", reported: "Reported",
    mentioned: "Mentioned", role: "Role", said: "Said", published: "Published" };

  // claimValue shows a claim's value as the articles write it.
  function claimValue(c) {
    if ((c.wordings || []).length) return c.wordings.join(" / ");
    return c.number ? fmtInt(c.number) : c.value;
  }

  // claimSources lists the articles that give a claim, with their outlets.
  function claimSources(c, sources) {
    return el("span", { class: "muted" }, (c.articles || []).map(function (id, i) {
      var s = (sources || []).filter(function (a) { return a.id === id; })[0] || { id: id };
      return [i ? ", " : "", el("a", { href: articleHref(id), title: s.title || id, text: s.publisher || s.title || id })];
    }));
  }

  // figureList shows each figure the sources give, with who gives it.
  function figureList(figures, sources) {
    return el("ul", { class: "plain figures" }, figures.map(function (c) {
      return el("li", null, el("span", { class: "big", text: claimValue(c) }), " ", claimSources(c, sources));
    }));
  }

  // conflictBox shows one fact the sources disagree on.
  function conflictBox(c, sources) {
    return el("div", { class: "conflict", role: "note" },
      el("h3", { text: (FACT_LABELS[c.fact] || c.fact) + ": " + plural(c.claims.length, "version") }),
      el("ul", { class: "plain" }, c.claims.map(function (cl) {
        var not = c.fact === "exposed" && cl.fact === "not_exposed" ? "not " : "";
        return el("li", null, el("strong", { text: not + claimValue(cl) }), " — ",
          plural(cl.sources, "article"), ": ", claimSources(cl, sources));
      })));
  }

  function explainPage(id) {
    loading("evidence");
    api("/api/explain/" + enc(id)).then(function (x) {
      var back = x.kind === "breach" ? breachHref(x.id) : x.kind === "entity" ? entityHref(x.id) : x.speaker_id ? entityHref(x.speaker_id) : "#/";
      show(
        el("h1", null, x.kind === "quote" ? "“" + x.name + "”" : x.name, " ", el("span", { class: "badge " + (x.kind === "breach" ? "breach" : "evidence"), text: "evidence" })),
        el("p", { class: "lede" }, x.speaker ? ["said by ", el("a", { href: entityHref(x.speaker_id), text: x.speaker }), " · "]
          : x.speaker_mention ? ["said by ", el("span", { class: "speaker unnamed", text: x.speaker_mention.text }), " · "] : null,
          x.cue ? ["cue ", el("span", { class: "cue", text: x.cue }), " · "] : null,
          confidenceMark(x) ? [confidenceMark(x), " · "] : null,
          plural(x.sources, "article"), ", ", plural(x.publishers, "outlet"), " · ",
          el("a", { href: back, text: x.kind === "quote" ? "more from " + (x.speaker || "the speaker") : "back to the " + x.kind })),
        (x.facts || []).map(function (f) {
          return el("section", { class: "evidence-fact" },
            el("h2", null, (FACT_LABELS[f.fact] || f.fact) + ": ", el("span", { class: "value", text: f.value }),
              el("span", { class: "count", text: plural(f.sources, "article") })),
            el("ul", { class: "plain evidence" }, (f.evidence || []).map(function (ev) {
              return el("li", null,
                el("div", null, el("a", { href: articleHref(ev.article), text: ev.title || ev.article }),
                  el("span", { class: "muted", text: " " + list([ev.publisher, fmtDate(ev.published), ev.mentions ? plural(ev.mentions, "mention") : ""]).join(" · ") })),
                ev.sentence ? el("blockquote", { class: "sentence", text: ev.sentence }) : el("p", { class: "muted", text: "No sentence states it: the article's own data." }),
                ev.sentence ? el("div", { class: "muted offsets", text: "bytes " + ev.start + "–" + ev.end + " of the article's text" },
                  originalLink(ev.url)) : null);
            })));
        }));
    }).catch(fail);
  }

  // originalLink links an article's own address, when it is a web address:
  // a stored url of javascript:, data: or anything else is shown as text.
  function originalLink(url) {
    if (!url) return null;
    if (!/^https?:\/\//i.test(url)) return [" · ", el("span", { class: "muted", title: "not a web address, so not a link", text: url })];
    return [" · ", el("a", { href: url, rel: "noopener noreferrer", target: "_blank", text: "original" })];
  }

  function fact(label, value) {
    if (value === null || value === undefined || value === "") return null;
    return el("div", null, el("dt", { text: label }), el("dd", null, value));
  }

  function entityLink(name, id) {
    return id ? el("a", { href: entityHref(id), text: name }) : el("a", { href: searchHref(name, "org"), text: name });
  }

  function articlePage(id) {
    loading("article");
    Promise.all([api("/api/articles/" + enc(id)), api("/api/text/" + enc(id))]).then(function (res) {
      var a = res[0], txt = res[1];
      var byQuote = {};
      (a.quotes || []).forEach(function (q) { byQuote[q.id] = q; });
      var last = -1;
      var text = el("div", { class: "article-text" }, (txt.passages || []).map(function (p) {
        var gap = last >= 0 && p.start > last + 2;
        last = p.end;
        return [gap ? el("p", { class: "gap muted", "aria-label": "text the store does not keep", text: "…" }) : null,
          el("p", { class: "passage", "data-start": p.start },
            p.parts.map(function (part) {
              var node = part.entity
                ? el("a", { class: "ent " + (part.entity_type || ""), href: entityHref(part.entity), title: part.entity_type || "entity", text: part.text })
                : document.createTextNode(part.text);
              if (!part.quote) return node;
              var q = byQuote[part.quote] || {};
              return el("mark", { class: "q " + (q.kind || ""), "data-quote": part.quote,
                title: (q.speaker ? q.speaker + ", " : "") + (q.kind || "quote") }, node);
            }))];
      }));
      show(
        el("h1", { text: a.title || a.id }),
        el("p", { class: "lede" }, list([a.publisher, a.author, fmtDate(a.published)]).join(" · "),
          originalLink(a.url), el("span", { class: "muted", text: " · id " + a.id })),
        el("div", { class: "grid" },
          el("div", null,
            section("Text", undefined, [
              el("p", { class: "muted note", text: "The sentences the graph keeps: those with quotes and facts, with quotes marked and names linked. Gaps (…) are text it does not store." }),
              (txt.passages || []).length ? text : el("p", { class: "empty", text: "The store keeps no text of this article." })]),
            section("Quotes", (a.quotes || []).length, quoteList(a.quotes, { articles: (function () { var m = {}; m[a.id] = a; return m; })() }))),
          el("div", { class: "side" },
            section("Mentions", (a.entities || []).length, (a.entities || []).length ? el("div", { class: "chips" }, a.entities.map(function (e) {
              return el("a", { class: "chip", href: entityHref(e.id) }, typeBadge(e.type), e.name);
            })) : el("p", { class: "empty", text: "No entities." })),
            section("Breaches", (a.breaches || []).length, (a.breaches || []).length ? el("ul", { class: "plain" }, a.breaches.map(function (b) {
              return el("li", null, el("a", { href: breachHref(b.id), text: b.name || b.id }));
            })) : el("p", { class: "empty", text: "No breaches." })))));
    }).catch(fail);
  }

  function breachTable(bs) {
    return el("table", { class: "list breaches" },
      el("thead", null, el("tr", null, ["Breach", "Victim", "Supplier", "Attacker", "Kind", "Status", "Affected", "Sources"].map(function (h) { return el("th", { text: h }); }))),
      el("tbody", null, bs.map(function (b) {
        return el("tr", null,
          el("td", null, el("a", { href: breachHref(b.id), text: b.name || b.id })),
          el("td", { text: b.victim || "" }),
          el("td", { text: b.via || "" }),
          el("td", { text: b.attacker || "" }),
          el("td", { text: b.kind || "" }),
          el("td", { text: b.status || "" }),
          el("td", { text: list(b.affected).map(fmtInt).join(" / ") }),
          el("td", { text: String((b.articles || []).length) }));
      })));
  }

  function breachesPage(params) {
    loading("breaches");
    var offset = offsetOf(params), q = params.q || "";
    var link = function (p) { return hashWith("#/breaches", p); };
    apiList("/api/breaches?" + qs({ q: q, limit: PAGE, offset: offset })).then(function (r) {
      var filter = el("input", { type: "search", name: "q", placeholder: "Filter by name, victim or supplier", value: q, "aria-label": "Filter breaches" });
      show(el("h1", { text: "Breaches" }),
        el("p", { class: "lede", text: plural(r.total, "breach", "breaches") + " reported in the articles" + (q ? " matching “" + q + "”" : "") + "." }),
        el("form", { class: "search filter", onsubmit: function (ev) { ev.preventDefault(); location.hash = link({ q: filter.value.trim() || null }); } }, filter,
          el("button", { type: "submit", class: "secondary", text: "Filter" })),
        el("div", { class: "row tools" }, exportButtons("breaches", function () { return api("/api/breaches?" + qs({ q: q, limit: 5000 })); },
          ["id", "name", "victim", "via", "attacker", "kind", "status", "affected", "exposed", "when", "articles"])),
        r.rows.length ? breachTable(r.rows) : el("p", { class: "empty", text: "No breaches." }),
        pager(r.total, offset, PAGE, function (o) { return link(Object.assign({}, params, { offset: o || null })); }, "breaches"));
    }).catch(fail);
  }

  function entitiesPage(params) {
    loading("people and organisations");
    var offset = offsetOf(params), q = params.q || "", type = params.type || "";
    var link = function (p) { return hashWith("#/entities", p); };
    apiList("/api/entities?" + qs({ q: q, type: type, limit: PAGE, offset: offset })).then(function (r) {
      var filter = el("input", { type: "search", name: "q", placeholder: "Filter by name", value: q, "aria-label": "Filter by name" });
      var types = el("select", { "aria-label": "Type" }, [["", "any type"], ["person", "people"], ["organization", "organisations"], ["place", "places"]].map(function (t) {
        return el("option", { value: t[0], selected: t[0] === type ? "selected" : null, text: t[1] });
      }));
      show(el("h1", { text: "People & organisations" }),
        el("p", { class: "lede", text: plural(r.total, "entity", "entities") + (q ? " matching “" + q + "”" : "") + "." }),
        el("form", { class: "search filter", onsubmit: function (ev) { ev.preventDefault(); location.hash = link({ q: filter.value.trim() || null, type: types.value || null }); } },
          filter, types, el("button", { type: "submit", class: "secondary", text: "Filter" })),
        el("div", { class: "row tools" }, exportButtons("entities", function () { return api("/api/entities?" + qs({ q: q, type: type, limit: 5000 })); },
          ["id", "name", "type", "kind", "aliases", "articles"])),
        el("table", { class: "list entities" },
          el("thead", null, el("tr", null, ["Name", "Type", "Kind", "Roles", "Articles"].map(function (h) { return el("th", { text: h }); }))),
          el("tbody", null, r.rows.map(function (e) {
            return el("tr", null,
              el("td", null, el("a", { href: entityHref(e.id), text: e.name })),
              el("td", null, typeBadge(e.type)),
              el("td", { text: e.kind || "" }),
              el("td", { text: (e.roles || []).map(roleText).join("; ") }),
              el("td", { text: String((e.articles || []).length) }));
          }))),
        pager(r.total, offset, PAGE, function (o) { return link(Object.assign({}, params, { offset: o || null })); }, "entities"));
    }).catch(fail);
  }

  // ---- graph to explore -------------------------------------------------------

  var COLORS = { person: "#1f4f99", organization: "#2e7d4f", place: "#6b4ea0", breach: "#b4232a", "": "#6d7480" };
  var TYPE_NAMES = { person: "person", organization: "organisation", place: "place", breach: "breach", "": "other" };

  // graphExplorer draws rootId and what shares articles with it, in box: a
  // click on a node opens its neighbours (from /api/neighbors), the wheel
  // or the buttons zoom, dragging the background pans, "show more" adds
  // the next neighbours of the chosen node. Edges are as thick as the
  // number of articles the two share.
  function graphExplorer(box, rootId) {
    var STEP = 12;
    var nodes = {}, order = [], edges = {}, selected = rootId;
    var view = { k: 1, x: 0, y: 0 };
    var W = Math.max(300, Math.floor(box.clientWidth || 800) - 16), H = W < 500 ? 360 : 420;
    var root = svg("svg", { width: W, height: H, viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "Graph of what shares articles with this page's subject" });
    var layer = svg("g", { class: "viewport" });
    root.appendChild(svg("rect", { class: "bg", x: 0, y: 0, width: W, height: H }));
    root.appendChild(layer);
    var info = el("div", { class: "graph-info" });
    var more = el("button", { type: "button", class: "secondary show-more", text: "Show more" });
    var tools = el("div", { class: "graph-tools" },
      el("button", { type: "button", class: "secondary zoom-in", "aria-label": "Zoom in", text: "+", onclick: function () { zoom(1.25, W / 2, H / 2); } }),
      el("button", { type: "button", class: "secondary zoom-out", "aria-label": "Zoom out", text: "−", onclick: function () { zoom(0.8, W / 2, H / 2); } }),
      el("button", { type: "button", class: "secondary zoom-reset", text: "Fit", onclick: function () { view = { k: 1, x: 0, y: 0 }; place(); } }),
      more, info);
    box.textContent = "";
    append(box, tools, root, el("div", { class: "legend" }, ["person", "organization", "place", "breach"].map(function (k) {
      var i = el("i");
      i.style.background = COLORS[k];
      return el("span", null, i, TYPE_NAMES[k]);
    }), el("span", { class: "muted", text: "· line width: articles in common · click a node to open its neighbours" })));

    function node(id, label, type, near, i, n) {
      if (nodes[id]) return nodes[id];
      var a = 2 * Math.PI * (i + 0.5) / Math.max(n, 1), r = near ? 90 : 0;
      var x = near ? near.x + r * Math.cos(a) : W / 2, y = near ? near.y + r * Math.sin(a) : H / 2;
      var nd = { id: id, label: label, type: type || "", x: x, y: y, vx: 0, vy: 0, loaded: 0, total: -1 };
      nodes[id] = nd;
      order.push(nd);
      return nd;
    }

    function load(id) {
      var nd = nodes[id];
      var offset = nd ? nd.loaded : 0;
      return api("/api/neighbors/" + enc(id) + "?limit=" + STEP + "&offset=" + offset).then(function (res) {
        var from = node(res.id, res.label, res.type, null, 0, 1);
        from.total = res.total;
        from.loaded = offset + res.nodes.length;
        res.nodes.forEach(function (x, i) {
          node(x.id, x.label, x.type, from, i + offset, Math.max(res.nodes.length, 6));
          var key = from.id < x.id ? from.id + "\n" + x.id : x.id + "\n" + from.id;
          edges[key] = { a: from.id, b: x.id, w: x.weight };
        });
        layout(from.loaded === res.nodes.length && order.length === res.nodes.length + 1 ? 300 : 150);
        draw();
      }).catch(function (err) { info.textContent = String(err && err.message || err); });
    }

    function layout(steps) {
      forceLayout(order, Object.keys(edges).map(function (k) { return edges[k]; }), nodes, W, H, steps, W < 500 ? 95 : 130);
    }

    function place() { layer.setAttribute("transform", "translate(" + view.x + "," + view.y + ") scale(" + view.k + ")"); }

    function zoom(f, cx, cy) {
      var k = Math.min(4, Math.max(0.25, view.k * f));
      view.x = cx - (cx - view.x) * k / view.k;
      view.y = cy - (cy - view.y) * k / view.k;
      view.k = k;
      place();
    }

    function draw() {
      layer.textContent = "";
      var centre = nodes[rootId] || { x: W / 2, y: H / 2 };
      var g = svg("g", { class: "edges" });
      Object.keys(edges).forEach(function (k) {
        var e = edges[k], a = nodes[e.a], b = nodes[e.b];
        g.appendChild(svg("line", { class: "edge", x1: a.x, y1: a.y, x2: b.x, y2: b.y, "stroke-width": Math.min(9, 1 + 1.6 * Math.log(e.w) / Math.LN2), "data-weight": e.w },
          svg("title", { text: a.label + " — " + b.label + ": " + plural(e.w, "article") + " in common" })));
      });
      layer.appendChild(g);
      order.forEach(function (n) {
        var isRoot = n.id === rootId;
        var cls = "node" + (isRoot ? " center" : "") + (n.total >= 0 ? " expanded" : "") + (n.id === selected ? " selected" : "");
        var v = svg("g", { class: cls, tabindex: "0", role: "button", "data-id": n.id, "aria-label": n.label + " (" + TYPE_NAMES[n.type] + ")" },
          svg("title", { text: n.label + " (" + TYPE_NAMES[n.type] + ")" + (n.total >= 0 ? ": " + plural(n.total, "neighbour") : ": click to open its neighbours") }),
          svg("circle", { cx: n.x, cy: n.y, r: isRoot ? 13 : 8, fill: COLORS[n.type] || COLORS[""] }),
          nodeLabel(n, isRoot ? 13 : 8, centre.x, centre.y, short(n.label, W < 500 ? 22 : 30)));
        v.addEventListener("click", function (ev) { ev.stopPropagation(); choose(n); });
        v.addEventListener("keydown", function (ev) { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); choose(n); } });
        layer.appendChild(v);
      });
      var s = nodes[selected];
      info.textContent = "";
      if (s) {
        append(info, el("strong", { text: s.label }), " ",
          el("a", { href: s.type === "breach" ? breachHref(s.id) : entityHref(s.id), text: "open page" }),
          s.total >= 0 ? el("span", { class: "muted", text: " · " + Math.min(s.loaded, s.total) + " of " + plural(s.total, "neighbour") + " shown" }) : null);
        more.disabled = s.total >= 0 && s.loaded >= s.total;
      }
      place();
    }

    function choose(n) {
      selected = n.id;
      if (n.total < 0) load(n.id); else draw();
    }

    more.addEventListener("click", function () { load(selected); });
    root.addEventListener("wheel", function (ev) {
      ev.preventDefault();
      var r = root.getBoundingClientRect();
      zoom(ev.deltaY < 0 ? 1.15 : 1 / 1.15, ev.clientX - r.left, ev.clientY - r.top);
    }, { passive: false });
    var drag = null;
    root.addEventListener("pointerdown", function (ev) {
      if (ev.target.closest && ev.target.closest(".node")) return;
      drag = { x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y };
      root.setPointerCapture(ev.pointerId);
    });
    root.addEventListener("pointermove", function (ev) {
      if (!drag) return;
      view.x = drag.vx + ev.clientX - drag.x;
      view.y = drag.vy + ev.clientY - drag.y;
      place();
    });
    root.addEventListener("pointerup", function () { drag = null; });
    load(rootId);
  }

  // forceLayout runs a small force simulation on list (nodes with x, y,
  // vx, vy): nodes repel, edges ({a, b} ids into byId) pull to length,
  // everything drifts to the middle of W by H.
  function forceLayout(list, E, byId, W, H, steps, length) {
    for (var s = 0; s < steps; s++) {
      var t = 1 - s / steps;
      for (var i = 0; i < list.length; i++) {
        var a = list[i];
        for (var j = i + 1; j < list.length; j++) {
          var b = list[j], dx = a.x - b.x, dy = a.y - b.y, d2 = dx * dx + dy * dy + 0.01;
          if (d2 > 250000) continue;
          var f = 2200 / d2, d = Math.sqrt(d2);
          a.vx += f * dx / d; a.vy += f * dy / d; b.vx -= f * dx / d; b.vy -= f * dy / d;
        }
      }
      E.forEach(function (e) {
        var a = byId[e.a], b = byId[e.b], dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) + 0.01;
        var f = (d - length) * 0.02;
        a.vx += f * dx / d; a.vy += f * dy / d; b.vx -= f * dx / d; b.vy -= f * dy / d;
      });
      list.forEach(function (n) {
        n.vx += (W / 2 - n.x) * 0.004; n.vy += (H / 2 - n.y) * 0.006;
        var v = Math.sqrt(n.vx * n.vx + n.vy * n.vy), cap = 12 * t + 0.5;
        if (v > cap) { n.vx *= cap / v; n.vy *= cap / v; }
        n.x += n.vx; n.y += n.vy; n.vx *= 0.6; n.vy *= 0.6;
      });
    }
  }

  // nodeLabel places a node's label away from the middle of the graph
  // (cx, cy): to the left of a node on the left, to the right of one on
  // the right, below one straight above or below the middle, so that a
  // star's labels point outwards and do not cross its edges.
  function nodeLabel(n, r, cx, cy, text) {
    var dx = n.x - cx, dy = n.y - cy;
    if (Math.abs(dx) < 24 && Math.abs(dx) < Math.abs(dy) || r > 10) {
      return svg("text", { x: n.x, y: dy < 0 && r <= 10 ? n.y - r - 5 : n.y + r + 14, "text-anchor": "middle", text: text });
    }
    return svg("text", { x: dx < 0 ? n.x - r - 4 : n.x + r + 4, y: n.y + 4, "text-anchor": dx < 0 ? "end" : "start", text: text });
  }

  function short(s, n) {
    s = String(s || "");
    return s.length > n ? s.slice(0, n - 1) + "…" : s;
  }

  // ---- Gizmo console ---------------------------------------------------------

  var EXAMPLES = [
    ["How many quotes?", 'g.emit(g.V().Has("<rdf:type>", "<schema:Quotation>").Count())'],
    ["Who said what", 'g.V().Has("<rdf:type>", "<schema:Quotation>")\n  .Save("<schema:text>", "text")\n  .Out("<schema:creator>").Save("<schema:name>", "speaker")\n  .Limit(20).All()'],
    ["Breaches and their victims", 'g.V().Has("<rdf:type>", "<ng:DataBreach>")\n  .Save("<schema:name>", "breach")\n  .Out("<ng:victim>").Save("<schema:name>", "victim")\n  .All()'],
    ["Articles mentioning Rick Prior", 'g.V().Has("<schema:name>", "Rick Prior")\n  .In("<schema:mentions>")\n  .Save("<schema:headline>", "headline")\n  .All()'],
    ["People and their roles", 'g.V().Has("<rdf:type>", "<schema:Person>")\n  .Save("<schema:name>", "person")\n  .Out("<ng:role>").Save("<schema:jobTitle>", "title")\n  .Out("<schema:memberOf>").Save("<schema:name>", "org")\n  .Limit(50).All()'],
    ["Articles and their publishers", 'g.V().Has("<rdf:type>", "<schema:NewsArticle>")\n  .Save("<schema:headline>", "headline")\n  .Out("<schema:publisher>").Save("<schema:name>", "publisher")\n  .All()'],
    ["A runaway query (stopped by the server)", "while (true) {}"]
  ];


  // RECENT is the localStorage key of the console's recent queries.
  var RECENT = "newsgraph.gizmo.recent";

  function recentQueries() {
    try { var v = JSON.parse(localStorage.getItem(RECENT) || "[]"); return Array.isArray(v) ? v : []; } catch (e) { return []; }
  }

  function remember(q) {
    var v = [q].concat(recentQueries().filter(function (x) { return x !== q; })).slice(0, 10);
    try { localStorage.setItem(RECENT, JSON.stringify(v)); } catch (e) { /* private mode: not kept */ }
  }

  // cellText shows a Gizmo value: a string as it is, anything else as
  // JSON.
  function cellText(v) {
    if (v === null || v === undefined) return "";
    return typeof v === "string" ? v : JSON.stringify(v);
  }

  // resultTable shows Gizmo results (objects of tags) as a table, the
  // first 500 rows.
  function resultTable(rows) {
    var cols = [];
    rows.forEach(function (r) {
      if (r && typeof r === "object" && !Array.isArray(r)) Object.keys(r).forEach(function (k) { if (cols.indexOf(k) < 0) cols.push(k); });
    });
    if (!cols.length) cols = ["value"];
    var shown = rows.slice(0, 500);
    return el("div", { class: "table-wrap" }, el("table", { class: "list gizmo-table" },
      el("thead", null, el("tr", null, cols.map(function (c) { return el("th", { text: c }); }))),
      el("tbody", null, shown.map(function (r) {
        var obj = r && typeof r === "object" && !Array.isArray(r) ? r : { value: r };
        return el("tr", null, cols.map(function (c) { return el("td", { text: cellText(obj[c]) }); }));
      }))), rows.length > shown.length ? el("p", { class: "muted", text: "First 500 of " + fmtInt(rows.length) + " rows; the downloads hold all." }) : null);
  }

  // gizmoValue reads a Gizmo result value: an IRI of the graph's
  // entities, breaches, articles or quotes (with the page showing it), or
  // a literal.
  function gizmoValue(v) {
    var str = typeof v === "string" ? v : JSON.stringify(v);
    var m = /^<([^>]*)>$/.exec(str);
    if (!m) return { key: "v:" + str, label: str, type: "value" };
    var iri = m[1];
    var kinds = [["ng:entity/", "entity"], ["ng:event/", "breach"], ["ng:article/", "article"], ["ng:quote/", "quote"]];
    for (var i = 0; i < kinds.length; i++) {
      if (iri.indexOf(kinds[i][0]) !== 0) continue;
      var id = iri.slice(kinds[i][0].length);
      try { id = decodeURIComponent(id); } catch (e) { /* not percent-encoded: as it is */ }
      var k = kinds[i][1], type = k;
      if (k === "entity") type = /^person\//.test(id) ? "person" : /^org\//.test(id) ? "organization" : /^place\//.test(id) ? "place" : "entity";
      var href = k === "breach" ? breachHref(id) : k === "article" ? articleHref(id) : k === "quote" ? explainHref(id) : entityHref(id);
      return { key: "i:" + iri, label: id, type: type, href: href };
    }
    return { key: "i:" + iri, label: iri, type: "iri" };
  }

  var GIZMO_COLORS = { person: COLORS.person, organization: COLORS.organization, place: COLORS.place, entity: COLORS[""],
    breach: COLORS.breach, article: "#7a5c12", quote: "#b07a00", iri: "#4d5563", value: "#9aa3b2" };

  // resultGraph draws Gizmo results as a graph whose nodes are the values
  // they hold: each result joins its id to each value it saved, the line
  // named by the tag; the same value in several results is one node. A
  // node of the graph's entities, breaches, articles or quotes opens its
  // page. At most 150 nodes, from the first results.
  function resultGraph(rows, width) {
    var MAX = 150;
    var byKey = {}, list = [], edges = {}, cut = false;
    function node(v) {
      var g = gizmoValue(v);
      if (byKey[g.key]) return byKey[g.key];
      if (list.length >= MAX) { cut = true; return null; }
      g.x = 0; g.y = 0; g.vx = 0; g.vy = 0; g.deg = 0;
      byKey[g.key] = g;
      list.push(g);
      return g;
    }
    rows.forEach(function (r) {
      if (!r || typeof r !== "object" || Array.isArray(r)) { node(r); return; }
      var keys = Object.keys(r);
      var hub = "id" in r ? node(r.id) : null;
      keys.forEach(function (k) {
        if (k === "id") return;
        var n = node(r[k]);
        if (!hub) { hub = n; return; }
        if (!n || n === hub) return;
        var key = hub.key + "\n" + n.key + "\n" + k;
        if (!edges[key]) { edges[key] = { a: hub.key, b: n.key, tag: k }; hub.deg++; n.deg++; }
      });
    });
    var box = el("div", { class: "graph gizmo-graph" });
    if (!list.length) { append(box, el("p", { class: "empty", text: "No values to draw." })); return box; }
    var W = Math.max(300, Math.min(900, Math.floor(width || 800) - 16)), H = W < 500 ? 360 : 460;
    list.forEach(function (n, i) {
      var a = 2 * Math.PI * i / list.length, r = Math.min(W, H) / 3;
      n.x = W / 2 + r * Math.cos(a); n.y = H / 2 + r * Math.sin(a);
    });
    var E = Object.keys(edges).map(function (k) { return edges[k]; });
    forceLayout(list, E, byKey, W, H, 300, W < 500 ? 70 : 90);
    var root = svg("svg", { width: W, height: H, viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "The query's results as a graph" });
    var layer = svg("g", { class: "viewport" });
    root.appendChild(svg("rect", { class: "bg", x: 0, y: 0, width: W, height: H }));
    root.appendChild(layer);
    var g = svg("g", { class: "edges" });
    E.forEach(function (e) {
      var a = byKey[e.a], b = byKey[e.b];
      g.appendChild(svg("line", { class: "edge", x1: a.x, y1: a.y, x2: b.x, y2: b.y, "data-tag": e.tag }, svg("title", { text: e.tag })));
    });
    layer.appendChild(g);
    var cx = 0, cy = 0;
    list.forEach(function (n) { cx += n.x / list.length; cy += n.y / list.length; });
    list.forEach(function (n) {
      var r = Math.min(12, 5 + Math.sqrt(n.deg));
      var parts = [svg("title", { text: n.label + " (" + n.type + ")" + (n.href ? ": open its page" : "") }),
        svg("circle", { cx: n.x, cy: n.y, r: r, fill: GIZMO_COLORS[n.type] || GIZMO_COLORS.value }),
        nodeLabel(n, r, cx, cy, short(n.label, W < 500 ? 18 : 26))];
      var v = n.href
        ? svg("a", { class: "node expanded", href: n.href, "data-type": n.type, "data-label": n.label })
        : svg("g", { class: "node expanded", "data-type": n.type, "data-label": n.label });
      parts.forEach(function (p) { v.appendChild(p); });
      layer.appendChild(v);
    });
    // Zoom with the wheel, pan by dragging the background.
    var view = { k: 1, x: 0, y: 0 }, drag = null;
    function place() { layer.setAttribute("transform", "translate(" + view.x + "," + view.y + ") scale(" + view.k + ")"); }
    root.addEventListener("wheel", function (ev) {
      ev.preventDefault();
      var b = root.getBoundingClientRect(), px = (ev.clientX - b.left) * W / b.width, py = (ev.clientY - b.top) * H / b.height;
      var k = Math.min(4, Math.max(0.25, view.k * (ev.deltaY < 0 ? 1.15 : 1 / 1.15)));
      view.x = px - (px - view.x) * k / view.k; view.y = py - (py - view.y) * k / view.k; view.k = k;
      place();
    }, { passive: false });
    root.addEventListener("pointerdown", function (ev) {
      if (ev.target.closest && ev.target.closest(".node")) return;
      drag = { x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y };
      root.setPointerCapture(ev.pointerId);
    });
    root.addEventListener("pointermove", function (ev) {
      if (!drag) return;
      view.x = drag.vx + ev.clientX - drag.x; view.y = drag.vy + ev.clientY - drag.y;
      place();
    });
    root.addEventListener("pointerup", function () { drag = null; });
    var shown = {};
    list.forEach(function (n) { shown[n.type] = true; });
    append(box, root, el("div", { class: "legend" },
      Object.keys(GIZMO_COLORS).filter(function (k) { return shown[k]; }).map(function (k) {
        var i = el("i");
        i.style.background = GIZMO_COLORS[k];
        return el("span", null, i, k === "organization" ? "organisation" : k);
      }),
      el("span", { class: "muted", text: "· " + plural(list.length, "node") + ", " + plural(E.length, "line") +
        (cut ? " (the first " + MAX + " values)" : "") + " · a line joins a result's id to a value it saved · click a node to open its page" })));
    return box;
  }

  function gizmoPage() {
    var box = el("textarea", { id: "gizmo-query", spellcheck: "false", "aria-label": "Gizmo query" });
    box.value = sessionStorage.getItem("gizmo") || recentQueries()[0] || EXAMPLES[1][1];
    var out = el("pre", { id: "gizmo-output", text: "Results appear here." });
    var table = el("div", { id: "gizmo-table" });
    var graphBox = el("div", { id: "gizmo-graph" });
    var status = el("span", { class: "muted" });
    var last = null;
    var downloads = el("span", { class: "export" }, "Download ",
      el("button", { type: "button", class: "secondary", id: "gizmo-csv", disabled: "disabled", text: "CSV",
        onclick: function () { if (last) download("gizmo.csv", "text/csv", toCSV(last.map(function (r) { return r && typeof r === "object" && !Array.isArray(r) ? r : { value: r }; }))); } }),
      el("button", { type: "button", class: "secondary", id: "gizmo-json", disabled: "disabled", text: "JSON",
        onclick: function () { if (last) download("gizmo.json", "application/json", JSON.stringify(last, null, 2)); } }));
    var recent = el("div", { class: "examples recent", id: "gizmo-recent" });
    function fillRecent() {
      recent.textContent = "";
      var qs = recentQueries();
      if (!qs.length) { append(recent, el("p", { class: "empty", text: "Queries you run are kept here, in this browser." })); return; }
      qs.forEach(function (q) {
        append(recent, el("button", { type: "button", onclick: function () { box.value = q; run(); } }, el("small", { text: q.replace(/\s+/g, " ") })));
      });
    }
    function setResult(rows) {
      last = rows;
      document.getElementById("gizmo-csv").disabled = !rows;
      document.getElementById("gizmo-json").disabled = !rows;
      table.textContent = "";
      graphBox.textContent = "";
      if (rows) append(table, resultTable(rows));
      if (rows) append(graphBox, resultGraph(rows, graphBox.clientWidth));
    }
    function run() {
      var qu = box.value;
      sessionStorage.setItem("gizmo", qu);
      remember(qu);
      fillRecent();
      status.textContent = "Running…";
      var t0 = performance.now();
      fetch("/api/v2/query?lang=gizmo", { method: "POST", body: qu, headers: { Accept: "application/json" } })
        .then(function (r) {
          return r.json().catch(function () { return { error: r.status + " " + r.statusText }; }).then(function (body) {
            var ms = Math.round(performance.now() - t0);
            if (!r.ok || body.error) {
              status.textContent = "Error " + r.status + " after " + ms + " ms";
              out.textContent = body.error || JSON.stringify(body, null, 2);
              setResult(null);
              return;
            }
            var rows = body.result || [];
            status.textContent = plural(rows.length, "result") + " in " + ms + " ms";
            out.textContent = JSON.stringify(rows, null, 2);
            setResult(rows);
          });
        })
        .catch(function (err) { status.textContent = ""; out.textContent = String(err); setResult(null); });
    }
    box.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); run(); }
    });
    show(
      el("h1", { text: "Gizmo console" }),
      el("p", { class: "lede" }, "Ask the graph anything in ",
        el("a", { href: "https://cayley.gitbook.io/cayley/query-languages/gizmoapi", rel: "noopener noreferrer", target: "_blank", text: "Gizmo" }),
        ", Cayley's JavaScript query language. Queries are stopped after the server's time limit and result cap. Ctrl+Enter runs."),
      el("div", { class: "grid console" },
        el("div", null, box, el("div", { class: "row" }, el("button", { type: "button", id: "gizmo-run", onclick: run, text: "Run query" }), status, downloads),
          el("h2", { text: "Table" }), table, el("h2", { text: "Graph" }), graphBox, el("h2", { text: "JSON" }), out),
        el("div", null, el("h2", { class: "flush", text: "Examples" }), el("div", { class: "examples" }, EXAMPLES.map(function (ex) {
          return el("button", { type: "button", onclick: function () { box.value = ex[1]; run(); } }, ex[0], el("small", { text: ex[1].replace(/\s+/g, " ") }));
        })), el("h2", { text: "Recent" }), recent)));
    fillRecent();
  }

  // ---- routing ----------------------------------------------------------------

  function parseQuery(s) {
    var out = {};
    (s || "").split("&").forEach(function (kv) {
      if (!kv) return;
      var i = kv.indexOf("=");
      var k = decodeURIComponent(i < 0 ? kv : kv.slice(0, i));
      out[k] = i < 0 ? "" : decodeURIComponent(kv.slice(i + 1).replace(/\+/g, " "));
    });
    return out;
  }

  function route() {
    var hash = location.hash.replace(/^#\/?/, "");
    var qi = hash.indexOf("?");
    var path = qi < 0 ? hash : hash.slice(0, qi);
    var params = parseQuery(qi < 0 ? "" : hash.slice(qi + 1));
    var slash = path.indexOf("/");
    var page = slash < 0 ? path : path.slice(0, slash);
    var arg = slash < 0 ? "" : decodeURIComponent(path.slice(slash + 1));
    document.querySelectorAll(".nav a").forEach(function (a) {
      a.classList.toggle("active", a.getAttribute("href") === "#/" + page);
    });
    window.scrollTo(0, 0);
    if (page !== "search") input.value = "";
    switch (page) {
      case "": home(); break;
      case "search": search(params.q || "", params.by || "any", params); break;
      case "entity": entityPage(arg, params); break;
      case "breach": breachPage(arg, params); break;
      case "article": articlePage(arg); break;
      case "explain": explainPage(arg); break;
      case "breaches": breachesPage(params); break;
      case "entities": entitiesPage(params); break;
      case "gizmo": gizmoPage(); break;
      case "timeline": timelinePage(params); break;
      default: show(el("h1", { text: "Not found" }), el("p", null, "No page here. ", el("a", { href: "#/", text: "Start again" }), "."));
    }
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var target = searchHref(input.value.trim(), by.value);
    if (location.hash === target) route(); else location.hash = target;
  });
  window.addEventListener("hashchange", route);

  api("/api/stats").then(function (s) {
    document.getElementById("stats").textContent = [
      plural(s.articles || 0, "article"), plural(s.entities || 0, "entity", "entities"),
      plural(s.quotes || 0, "quote"), plural(s.breaches || 0, "breach", "breaches"), plural(s.quads || 0, "quad")
    ].join(" · ");
  }).catch(function () { /* stats are decoration */ });

  route();
})();
