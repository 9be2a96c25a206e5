// quotes: one row per quotation with its speaker and breach resolved.
// params: article, breach, speaker_iri (IRIs or ""), speaker and text
// (lower case, or "").
var name = facts("<schema:name>");
var alias = facts("<schema:alternateName>");
var type = facts("<rdf:type>");
var victim = facts("<ng:victim>");

var p = g.V().Has("<rdf:type>", "<schema:Quotation>");
if (params.article) {
  p = p.Has("<schema:isPartOf>", params.article);
}
if (params.breach) {
  p = p.Has("<schema:about>", params.breach);
}
var rows = {};
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
    breach_victim: first(name, first(victim, d.breach))
  };
  if (params.speaker && sp !== params.speaker_iri && !matches(params.speaker, [row.speaker].concat(row.speaker_aliases))) {
    continue;
  }
  if (params.text && d.text.toLowerCase().indexOf(params.text) < 0) {
    continue;
  }
  g.Emit(row);
}
