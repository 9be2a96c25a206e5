// entities: one row per person, organisation and place, with names, kind,
// roles and the articles that mention it.
// params: type ("person", "organization", "place" or ""), id (an entity IRI
// or ""), name (lower case, matched against names and aliases, or "").
var name = facts("<schema:name>");
var alias = facts("<schema:alternateName>");
var kind = facts("<ng:kind>");
var role = facts("<ng:role>");
var title = facts("<schema:jobTitle>");
var memberOf = facts("<schema:memberOf>");
var former = facts("<ng:former>");
var mentionedIn = inverse(facts("<schema:mentions>"));

var classes = ["<schema:Person>", "<schema:Organization>", "<schema:Place>"];
for (var c = 0; c < classes.length; c++) {
  var t = typeName(classes[c]);
  if (params.type && params.type !== t) {
    continue;
  }
  var start = params.id ? g.V(params.id) : g.V();
  var seen = {};
  start.Has("<rdf:type>", classes[c]).Tag("e").ForEach(function (d) {
    var e = d.e;
    if (seen[e]) {
      return;
    }
    seen[e] = true;
    var aliases = all(alias, e);
    if (params.name) {
      var n = (first(name, e) || "").toLowerCase();
      var hit = n.indexOf(params.name) >= 0;
      for (var i = 0; !hit && i < aliases.length; i++) {
        hit = aliases[i].toLowerCase().indexOf(params.name) >= 0;
      }
      if (!hit) {
        return;
      }
    }
    var roles = [];
    var rs = all(role, e);
    for (var j = 0; j < rs.length; j++) {
      var org = first(memberOf, rs[j]);
      roles.push({
        title: first(title, rs[j]),
        org: org ? first(name, org) || org : "",
        former: first(former, rs[j]) === true
      });
    }
    g.Emit({
      id: e,
      name: first(name, e),
      type: t,
      kind: first(kind, e),
      aliases: aliases,
      roles: roles,
      articles: all(mentionedIn, e)
    });
  });
}
