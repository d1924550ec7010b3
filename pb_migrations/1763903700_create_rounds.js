/// <reference path="../pb_data/types.d.ts" />
// Listening rounds (issue 15; the data model is src/lib/rounds/README.md): `rounds`, their extra
// questions (`round_questions`) and walk lists (`walk_lists`), and on `conversations` the list a
// talk was logged on (`walkList`) and its answers to the round's questions (`answers`).
// Select values and text limits are the vocabulary's of today (pb_hooks/lib/vocabulary.json:
// themes, questionKinds, limits.round), written out here as history. The API rules come from the
// one table of area-scoped collections (pb_hooks/lib/area-rules.js), as 1763902300's do; what the
// rules cannot say (a coordinator's round lies wholly in her areas, a worker only checks a list
// out or gives it back, the answers fit their questions) is in pb_hooks/rounds.pb.js and
// pb_hooks/conversations.pb.js.
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
const QUESTION_KINDS = ['text', 'choice', 'choices', 'yesno', 'number'];
const ROUND = { name: 120, questions: 10, questionText: 300, assignees: 2 };
const USERS = '_pb_users_auth_';

migrate(
	(app) => {
		const rounds = new Collection({
			id: 'kk_rounds',
			type: 'base',
			name: 'rounds',
			fields: [
				{ name: 'name', type: 'text', required: true, max: ROUND.name },
				{
					name: 'purpose',
					type: 'relation',
					collectionId: 'kk_purposes',
					maxSelect: 1,
					required: true
				},
				{ name: 'startsOn', type: 'date', required: true },
				{ name: 'endsOn', type: 'date', required: true },
				{
					name: 'areas',
					type: 'relation',
					collectionId: 'kk_areas',
					maxSelect: 999,
					required: true
				},
				// Street labels as streetLabeller makes them; empty: every street of the areas.
				{ name: 'streets', type: 'json', maxSize: 200000 },
				{ name: 'themes', type: 'select', values: THEMES, maxSelect: THEMES.length },
				// { doors?, talks? }
				{ name: 'target', type: 'json', maxSize: 1000 },
				{ name: 'createdBy', type: 'relation', collectionId: USERS, maxSelect: 1 },
				{ name: 'isDemo', type: 'bool' },
				{ name: 'created', type: 'autodate', onCreate: true },
				{ name: 'updated', type: 'autodate', onCreate: true, onUpdate: true }
			],
			indexes: [
				'CREATE INDEX idx_rounds_areas ON rounds (areas)',
				'CREATE INDEX idx_rounds_starts_on ON rounds (startsOn)'
			]
		});
		app.save(rounds);

		const questions = new Collection({
			id: 'kk_round_questions',
			type: 'base',
			name: 'round_questions',
			fields: [
				{
					name: 'round',
					type: 'relation',
					collectionId: 'kk_rounds',
					maxSelect: 1,
					required: true,
					cascadeDelete: true
				},
				{ name: 'position', type: 'number', onlyInt: true, min: 0 },
				{ name: 'kind', type: 'select', values: QUESTION_KINDS, maxSelect: 1, required: true },
				{ name: 'textNl', type: 'text', required: true, max: ROUND.questionText },
				{ name: 'textEn', type: 'text', max: ROUND.questionText },
				// [{ value, nl, en }] for choice and choices (rounds.pb.js checks them).
				{ name: 'options', type: 'json', maxSize: 20000 },
				// Its answers are personal data: retention clears them with the talk's notes.
				{ name: 'personal', type: 'bool' },
				{ name: 'isDemo', type: 'bool' },
				{ name: 'created', type: 'autodate', onCreate: true },
				{ name: 'updated', type: 'autodate', onCreate: true, onUpdate: true }
			],
			indexes: ['CREATE INDEX idx_round_questions_round ON round_questions (round, position)']
		});
		app.save(questions);

		const lists = new Collection({
			id: 'kk_walk_lists',
			type: 'base',
			name: 'walk_lists',
			fields: [
				{
					name: 'round',
					type: 'relation',
					collectionId: 'kk_rounds',
					maxSelect: 1,
					required: true,
					cascadeDelete: true
				},
				{ name: 'name', type: 'text', required: true, max: ROUND.name },
				{
					name: 'addresses',
					type: 'relation',
					collectionId: 'kk_addresses',
					maxSelect: 5000
				},
				{
					name: 'assignees',
					type: 'relation',
					collectionId: USERS,
					maxSelect: ROUND.assignees
				},
				{ name: 'expiresOn', type: 'date' },
				{ name: 'checkedOutBy', type: 'relation', collectionId: USERS, maxSelect: 1 },
				{ name: 'checkedOutAt', type: 'date' },
				{ name: 'isDemo', type: 'bool' },
				{ name: 'created', type: 'autodate', onCreate: true },
				{ name: 'updated', type: 'autodate', onCreate: true, onUpdate: true }
			],
			indexes: [
				'CREATE INDEX idx_walk_lists_round ON walk_lists (round)',
				'CREATE INDEX idx_walk_lists_checked_out_by ON walk_lists (checkedOutBy)'
			]
		});
		app.save(lists);

		const conversations = app.findCollectionByNameOrId('conversations');
		conversations.fields.add(
			new RelationField({ name: 'walkList', collectionId: 'kk_walk_lists', maxSelect: 1 })
		);
		// { [round_questions id]: value }; checked against the list's round (conversations.pb.js).
		conversations.fields.add(new JSONField({ name: 'answers', maxSize: 100000 }));
		conversations.addIndex('idx_conversations_walk_list', false, 'walkList', '');
		app.save(conversations);

		require(`${__hooks}/lib/area-rules.js`).applyAreaRules(app);
	},
	(app) => {
		const conversations = app.findCollectionByNameOrId('conversations');
		conversations.fields.removeByName('walkList');
		conversations.fields.removeByName('answers');
		conversations.removeIndex('idx_conversations_walk_list');
		app.save(conversations);
		for (const name of ['walk_lists', 'round_questions', 'rounds']) {
			app.delete(app.findCollectionByNameOrId(name));
		}
	}
);
