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

  function append(node, child) {
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

  function articleTitle(id, sources) {
    var s = (sources || []).filter(function (a) { return a.id === id; })[0];
    return s && s.title ? s.title : id;
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
        q.article && !opts.hideArticle ? el("span", null, "in ", el("a", { href: articleHref(q.article), "data-article": q.article, text: articleTitle(q.article, opts.sources) })) : null,
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

  // quoteGroups lists quotes under a heading per article, in the order the
  // articles first appear.
  function quoteGroups(quotes, opts) {
    if (!quotes || quotes.length === 0) return el("p", { class: "empty", text: "No quotes." });
    var order = [], by = {};
    quotes.forEach(function (q) {
      if (!by[q.article]) { by[q.article] = []; order.push(q.article); }
      by[q.article].push(q);
    });
    var inner = Object.assign({}, opts, { hideArticle: true });
    return el("div", { class: "quotes grouped" }, order.map(function (id) {
      var s = (opts.sources || []).filter(function (a) { return a.id === id; })[0] || { id: id };
      return el("section", { class: "group" },
        el("h3", null, el("a", { href: articleHref(id), text: s.title || id }),
          el("span", { class: "muted", text: list([s.publisher, fmtDate(s.published)]).join(" · ") })),
        el("div", { class: "cards" }, by[id].map(function (q) { return quoteCard(q, inner); })));
    }));
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
    api("/api/breaches?limit=10").then(function (bs) {
      var box = document.getElementById("home-breaches");
      if (!box || !bs.length) return;
      append(box, section("Breaches", bs.length, breachTable(bs)));
    }).catch(function () { /* the search box still works */ });
  }

  function matches(hay, needle) {
    return String(hay || "").toLowerCase().indexOf(needle.toLowerCase()) >= 0;
  }

  function breachMatches(b, term) {
    return matches(b.name, term) || matches(b.victim, term) || matches(b.via, term) || matches(b.id, term);
  }

  function search(q, mode) {
    input.value = q;
    by.value = mode;
    if (!q) { home(); return; }
    loading("results for “" + q + "”");
    var wantEntities = mode === "any" || mode === "speaker" || mode === "org";
    var quoteCalls = [];
    if (mode === "any" || mode === "speaker") quoteCalls.push(api("/api/quotes?limit=500&speaker=" + enc(q)));
    if (mode === "any" || mode === "words") quoteCalls.push(api("/api/quotes?limit=500&q=" + enc(q)));
    if (mode === "any" || mode === "org") quoteCalls.push(api("/api/quotes?limit=500&org=" + enc(q)));
    var entityType = mode === "speaker" ? "" : mode === "org" ? "&type=organization" : "";
    Promise.all([
      wantEntities ? api("/api/entities?q=" + enc(q) + entityType + "&limit=24") : Promise.resolve([]),
      api("/api/breaches"),
      Promise.all(quoteCalls)
    ]).then(function (res) {
      var allBreaches = res[1], entities = res[0];
      var breaches = mode === "any" || mode === "breach" ? allBreaches.filter(function (b) { return breachMatches(b, q); }) : [];
      var quoteLists = res[2];
      // Quotes about the best-matching breaches (a few: a common word matches many).
      var more = breaches.slice(0, 10).map(function (b) { return api("/api/quotes?breach=" + enc(b.id) + "&limit=200"); });
      return Promise.all(more).then(function (bq) {
        var seen = {}, quotes = [];
        quoteLists.concat(bq).forEach(function (qs) {
          qs.forEach(function (x) {
            var key = x.id || x.article + ":" + x.start + ":" + x.text;
            if (!seen[key]) { seen[key] = true; quotes.push(x); }
          });
        });
        // Also list the breaches the quotes found are about.
        var listed = {};
        breaches.forEach(function (b) { listed[b.id] = true; });
        quotes.forEach(function (x) {
          if (!x.breach || listed[x.breach]) return;
          var b = allBreaches.filter(function (b) { return b.id === x.breach; })[0];
          if (b) { listed[b.id] = true; breaches.push(b); }
        });
        renderSearch(q, mode, entities, breaches, quotes);
      });
    }).catch(fail);
  }

  function renderSearch(q, mode, entities, breaches, quotes) {
    var parts = [el("h1", { text: "“" + q + "”" }),
      el("p", { class: "lede", text: plural(quotes.length, "quote") + ", " + plural(entities.length, "person or organisation", "people and organisations") + ", " + plural(breaches.length, "breach", "breaches") })];
    if (entities.length) {
      parts.push(section("People & organisations", entities.length, el("div", { class: "chips entities" },
        entities.map(function (e) {
          return el("a", { class: "chip", href: entityHref(e.id) }, typeBadge(e.type), e.name);
        }))));
    }
    if (breaches.length) {
      parts.push(section("Breaches", breaches.length, el("div", { class: "chips breaches" },
        breaches.map(function (b) {
          return el("a", { class: "chip", href: breachHref(b.id) }, el("span", { class: "badge breach", text: "breach" }), b.name || b.victim || b.id);
        }))));
    }
    parts.push(section("Quotes", quotes.length, quoteList(quotes)));
    show(parts);
    fillTitles();
  }

  // fillTitles replaces article ids shown as link text with the articles'
  // titles, in one request.
  function fillTitles() {
    var links = Array.prototype.slice.call(main.querySelectorAll("a[data-article]"))
      .filter(function (a) { return a.textContent === a.getAttribute("data-article"); });
    var ids = {};
    links.forEach(function (a) { ids[a.getAttribute("data-article")] = true; });
    var list = Object.keys(ids).slice(0, 200);
    if (!list.length) return;
    api("/api/articles?" + list.map(function (id) { return "id=" + enc(id); }).join("&")).then(function (arts) {
      var title = {};
      arts.forEach(function (a) { if (a.title) title[a.id] = a.title; });
      links.forEach(function (a) {
        var t = title[a.getAttribute("data-article")];
        if (t) a.textContent = t;
      });
    }).catch(function () { /* ids stay */ });
  }

  function entityPage(id) {
    loading("entity");
    api("/api/entities/" + enc(id)).then(function (e) {
      var roles = e.roles || [];
      var head = [
        el("h1", null, e.name, " ", typeBadge(e.type)),
        el("p", { class: "lede" },
          list([e.kind, roles.length ? roles.map(roleText).join("; ") : ""]).join(" · ") || null,
          e.aliases && e.aliases.length ? el("span", null, e.kind || roles.length ? " · " : "", "also known as " + e.aliases.join(", ")) : null)
      ];
      var left = el("div", null,
        section("What " + (e.type === "person" ? "they" : "it") + " said", (e.quotes || []).length,
          quoteGroups(e.quotes, { hideSpeaker: true, sources: e.sources })));
      var right = el("div", null,
        roles.length ? section("Roles", roles.length, el("ul", { class: "plain roles" }, roles.map(function (r) {
          return el("li", null, r.title || "member", r.org ? [" at ", r.org_id ? el("a", { href: entityHref(r.org_id), text: r.org }) : el("a", { href: searchHref(r.org, "org"), text: r.org })] : null, r.former ? el("span", { class: "muted", text: " (former)" }) : null,
            r.sources ? el("span", { class: "muted", text: " · " + plural(r.sources, "article") }) : null);
        }))) : null,
        section("Breaches", (e.breaches || []).length, (e.breaches || []).length ? el("ul", { class: "plain breaches" }, e.breaches.map(function (b) {
          return el("li", null, el("a", { href: breachHref(b.id), text: b.name || b.id }), b.victim ? el("div", { class: "muted", text: "victim: " + b.victim + (b.via ? " · via " + b.via : "") }) : null);
        })) : el("p", { class: "empty", text: "No breaches." })),
        section("Articles", (e.articles || []).length, articleList(e.articles, e.sources)),
        el("p", null, el("a", { href: explainHref(e.id), text: "Evidence: every article and sentence naming " + (e.type === "person" ? "them" : "it") })));
      show(head, section("Connections", undefined, graphView(e)), el("div", { class: "grid" }, left, right));
    }).catch(fail);
  }

  function roleText(r) {
    return (r.former ? "former " : "") + (r.title || "member") + (r.org ? ", " + r.org : "");
  }

  function articleList(ids, sources) {
    ids = ids || [];
    if (!ids.length) return el("p", { class: "empty", text: "No articles." });
    return el("ul", { class: "plain articles" }, ids.map(function (id) {
      var s = (sources || []).filter(function (a) { return a.id === id; })[0] || { id: id };
      return el("li", null, el("a", { href: articleHref(id), text: s.title || id }),
        s.publisher || s.published ? el("div", { class: "muted", text: list([s.publisher, fmtDate(s.published)]).join(" · ") }) : null);
    }));
  }

  function fmtDate(s) {
    if (!s) return "";
    var d = new Date(s);
    if (isNaN(d.getTime())) return s;
    return d.toLocaleDateString("en-GB", { year: "numeric", month: "short", day: "numeric" });
  }

  function fmtInt(n) { return Number(n).toLocaleString("en-GB"); }

  function breachPage(id) {
    loading("breach");
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
      show(
        el("h1", null, b.name || b.id, " ", el("span", { class: "badge breach", text: "breach" })),
        el("p", { class: "lede", text: list([b.victim, b.via ? "via " + b.via : "", b.attacker ? "by " + b.attacker : "", b.kind, b.status]).join(" · ") }),
        el("div", { class: "grid" },
          el("div", null, section("Every quote about it", (b.quotes || []).length, quoteGroups(b.quotes, { hideBreach: true, sources: b.sources }))),
          el("div", null,
            conflicts.length ? section("Sources disagree", conflicts.length, el("div", { class: "conflicts" }, conflicts.map(function (c) {
              return conflictBox(c, b.sources);
            }))) : null,
            section("Facts", undefined, facts), section("Sources", (b.articles || []).length, articleList(b.articles, b.sources)))));
    }).catch(fail);
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
    api("/api/articles/" + enc(id)).then(function (a) {
      show(
        el("h1", { text: a.title || a.id }),
        el("p", { class: "lede" }, list([a.publisher, a.author, fmtDate(a.published)]).join(" · "),
          originalLink(a.url)),
        el("div", { class: "grid" },
          el("div", null, section("Quotes", (a.quotes || []).length, quoteList(a.quotes, { sources: [a] }))),
          el("div", null,
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

  function breachesPage() {
    loading("breaches");
    api("/api/breaches").then(function (bs) {
      show(el("h1", { text: "Breaches" }),
        el("p", { class: "lede", text: plural(bs.length, "breach", "breaches") + " reported in the articles." }),
        bs.length ? breachTable(bs) : el("p", { class: "empty", text: "No breaches." }));
    }).catch(fail);
  }

  function entitiesPage(q) {
    loading("people and organisations");
    api("/api/entities?limit=500" + (q ? "&q=" + enc(q) : "")).then(function (es) {
      var filter = el("input", { type: "search", placeholder: "Filter by name", value: q || "", "aria-label": "Filter by name" });
      var body = el("tbody");
      function fill(term) {
        body.textContent = "";
        es.filter(function (e) { return !term || matches(e.name, term) || (e.aliases || []).some(function (a) { return matches(a, term); }); })
          .forEach(function (e) {
            body.appendChild(el("tr", null,
              el("td", null, el("a", { href: entityHref(e.id), text: e.name })),
              el("td", null, typeBadge(e.type)),
              el("td", { text: e.kind || "" }),
              el("td", { text: (e.roles || []).map(roleText).join("; ") }),
              el("td", { text: String((e.articles || []).length) })));
          });
      }
      filter.addEventListener("input", function () { fill(filter.value); });
      fill(q);
      show(el("h1", { text: "People & organisations" }),
        el("p", { class: "lede", text: plural(es.length, "entity", "entities") + (es.length >= 500 ? " (first 500)" : "") + "." }),
        el("div", { class: "search filter" }, filter),
        el("table", { class: "list entities" },
          el("thead", null, el("tr", null, ["Name", "Type", "Kind", "Roles", "Articles"].map(function (h) { return el("th", { text: h }); }))),
          body));
    }).catch(fail);
  }

  // ---- graph view -----------------------------------------------------------

  var COLORS = { person: "#1f4f99", organization: "#2e7d4f", place: "#6b4ea0", breach: "#b4232a", article: "#b08a2e" };

  // graphView draws an entity and its neighbours (organisations it holds
  // roles at, breaches it is part of, articles it appears in) on a circle.
  function graphView(e) {
    var nodes = [], seen = {};
    function add(key, label, kind, href, edge) {
      if (seen[key] || nodes.length >= 16) return;
      seen[key] = true;
      nodes.push({ label: label, kind: kind, href: href, edge: edge });
    }
    (e.roles || []).forEach(function (r) {
      if (r.org) add("o:" + r.org, r.org, "organization", r.org_id ? entityHref(r.org_id) : searchHref(r.org, "org"), r.title || "member");
    });
    (e.breaches || []).forEach(function (b) {
      var rel = b.victim === e.name ? "victim" : b.via === e.name ? "supplier" : b.attacker === e.name ? "attacker" : list(b.reported_to).indexOf(e.name) >= 0 ? "told" : "spoke on";
      add("b:" + b.id, b.name || b.id, "breach", breachHref(b.id), rel);
    });
    (e.articles || []).forEach(function (id) {
      add("a:" + id, articleTitle(id, e.sources), "article", articleHref(id), "in");
    });
    var W = 900, H = 300, cx = W / 2, cy = H / 2, RX = 250, RY = 110;
    var root = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "Connections of " + e.name });
    var edges = svg("g"), verts = svg("g");
    root.appendChild(edges);
    root.appendChild(verts);
    nodes.forEach(function (n, i) {
      var a = -Math.PI / 2 + 2 * Math.PI * i / Math.max(nodes.length, 1);
      var x = cx + RX * Math.cos(a), y = cy + RY * Math.sin(a);
      edges.appendChild(svg("line", { class: "edge", x1: cx, y1: cy, x2: x, y2: y }));
      edges.appendChild(svg("text", { class: "edge-label", x: (cx + x) / 2, y: (cy + y) / 2 - 3, "text-anchor": "middle", text: short(n.edge, 18) }));
      // Labels sit outside the circle: left of nodes on the left, right
      // of nodes on the right, above or below the rest.
      var c = Math.cos(a), sn = Math.sin(a), lx = x, ly = y + 4, anchor = "middle";
      if (c > 0.35) { lx = x + 13; anchor = "start"; }
      else if (c < -0.35) { lx = x - 13; anchor = "end"; }
      else ly = sn < 0 ? y - 14 : y + 22;
      var g = svg("a", { class: "node", href: n.href },
        svg("title", { text: n.label }),
        svg("circle", { cx: x, cy: y, r: 9, fill: COLORS[n.kind] }),
        svg("text", { x: lx, y: ly, "text-anchor": anchor, text: short(n.label, 34) }));
      verts.appendChild(g);
    });
    verts.appendChild(svg("g", { class: "node center" },
      svg("circle", { cx: cx, cy: cy, r: 15, fill: COLORS[e.type] || "#555" }),
      svg("text", { x: cx, y: cy + 31, "text-anchor": "middle", text: short(e.name, 28) })));
    var legend = el("div", { class: "legend" }, ["person", "organization", "breach", "article"].map(function (k) {
      var i = el("i");
      i.style.background = COLORS[k];
      return el("span", null, i, k === "organization" ? "organisation" : k);
    }));
    return el("div", { class: "graph" }, root, nodes.length ? legend : el("p", { class: "empty", text: "No connections." }));
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

  function gizmoPage() {
    var box = el("textarea", { id: "gizmo-query", spellcheck: "false", "aria-label": "Gizmo query" });
    box.value = sessionStorage.getItem("gizmo") || EXAMPLES[1][1];
    var out = el("pre", { id: "gizmo-output", text: "Results appear here." });
    var status = el("span", { class: "muted" });
    function run() {
      var qu = box.value;
      sessionStorage.setItem("gizmo", qu);
      status.textContent = "Running…";
      var t0 = performance.now();
      fetch("/api/v2/query?lang=gizmo", { method: "POST", body: qu, headers: { Accept: "application/json" } })
        .then(function (r) {
          return r.json().catch(function () { return { error: r.status + " " + r.statusText }; }).then(function (body) {
            var ms = Math.round(performance.now() - t0);
            if (!r.ok || body.error) {
              status.textContent = "Error " + r.status + " after " + ms + " ms";
              out.textContent = body.error || JSON.stringify(body, null, 2);
              return;
            }
            var n = (body.result || []).length;
            status.textContent = plural(n, "result") + " in " + ms + " ms";
            out.textContent = JSON.stringify(body.result, null, 2);
          });
        })
        .catch(function (err) { status.textContent = ""; out.textContent = String(err); });
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
        el("div", null, box, el("div", { class: "row" }, el("button", { type: "button", id: "gizmo-run", onclick: run, text: "Run query" }), status), out),
        el("div", null, el("h2", { class: "flush", text: "Examples" }), el("div", { class: "examples" }, EXAMPLES.map(function (ex) {
          return el("button", { type: "button", onclick: function () { box.value = ex[1]; run(); } }, ex[0], el("small", { text: ex[1].replace(/\s+/g, " ") }));
        })))));
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
      case "search": search(params.q || "", params.by || "any"); break;
      case "entity": entityPage(arg); break;
      case "breach": breachPage(arg); break;
      case "article": articlePage(arg); break;
      case "explain": explainPage(arg); break;
      case "breaches": breachesPage(); break;
      case "entities": entitiesPage(params.q || ""); break;
      case "gizmo": gizmoPage(); break;
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
