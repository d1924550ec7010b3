/// <reference path="../pb_data/types.d.ts" />
// Resident links: a personal link (or QR card) a worker leaves at the door, with which a resident
// sees, corrects and withdraws her own entry without an account (pb_hooks/resident-links.pb.js).
// Only the sha256 of the token is stored (`tokenHash`, hidden, unique); the token itself is shown
// once. Admins and coordinators within her areas may list and view links (to see whether one is
// out, and till when); nobody writes them through the records API: the custom routes do.
// The public routes get a rate limit of their own: 10 requests a minute per IP, the first rule so
// that it wins over the general `/api/` rules (PocketBase takes the first prefix rule that fits).
const inHerAreas =
	'(@request.auth.areas.id ?= person.area || @request.auth.areas.id ?= person.area.parent || ' +
	'@request.auth.areas.id ?= person.area.parent.parent)';
const readers = `@request.auth.role = "admin" || (@request.auth.role = "coordinator" && ${inHerAreas})`;

const RESIDENT_RULE = {
	label: '/api/krachtkaart/mijn/',
	maxRequests: 10,
	duration: 60,
	audience: ''
};

/** The settings' rules as plain objects (they come as Go structs). */
function currentRules(app) {
	return JSON.parse(JSON.stringify(app.settings().rateLimits.rules || []));
}

migrate(
	(app) => {
		const links = new Collection({
			id: 'kk_resident_links',
			type: 'base',
			name: 'resident_links',
			listRule: readers,
			viewRule: readers,
			createRule: null,
			updateRule: null,
			deleteRule: null,
			fields: [
				{
					name: 'person',
					type: 'relation',
					collectionId: 'kk_people',
					maxSelect: 1,
					required: true,
					cascadeDelete: true
				},
				// sha256 (hex) of the token; the token itself is never stored.
				{
					name: 'tokenHash',
					type: 'text',
					required: true,
					hidden: true,
					min: 64,
					max: 64,
					pattern: '^[a-f0-9]{64}$'
				},
				{ name: 'expiresAt', type: 'date', required: true },
				{ name: 'revokedAt', type: 'date' },
				{ name: 'revokedBy', type: 'relation', collectionId: '_pb_users_auth_', maxSelect: 1 },
				{ name: 'createdBy', type: 'relation', collectionId: '_pb_users_auth_', maxSelect: 1 },
				{ name: 'lastUsedAt', type: 'date' },
				{ name: 'uses', type: 'number', min: 0, onlyInt: true },
				{ name: 'created', type: 'autodate', onCreate: true },
				{ name: 'updated', type: 'autodate', onCreate: true, onUpdate: true }
			],
			indexes: [
				'CREATE UNIQUE INDEX idx_resident_links_token_hash ON resident_links (tokenHash)',
				'CREATE INDEX idx_resident_links_person ON resident_links (person)'
			]
		});
		app.save(links);

		const settings = app.settings();
		const rules = [RESIDENT_RULE].concat(
			currentRules(app).filter((r) => r.label !== RESIDENT_RULE.label)
		);
		unmarshal({ rateLimits: { rules: rules } }, settings);
		app.save(settings);
	},
	(app) => {
		const settings = app.settings();
		const rules = currentRules(app).filter((r) => r.label !== RESIDENT_RULE.label);
		unmarshal({ rateLimits: { rules: rules } }, settings);
		app.save(settings);

		app.delete(app.findCollectionByNameOrId('resident_links'));
	}
);
