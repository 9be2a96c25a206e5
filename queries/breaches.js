// breaches: one row per data breach with its facts gathered from every
// article that reports it.
// params: id (an event IRI or "").
var name = facts("<schema:name>");
var victim = facts("<ng:victim>");
var via = facts("<ng:via>");
var exposed = facts("<ng:exposed>");
var notExposed = facts("<ng:notExposed>");
var affected = facts("<ng:affected>");
var reportedTo = facts("<ng:reportedTo>");
var cause = facts("<ng:cause>");
var when = facts("<ng:when>");
var attacker = facts("<ng:attacker>");
var kind = facts("<ng:breachKind>");
var status = facts("<ng:status>");
var discovered = facts("<ng:discovered>");
var disclosed = facts("<ng:disclosed>");
var mentionedIn = inverse(facts("<schema:mentions>"));

var seen = {};
var start = params.id ? g.V(params.id) : g.V();
start.Has("<rdf:type>", "<ng:DataBreach>").Tag("b").ForEach(function (d) {
  var b = d.b;
  if (seen[b]) {
    return;
  }
  seen[b] = true;
  var v = first(victim, b);
  var s = first(via, b);
  var a = first(attacker, b);
  g.Emit({
    id: b,
    name: first(name, b),
    victim: v ? first(name, v) || v : "",
    via: s ? first(name, s) || s : "",
    exposed: all(exposed, b),
    not_exposed: all(notExposed, b),
    affected: all(affected, b),
    reported_to: names(name, all(reportedTo, b)),
    cause: first(cause, b),
    when: first(when, b),
    attacker: a ? first(name, a) || a : "",
    kind: first(kind, b),
    status: first(status, b),
    discovered: first(discovered, b),
    disclosed: first(disclosed, b),
    articles: all(mentionedIn, b)
  });
});
