// Glue run in Jint: a small CommonJS loader for wink-nlp and its English model, and the entity call.
// __read(path) and atob(base64) come from the host. wink reports entities as token index ranges; the tokens go back
// to the host, which finds each token's characters in the original text.
var console = { log: function () {}, warn: function () {}, error: function () {} };
var __modules = Object.create(null);

function __dirname(path) { return path.substring(0, path.lastIndexOf('/')); }

function __normalize(path) {
  var parts = path.split('/');
  var out = [];
  for (var i = 0; i < parts.length; i += 1) {
    var part = parts[i];
    if (part === '' && i === 0) { out.push(''); continue; }
    if (part === '' || part === '.') continue;
    if (part === '..') { out.pop(); continue; }
    out.push(part);
  }
  return out.join('/');
}

function __require(directory, name) {
  var path = __normalize(directory + '/' + name);
  if (!/\.(js|json)$/.test(path)) path += '.js';
  var cached = __modules[path];
  if (cached) return cached.exports;
  var module = { exports: {} };
  __modules[path] = module;
  var source = __read(path);
  if (/\.json$/.test(path)) {
    module.exports = JSON.parse(source);
    return module.exports;
  }
  var body = new Function('module', 'exports', 'require', source);
  body(module, module.exports, function (child) { return __require(__dirname(path), child); });
  return module.exports;
}

var __winkNlp = __require(__jsnlpRoot + '/node_modules/wink-nlp/src', './wink-nlp.js');
var __winkModel = __require(__jsnlpRoot + '/node_modules/wink-eng-lite-web-model/dist', './model.js');
var __nlp = __winkNlp(__winkModel);
var __its = __nlp.its;

function jsnlpEntities(text) {
  var doc = __nlp.readDoc(text);
  var entities = [];
  doc.entities().each(function (entity) {
    var span = entity.out(__its.span);
    entities.push([entity.out(__its.type), span[0], span[1]]);
  });
  return JSON.stringify({ tokens: doc.tokens().out(), entities: entities });
}
