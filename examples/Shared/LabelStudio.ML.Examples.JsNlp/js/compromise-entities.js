// Glue run in Jint after compromise's browser build: people, places and organizations with exact offsets.
// compromise's match offsets include the punctuation around the words; term offsets do not, so a span runs from the
// first term's start to the last term's end. Offsets are JavaScript string indexes (UTF-16), as in C#.
var self = self || globalThis;

function jsnlpEntities(text) {
  var doc = nlp(text);
  var found = [];
  var kinds = [["Person", doc.people()], ["Place", doc.places()], ["Organization", doc.organizations()]];
  for (var k = 0; k < kinds.length; k += 1) {
    var matches = kinds[k][1].json({ offset: true, terms: { offset: true } });
    for (var m = 0; m < matches.length; m += 1) {
      var terms = matches[m].terms;
      if (!terms || terms.length === 0) continue;
      var first = terms[0].offset;
      var last = terms[terms.length - 1].offset;
      found.push([kinds[k][0], first.start, last.start + last.length]);
    }
  }
  return JSON.stringify(found);
}
