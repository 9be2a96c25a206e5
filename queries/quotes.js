// quotes: one row per quotation with its speaker and breach resolved.
// params: article, breach, speaker_iri (IRIs or ""), speaker (a name, as
// nameMatches takes it, or "") and text (lower case, or "").

// With a speaker, start from the entities it names (nameMatches on their
// names and aliases) and the one whose id it is: only their quotes are
// read. When it names many, read every quote instead of asking for each.
var starts = [g.V()];
if (params.speaker) {
  var cands = params.speaker_iri ? [params.speaker_iri] : [];
  var classes = ["<schema:Person>", "<schema:Organization>", "<schema:Place>"];
  var namePreds = ["<schema:name>", "<schema:alternateName>"];
  for (var i = 0; i < classes.length; i++) {
    for (var k = 0; k < namePreds.length; k++) {
      g.V().Has("<rdf:type>", classes[i]).Tag("e").Out(namePreds[k]).ForEach(function (d) {
        if (cands.indexOf(d.e) < 0 && nameMatches(params.speaker, [d.id])) {
          cands.push(d.e);
        }
      });
    }
  }
  if (cands.length <= 50) {
    // Has, not g.V(cands).In(...): SQL backends compile Has to one query.
    starts = [];
    for (var j = 0; j < cands.length; j++) {
      starts.push(g.V().Has("<schema:creator>", cands[j]));
    }
  }
}

var rows = {};
var optional = {
  kind: "<ng:quoteKind>",
  speaker: "<schema:creator>",
  breach: "<schema:about>",
  cue: "<ng:cue>",
  mention: "<ng:speakerMention>",
  mention_start: "<ng:speakerStart>",
  mention_end: "<ng:speakerEnd>",
  confidence: "<ng:confidence>"
};
for (var si = 0; si < starts.length; si++) {
  var p = starts[si].Has("<rdf:type>", "<schema:Quotation>");
  if (params.article) {
    p = p.Has("<schema:isPartOf>", params.article);
  }
  if (params.breach) {
    p = p.Has("<schema:about>", params.breach);
  }
  // The facts every quote has (newsgraph always writes its offsets), in one
  // query; then each optional fact in one query of its own (Save: a join
  // for SQL backends, a lookup per quote for the others), not SaveOpt,
  // which SQL backends run as one lookup per quote.
  p.Tag("q")
    .Save("<schema:text>", "text")
    .Save("<schema:isPartOf>", "article")
    .Save("<ng:start>", "start")
    .Save("<ng:end>", "end")
    .ForEach(function (d) {
      rows[d.q] = d;
    });
  for (var field in optional) {
    p.Tag("q").Save(optional[field], "v").ForEach(function (d) {
      if (rows[d.q]) {
        rows[d.q][field] = d.v;
      }
    });
  }
}
var speakers = [];
var breaches = [];
var listed = {};
for (var q in rows) {
  var d = rows[q];
  if (d.speaker && !listed[d.speaker]) {
    listed[d.speaker] = true;
    speakers.push(d.speaker);
  }
  if (d.breach && !listed[d.breach]) {
    listed[d.breach] = true;
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
    breach_victim: first(victimName, first(victim, d.breach)),
    cue: d.cue || "",
    // Stores written before 2026-12 have no mention or confidence: null.
    speaker_mention: d.mention ? { text: d.mention, start: d.mention_start || 0, end: d.mention_end || 0 } : null,
    confidence: typeof d.confidence === "number" ? d.confidence : null
  };
  if (params.speaker && sp !== params.speaker_iri && !nameMatches(params.speaker, [row.speaker].concat(row.speaker_aliases))) {
    continue;
  }
  if (params.text && d.text.toLowerCase().indexOf(params.text) < 0) {
    continue;
  }
  g.Emit(row);
}
