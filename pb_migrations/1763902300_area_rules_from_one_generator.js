/// <reference path="../pb_data/types.d.ts" />
// Every API rule of every area-scoped collection now comes from one table (pb_hooks/lib/area-rules.js).
// The rewrite of 1763901200 reached only the collections that existed then: users without areas
// saw wijk- and gemeente-level follow-ups and coordinators without areas listed resident links,
// and anyone signed out listed follow-ups without an assignee (`assignee = @request.auth.id`
// with both ""). people, conversations, assets and links keep their rules in meaning.
// It reads the table from the hooks directory, so `migrate` needs it (--hooksDir; by default
// pb_hooks beside pb_data), as `serve` does.
const GUARDED = /\(([a-z.]+) != "" && @request\.auth\.areas\.id \?= \1\)/g;

migrate(
	(app) => require(`${__hooks}/lib/area-rules.js`).applyAreaRules(app),
	(app) => {
		// The rules the two later collections had before: without the empty-area guards and
		// without the signed-in condition on the assignee's own follow-ups.
		for (const name of ['follow_ups', 'resident_links']) {
			const collection = app.findCollectionByNameOrId(name);
			for (const rule of ['listRule', 'viewRule', 'createRule', 'updateRule', 'deleteRule']) {
				const text = collection[rule];
				if (!text) continue;
				collection[rule] = text
					.replace(GUARDED, '@request.auth.areas.id ?= $1')
					.replace(
						'(@request.auth.id != "" && assignee = @request.auth.id)',
						'assignee = @request.auth.id'
					);
			}
			app.save(collection);
		}
	}
);
