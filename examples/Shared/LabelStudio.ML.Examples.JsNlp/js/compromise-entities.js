// Glue run in Jint after compromise's browser build: people, places and organizations. compromise's own offset
// output walks the whole document for every match (slow on long texts), so this answers the document's terms in
// order and each entity as a range of term indexes; the host finds each term's characters in the original text.
var self = self || globalThis;

function jsnlpEntities(text) {
  var doc = nlp(text);
  doc.compute('index');
  var tokens = [];
  var flat = Object.create(null);
  doc.docs.forEach(function (sentence, n) {
    sentence.forEach(function (term, i) {
      flat[n + ',' + i] = tokens.length;
      tokens.push(term.text || '');
    });
  });
  var entities = [];
  var kinds = [['Person', doc.people()], ['Place', doc.places()], ['Organization', doc.organizations()]];
  kinds.forEach(function (kind) {
    kind[1].docs.forEach(function (terms) {
      if (terms.length === 0) return;
      var first = terms[0].index;
      var last = terms[terms.length - 1].index;
      entities.push([kind[0], flat[first[0] + ',' + first[1]], flat[last[0] + ',' + last[1]]]);
    });
  });
  return JSON.stringify({ tokens: tokens, entities: entities });
}
