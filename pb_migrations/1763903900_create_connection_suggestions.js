/// <reference path="../pb_data/types.d.ts" />
// Suggested connections (issue 17; src/lib/suggestions/README.md): a resident's gift matched to
// another resident's wish or to an initiative that asks for help, proposed by the server
// (pb_hooks/suggestions.pb.js) and decided by a coordinator.
// - `assets.asksHelp`: the themes an initiative asks help with (the initiative's own `themes` say
//   what it does, not what it lacks). Values are the vocabulary's themes of today, as history.
// - `connection_suggestions`: the pair (`gift`, and `wisher` with her talk `wish`, or
//   `initiative`), where it is (`area`: the wish's or the initiative's), why (`evidence`: shared
//   themes, metres, the talks with their dates), its `status` and who decided it when, and what
//   accepting made (`link`, `followUp`). One record per pair (unique index), whatever its
//   status: a dismissed pair is never proposed again. Nobody writes them through the records API;
//   the API rules come from the one table of area-scoped collections (pb_hooks/lib/area-rules.js:
//   read by coordinators and workers when both ends lie in their areas, never by viewers).
const THEMES = [
	'eenzaamheid',
	'jeugd',
	'taal',
	'armoede',
	'groen',
	'veiligheid',
	'wonen',
	'werk',
	'gezondheid',
	'cultuur',
	'sport',
	'energie',
	'zorg_voor_elkaar'
];
const USERS = '_pb_users_auth_';

migrate(
	(app) => {
		const assets = app.findCollectionByNameOrId('assets');
		assets.fields.add(
			new SelectField({ name: 'asksHelp', maxSelect: THEMES.length, values: THEMES })
		);
		app.save(assets);

		const suggestions = new Collection({
			id: 'kk_connection_suggestions',
			type: 'base',
			name: 'connection_suggestions',
			fields: [
				{
					name: 'gift',
					type: 'relation',
					collectionId: 'kk_assets',
					maxSelect: 1,
					required: true,
					cascadeDelete: true
				},
				// Erasing the wisher (or the initiative) erases the pair with her.
				{
					name: 'wisher',
					type: 'relation',
					collectionId: 'kk_people',
					maxSelect: 1,
					cascadeDelete: true
				},
				{ name: 'wish', type: 'relation', collectionId: 'kk_conversations', maxSelect: 1 },
				{
					name: 'initiative',
					type: 'relation',
					collectionId: 'kk_assets',
					maxSelect: 1,
					cascadeDelete: true
				},
				{ name: 'area', type: 'relation', collectionId: 'kk_areas', maxSelect: 1, required: true },
				// { kind, themes, metres, talks: [{ id, heldAt, side }] } (lib/suggestions-match.js)
				{ name: 'evidence', type: 'json', maxSize: 20000 },
				{
					name: 'status',
					type: 'select',
					required: true,
					maxSelect: 1,
					values: ['open', 'accepted', 'dismissed']
				},
				{ name: 'decidedBy', type: 'relation', collectionId: USERS, maxSelect: 1 },
				{ name: 'decidedAt', type: 'date' },
				{ name: 'link', type: 'relation', collectionId: 'kk_links', maxSelect: 1 },
				{ name: 'followUp', type: 'relation', collectionId: 'kk_follow_ups', maxSelect: 1 },
				{ name: 'created', type: 'autodate', onCreate: true },
				{ name: 'updated', type: 'autodate', onCreate: true, onUpdate: true }
			],
			indexes: [
				// An empty relation is stored as '', so a pair with no wisher or no initiative is unique too.
				'CREATE UNIQUE INDEX idx_connection_suggestions_pair ON connection_suggestions (gift, wisher, initiative)',
				'CREATE INDEX idx_connection_suggestions_area ON connection_suggestions (area, status)'
			]
		});
		app.save(suggestions);

		require(`${__hooks}/lib/area-rules.js`).applyAreaRules(app);
	},
	(app) => {
		app.delete(app.findCollectionByNameOrId('connection_suggestions'));
		const assets = app.findCollectionByNameOrId('assets');
		assets.fields.removeByName('asksHelp');
		app.save(assets);
	}
);
