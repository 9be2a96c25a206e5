// quotes: one row per quotation with its speaker and breach resolved.
// params: article, breach, speaker_iri (IRIs or ""), speaker and text
// (lower case, or "").

// With a speaker of two words or more, start from the entities whose
// merge keys (<ng:nameKey>, one per normalised name and alias) fold it:
// every entity the speaker names exactly is among them, and only their
// quotes are read. A one-word speaker may be a person's bare surname,
// which has no key: then every quote is read.
var starts = [g.V()];
if (params.speaker) {
  var k = nameKey(params.speaker);
  if (k.indexOf(" ") > 0) {
    var cands = params.speaker_iri ? [params.speaker_iri] : [];
    var types = ["person", "organization", "place"];
    for (var i = 0; i < types.length; i++) {
      g.V().Has("<ng:nameKey>", types[i] + ":" + k).ForEach(function (d) {
        if (cands.indexOf(d.id) < 0) {
          cands.push(d.id);
        }
      });
    }
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
  if (params.speaker && sp !== params.speaker_iri && !matches(params.speaker, [row.speaker].concat(row.speaker_aliases))) {
    continue;
  }
  if (params.text && d.text.toLowerCase().indexOf(params.text) < 0) {
    continue;
  }
  g.Emit(row);
}
