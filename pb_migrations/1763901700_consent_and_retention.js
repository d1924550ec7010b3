/// <reference path="../pb_data/types.d.ts" />
// Consent, legal basis and retention (AVG articles 6, 7 and 5(1)(e)).
// - `purposes`: the register of what Krachtkaart processes personal data for, and the legal basis
//   the municipality relies on for each; read by every signed-in user, kept by admins. Seeded
//   with Krachtkaart's own purposes. `retentionDays` is the period the register states; the
//   server's job erases after KRACHTKAART_RETENTION_DAYS (README, "Consent, legal basis and
//   retention"), so an admin keeps the two in step.
// - `people.anonymisedAt`, `conversations.anonymisedAt`: when the retention job
//   (pb_hooks/lib/retention.js) last cleared the personal fields of the record.
// - `audit_log.action` gains `retention`: one entry per run, and one per person it anonymised.
// The shape of `people.consent` is kept by pb_hooks/people.pb.js (lib/consent.js).
const LEGAL_BASES = [
	'consent',
	'public_task',
	'legitimate_interest',
	'legal_obligation',
	'vital_interest',
	'contract'
];

/** Krachtkaart's purposes as a municipality would record them; admins adjust them. */
const PURPOSES = [
	{
		name: 'Voordeurgesprekken en buurtkaart',
		description:
			'Gesprekken aan de deur (uitkomst, zorgen en wensen, talenten) en de kaart van wat de buurt heeft, ' +
			'voor de wettelijke taak van het gebiedsteam (Wmo 2015: maatschappelijke ondersteuning en ' +
			'participatie). Zonder naam; notities alleen voor de buurtwerker en de coördinator.',
		legalBasis: 'public_task',
		retentionDays: 730
	},
	{
		name: 'Contact opnemen met bewoners',
		description:
			'Voornaam en telefoon of e-mail van een bewoner die heeft ingestemd om benaderd te worden, ' +
			'om haar terug te bellen of uit te nodigen. Alleen met toestemming, in te trekken.',
		legalBasis: 'consent',
		retentionDays: 730
	},
	{
		name: 'Sleutelfiguren en talenten met naam en plek',
		description:
			'Een bewoner als sleutelfiguur of met haar talent onder haar voornaam op de kaart, of op haar ' +
			'precieze plek in plaats van midden in de straat. Alleen met toestemming, in te trekken.',
		legalBasis: 'consent',
		retentionDays: 730
	},
	{
		name: 'Vervolgafspraken en doorverwijzing',
		description:
			'Wat aan de deur is afgesproken (terugkomen, doorverwijzen naar een initiatief of ' +
			'voorziening), voor wie het moet doen, als onderdeel van de taak van het gebiedsteam.',
		legalBasis: 'public_task',
		retentionDays: 730
	},
	{
		name: 'Verantwoording: wie zag of wijzigde wat',
		description:
			'Het auditlog van elke inzage en wijziging van persoonsgegevens, om te kunnen verantwoorden ' +
			'dat ze rechtmatig en veilig zijn verwerkt (AVG artikel 5 lid 2 en artikel 32). Bevat geen ' +
			'gegevens van bewoners zelf, alleen wie, wat en wanneer.',
		legalBasis: 'legal_obligation',
		retentionDays: 1825
	}
];

migrate(
	(app) => {
		const purposes = new Collection({
			id: 'kk_purposes',
			type: 'base',
			name: 'purposes',
			listRule: '@request.auth.id != ""',
			viewRule: '@request.auth.id != ""',
			createRule: '@request.auth.role = "admin"',
			updateRule: '@request.auth.role = "admin"',
			deleteRule: '@request.auth.role = "admin"',
			fields: [
				{ name: 'name', type: 'text', required: true, max: 200 },
				{ name: 'description', type: 'text', max: 5000 },
				{
					name: 'legalBasis',
					type: 'select',
					required: true,
					maxSelect: 1,
					values: LEGAL_BASES
				},
				// Days the register says data for this purpose is kept; empty: not stated.
				{ name: 'retentionDays', type: 'number', min: 1, max: 36500, onlyInt: true },
				{ name: 'active', type: 'bool' },
				{ name: 'created', type: 'autodate', onCreate: true },
				{ name: 'updated', type: 'autodate', onCreate: true, onUpdate: true }
			],
			indexes: ['CREATE UNIQUE INDEX idx_purposes_name ON purposes (name)']
		});
		app.save(purposes);
		for (const purpose of PURPOSES) {
			const record = new Record(purposes);
			for (const name in purpose) record.set(name, purpose[name]);
			record.set('active', true);
			app.save(record);
		}

		for (const name of ['people', 'conversations']) {
			const collection = app.findCollectionByNameOrId(name);
			collection.fields.add(new DateField({ name: 'anonymisedAt' }));
			app.save(collection);
		}

		// Read and extended, not replaced: other migrations may add actions of their own.
		const auditLog = app.findCollectionByNameOrId('audit_log');
		const action = auditLog.fields.getByName('action');
		const values = [];
		for (const value of action.values) values.push(value);
		if (values.indexOf('retention') < 0) values.push('retention');
		action.values = values;
		app.save(auditLog);
	},
	(app) => {
		const auditLog = app.findCollectionByNameOrId('audit_log');
		const action = auditLog.fields.getByName('action');
		const values = [];
		for (const value of action.values) if (value !== 'retention') values.push(value);
		action.values = values;
		app.save(auditLog);

		for (const name of ['people', 'conversations']) {
			const collection = app.findCollectionByNameOrId(name);
			collection.fields.removeByName('anonymisedAt');
			app.save(collection);
		}

		app.delete(app.findCollectionByNameOrId('purposes'));
	}
);
