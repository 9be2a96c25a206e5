// Helpers shared by newsgraph's named queries. Each query runs with this
// file prepended and a `params` object defined before it.

// facts returns, for every node with the predicate, the sorted distinct
// values it points to: {"<subject>": [values...]}.
function facts(pred) {
  var m = {};
  g.V().Tag("s").Out(pred).Tag("o").ForEach(function (d) {
    var a = m[d.s];
    if (!a) {
      a = m[d.s] = [];
    }
    if (a.indexOf(d.o) < 0) {
      a.push(d.o);
    }
  });
  for (var k in m) {
    m[k].sort();
  }
  return m;
}

// first returns the first value of node n in facts map m, or "".
function first(m, n) {
  var a = n ? m[n] : null;
  return a && a.length ? a[0] : "";
}

// all returns the values of node n in facts map m, or [].
function all(m, n) {
  return (n && m[n]) || [];
}

// inverse turns {s: [o...]} into {o: [s...]}.
function inverse(m) {
  var out = {};
  for (var s in m) {
    for (var i = 0; i < m[s].length; i++) {
      var o = m[s][i];
      (out[o] = out[o] || []).push(s);
    }
  }
  for (var k in out) {
    out[k].sort();
  }
  return out;
}

// typeName maps an entity class to newsgraph's type name.
function typeName(t) {
  return { "<schema:Person>": "person", "<schema:Organization>": "organization", "<schema:Place>": "place" }[t] || "";
}

// names returns the names of the nodes in list, using facts map name.
function names(name, list) {
  var out = [];
  for (var i = 0; i < list.length; i++) {
    out.push(first(name, list[i]) || list[i]);
  }
  return out;
}

// nameMatches reports whether want names one of names: its words, folded
// by nameKey, stand among a name's words in order and side by side
// ("Prior" and "jenny prior" name "Jenny Prior"). queries.NameMatches is
// the same in Go.
function nameMatches(want, names) {
  var w = nameKey(want);
  if (!w) {
    return false;
  }
  for (var i = 0; i < names.length; i++) {
    if (names[i] && (" " + nameKey(names[i]) + " ").indexOf(" " + w + " ") >= 0) {
      return true;
    }
  }
  return false;
}

// nodeFacts is facts(pred) for the given nodes only. For a few nodes it
// asks, for each, for the values of pred (HasR: a shape SQL backends run as
// one query) instead of reading every quad with pred.
function nodeFacts(pred, nodes) {
  if (nodes.length > 200) {
    var all = facts(pred);
    var some = {};
    for (var i = 0; i < nodes.length; i++) {
      if (all[nodes[i]]) {
        some[nodes[i]] = all[nodes[i]];
      }
    }
    return some;
  }
  var m = {};
  for (var j = 0; j < nodes.length; j++) {
    var vals = [];
    g.V().HasR(pred, nodes[j]).ForEach(function (d) {
      if (vals.indexOf(d.id) < 0) {
        vals.push(d.id);
      }
    });
    if (vals.length) {
      m[nodes[j]] = vals.sort();
    }
  }
  return m;
}

// nameKey folds a name the way newsgraph's merge index (<ng:nameKey>)
// does (graph.NormalizeName), for ASCII punctuation: a name it folds
// differently is only found more slowly, never missed.
function nameKey(s) {
  var words = s.toLowerCase().replace(/[\u2018\u2019`]/g, "'").replace(/[^a-z0-9'\u00c0-\uffff]+/g, " ").split(" ");
  var out = [];
  for (var i = 0; i < words.length; i++) {
    var w = words[i].replace(/^'+|'+$/g, "");
    if (w) {
      out.push(w);
    }
  }
  var k = out.join(" ");
  return k.indexOf("the ") === 0 ? k.slice(4) : k;
}

// keys returns the values of a path as an array of their string forms.
function keys(p) {
  var out = [];
  p.ForEach(function (d) {
    out.push(d.id);
  });
  return out;
}
