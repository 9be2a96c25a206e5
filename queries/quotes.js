// quotes: one row per quotation with its speaker and breach resolved.
// params: article, breach, speaker_iri (IRIs or ""), speaker and text
// (lower case, or "").

// With a speaker of two words or more, start from the entities whose
// merge keys (<ng:nameKey>, one per normalised name and alias) fold it:
// every entity the speaker names exactly is among them, and only their
// quotes are read. A one-word speaker may be a person's bare surname,
// which has no key: then every quote is read.
var start = g.V();
if (params.speaker) {
  var k = nameKey(params.speaker);
  if (k.indexOf(" ") > 0) {
    var cands = keys(g.V("person:" + k, "organization:" + k, "place:" + k).In("<ng:nameKey>").Unique());
    if (params.speaker_iri) {
      cands.push(params.speaker_iri);
    }
    start = g.V.apply(g, cands).In("<schema:creator>");
  }
}

var p = start.Has("<rdf:type>", "<schema:Quotation>");
if (params.article) {
  p = p.Has("<schema:isPartOf>", params.article);
}
if (params.breach) {
  p = p.Has("<schema:about>", params.breach);
}
var rows = {};
var speakers = [];
var breaches = [];
p.Tag("q")
  .Save("<schema:text>", "text")
  .Save("<schema:isPartOf>", "article")
  .SaveOpt("<ng:quoteKind>", "kind")
  .SaveOpt("<schema:creator>", "speaker")
  .SaveOpt("<schema:about>", "breach")
  .SaveOpt("<ng:start>", "start")
  .SaveOpt("<ng:end>", "end")
  .ForEach(function (d) {
    rows[d.q] = d;
  });
for (var q in rows) {
  var d = rows[q];
  if (d.speaker && speakers.indexOf(d.speaker) < 0) {
    speakers.push(d.speaker);
  }
  if (d.breach && breaches.indexOf(d.breach) < 0) {
    breaches.push(d.breach);
  }
}

// The facts of the speakers and breaches the quotes name, and only those.
var name = nodeFacts("<schema:name>", speakers);
var alias = nodeFacts("<schema:alternateName>", speakers);
var type = nodeFacts("<rdf:type>", speakers);
var victim = nodeFacts("<ng:victim>", breaches);
var victims = [];
for (var b in victim) {
  victims.push(victim[b][0]);
}
var victimName = nodeFacts("<schema:name>", victims);

for (var q in rows) {
  var d = rows[q];
  var sp = d.speaker || "";
  var row = {
    id: q,
    text: d.text,
    kind: d.kind || "",
    article: d.article,
    start: d.start || 0,
    end: d.end || 0,
    speaker_id: sp,
    speaker: first(name, sp),
    speaker_aliases: all(alias, sp),
    speaker_type: typeName(first(type, sp)),
    breach: d.breach || "",
    breach_victim: first(victimName, first(victim, d.breach))
  };
  if (params.speaker && sp !== params.speaker_iri && !matches(params.speaker, [row.speaker].concat(row.speaker_aliases))) {
    continue;
  }
  if (params.text && d.text.toLowerCase().indexOf(params.text) < 0) {
    continue;
  }
  g.Emit(row);
}
