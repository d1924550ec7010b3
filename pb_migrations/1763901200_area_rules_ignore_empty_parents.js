/// <reference path="../pb_data/types.d.ts" />
// A user without areas saw every asset, person, conversation and link kept on a wijk or gemeente:
// in `@request.auth.areas.id ?= area.parent.parent` PocketBase compares an empty list as "", and
// a gemeente's missing parent is "" too. Each area term now only counts when the area is set.
const COLLECTIONS = ['people', 'conversations', 'assets', 'links'];
const RULES = ['listRule', 'viewRule', 'createRule', 'updateRule', 'deleteRule'];
const TERM = /@request\.auth\.areas\.id \?= ([a-z.]+)/g;
const GUARDED = /\(([a-z.]+) != "" && @request\.auth\.areas\.id \?= \1\)/g;

/** @param {core.App} app @param {(rule: string) => string} rewrite */
function rewriteRules(app, rewrite) {
	for (const name of COLLECTIONS) {
		const collection = app.findCollectionByNameOrId(name);
		for (const rule of RULES) {
			if (collection[rule]) collection[rule] = rewrite(collection[rule]);
		}
		app.save(collection);
	}
}

migrate(
	(app) =>
		rewriteRules(app, (rule) => rule.replace(TERM, '($1 != "" && @request.auth.areas.id ?= $1)')),
	(app) => rewriteRules(app, (rule) => rule.replace(GUARDED, '@request.auth.areas.id ?= $1'))
);
