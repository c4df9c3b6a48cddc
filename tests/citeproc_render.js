// Renders citations and a bibliography with citeproc-js (npm `citeproc`, the engine inside Zotero and
// Mendeley), as plain text, for tests/test_citing_tools.py. Reads JSON on stdin:
//   {"module": path to citeproc_commonjs.js, "style": path to a .csl, "locale": path to locales-en-US.xml,
//    "items": [CSL-JSON items], "citations": [citeproc-js citation objects]}
// and writes {"citations": [text, ...], "bibliography": [entry, ...], "entry_ids": [item id of each entry, ...]}.
"use strict";
const fs = require("fs");

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const CSL = require(input.module);
const items = Object.fromEntries(input.items.map((item) => [item.id, item]));
const engine = new CSL.Engine({
  retrieveLocale: () => fs.readFileSync(input.locale, "utf8"),
  retrieveItem: (id) => items[id],
}, fs.readFileSync(input.style, "utf8"), "en-US");
engine.setOutputFormat(input.format || "text");
// Each citation on its own, as if it were the only one: no "ibid.", no disambiguation across claims.
const citations = input.citations.map((citation) => {
  engine.updateItems(citation.citationItems.map((item) => item.id));
  return engine.previewCitationCluster(citation, [], [], input.format || "text");
});
engine.updateItems(Object.keys(items));
const [params, bibliography] = engine.makeBibliography();
process.stdout.write(JSON.stringify({citations, bibliography: bibliography.map((entry) => entry.trim()),
                                     entry_ids: params.entry_ids.map((ids) => String(ids[0]))}));
