// How a conversation adds to the map: what the phone sent along with it is checked against the
// outcome and the consent (checkExtras), then turned into a person, capacity and key-figure
// assets, links and a follow-up (grow). The hook runs both in one transaction
// (conversations.pb.js). The client checks the same rules, with the same fields, codes and
// limits, before queueing, so a worker offline hears of a problem at the door
// (src/lib/conversations/conversation-draft.ts); both read the values and limits from
// lib/vocabulary.json.

const VOCABULARY = require(`${__hooks}/lib/vocabulary.json`);
const GIFT_KINDS = Object.keys(VOCABULARY.giftKinds);
const MENTION_KINDS = Object.keys(VOCABULARY.mentionKinds);
const THEMES = Object.keys(VOCABULARY.themes);
const SCOPES = Object.keys(VOCABULARY.consentScopes);
const LIMITS = VOCABULARY.limits.conversation;
const PERSON = VOCABULARY.limits.person;
const DATE_PATTERN = new RegExp(VOCABULARY.datePattern);
/** A talk logged further than this from its address is flagged for the coordinator. */
const FAR_FROM_ADDRESS_M = 150;

/** @param {core.Record} record @param {string} name @returns {any} a JSON field's value, or null */
function jsonField(record, name) {
	const raw = record.getString(name);
	if (!raw) return null;
	try {
		return JSON.parse(raw);
	} catch {
		return null;
	}
}

const isText = (value, max) =>
	typeof value === 'string' && value.trim() !== '' && value.trim().length <= max;
/** A list the phone may leave out: null, or an empty list. */
const isNone = (value) => value === null || (Array.isArray(value) && value.length === 0);

/**
 * The field errors of a conversation's extras, as PocketBase reports them ({ field: { code,
 * message } }); an empty object when all is well. The fields are the form's
 * (src/lib/conversations/conversation-draft.ts, `DraftField`), the codes the vocabulary's
 * (`conversationErrors`), and the rules the form's `validateDraft`, checked in the same order;
 * tests/integration/conversation-agreement.test.ts holds the two to that. The first problem of a
 * field is the one named. Checked here, before PocketBase's own field checks, so a text over its
 * length is `too_long` and a list over its length `too_many`, as the form says.
 * @param {core.App} app
 * @param {core.Record} record
 */
function checkExtras(app, record) {
	/** @type {Record<string, { code: string, message: string }>} */
	const errors = {};
	const fail = (field, code, message) => {
		if (!errors[field]) errors[field] = { code: code, message: message };
	};
	const talked = record.getString('outcome') === 'talked';
	const consent = record.getStringSlice('consent');
	const gifts = jsonField(record, 'gifts');
	const resident = jsonField(record, 'resident');
	const mentions = jsonField(record, 'mentions');
	const followUp = jsonField(record, 'followUp');

	if (consent.some((scope) => SCOPES.indexOf(scope) < 0)) {
		fail('consent', 'invalid', `Toestemming: kies uit ${SCOPES.join(', ')}.`);
	} else if (consent.indexOf('anonymous') >= 0 && consent.indexOf('first_name') >= 0) {
		fail('consent', 'consent_contradicts', 'Kies anoniem óf met voornaam, niet allebei.');
	}

	if (record.getStringSlice('themes').some((theme) => THEMES.indexOf(theme) < 0)) {
		fail('themes', 'unknown_theme', 'Onbekend thema.');
	}

	if (!isNone(gifts)) {
		if (!Array.isArray(gifts)) {
			fail('gifts', 'invalid', 'Geef talenten als een lijst.');
		} else if (gifts.length > LIMITS.gifts) {
			fail('gifts', 'too_many', `Hoogstens ${LIMITS.gifts} talenten.`);
		} else if (!talked) {
			fail('gifts', 'not_talked', 'Talenten horen alleen bij een gesprek.');
		} else {
			gifts.forEach((gift, i) => {
				if (!gift || GIFT_KINDS.indexOf(gift.kind) < 0) {
					fail('gifts', 'invalid', `Talent ${i + 1}: kies hoofd, hart of handen.`);
				} else if (!isText(gift.tag, LIMITS.giftTag)) {
					fail(
						'gifts',
						'gift_incomplete',
						`Talent ${i + 1}: beschrijf het talent (hoogstens ${LIMITS.giftTag} tekens).`
					);
				} else if (
					gift.themes !== undefined &&
					!(Array.isArray(gift.themes) && gift.themes.every((theme) => THEMES.indexOf(theme) >= 0))
				) {
					fail('gifts', 'unknown_theme', `Talent ${i + 1}: onbekend thema.`);
				}
			});
			if (consent.length === 0) {
				fail(
					'gifts',
					'consent_needed_gifts',
					'Vraag eerst toestemming: zonder toestemming geen talenten.'
				);
			}
		}
	}

	// The resident's first name, contact and key-figure mark: the form's fields of the same names.
	if (resident !== null) {
		if (typeof resident !== 'object' || Array.isArray(resident)) {
			fail('firstName', 'invalid', 'Bewoner: verwacht voornaam, contact en sleutelfiguur.');
		} else {
			const text = (field, value, scope, max, label, needed) => {
				if (value === undefined || value === null || value === '') return;
				if (typeof value !== 'string') return fail(field, 'invalid', `${label}: verwacht tekst.`);
				const trimmed = value.trim();
				if (trimmed === '') return;
				if (!talked) {
					fail(field, 'not_talked', 'Gegevens van een bewoner horen alleen bij een gesprek.');
				} else if (consent.indexOf(scope) < 0) {
					fail(field, needed, `${label} bewaren mag alleen met toestemming.`);
				} else if (trimmed.length > max) {
					fail(field, 'too_long', `${label}: hoogstens ${max} tekens.`);
				}
			};
			text(
				'firstName',
				resident.firstName,
				'first_name',
				PERSON.firstName,
				'Voornaam',
				'consent_needed_first_name'
			);
			text(
				'contact',
				resident.contact,
				'contact',
				PERSON.contact,
				'Contact',
				'consent_needed_contact'
			);
			if (resident.isKeyFigure && !talked) {
				fail('isKeyFigure', 'not_talked', 'Een sleutelfiguur hoort alleen bij een gesprek.');
			} else if (resident.isKeyFigure && consent.length === 0) {
				fail(
					'isKeyFigure',
					'consent_needed_key_figure',
					'Een sleutelfiguur vastleggen mag alleen met toestemming.'
				);
			}
		}
	}

	if (!isNone(mentions)) {
		if (!Array.isArray(mentions)) {
			fail('mentions', 'invalid', 'Geef genoemde mensen als een lijst.');
		} else if (mentions.length > LIMITS.mentions) {
			fail('mentions', 'too_many', `Hoogstens ${LIMITS.mentions} genoemde mensen.`);
		} else if (!talked) {
			fail('mentions', 'not_talked', 'Genoemde mensen horen alleen bij een gesprek.');
		} else {
			mentions.forEach((mention, i) => {
				if (!mention || MENTION_KINDS.indexOf(mention.kind) < 0) {
					fail('mentions', 'invalid', `Genoemd ${i + 1}: kies persoon of groep.`);
				} else if (!isText(mention.name, LIMITS.mentionName)) {
					fail(
						'mentions',
						'mention_incomplete',
						`Genoemd ${i + 1}: een naam (hoogstens ${LIMITS.mentionName} tekens).`
					);
				}
			});
		}
	}

	if (record.getStringSlice('connectTo').length > LIMITS.connectTo) {
		fail('connectTo', 'too_many', `Verbind met hoogstens ${LIMITS.connectTo} initiatieven.`);
	}

	if (followUp !== null) {
		if (
			typeof followUp !== 'object' ||
			Array.isArray(followUp) ||
			typeof followUp.what !== 'string' ||
			followUp.what.trim() === ''
		) {
			fail('followUp', 'invalid', 'Vervolg: beschrijf wat er moet gebeuren.');
		} else if (followUp.what.trim().length > LIMITS.followUpWhat) {
			fail('followUp', 'too_long', `Vervolg: hoogstens ${LIMITS.followUpWhat} tekens.`);
		} else if (followUp.due && !DATE_PATTERN.test(String(followUp.due))) {
			fail('followUp', 'date_invalid', 'Vervolg: de datum moet JJJJ-MM-DD zijn.');
		} else if (followUp.assignee) {
			try {
				app.findRecordById('users', String(followUp.assignee));
			} catch {
				fail('followUp', 'unknown_user', 'Vervolg: die collega bestaat niet.');
			}
		}
	}

	// PocketBase checks these lengths too, with codes of its own; the form's come first.
	const texts = [
		['wishes', LIMITS.wishes, 'Wensen'],
		['notes', LIMITS.notes, 'Notities'],
		['language', LIMITS.language, 'Taal']
	];
	for (const [field, max, label] of texts) {
		if (record.getString(field).length > max) {
			fail(field, 'too_long', `${label}: hoogstens ${max} tekens.`);
		}
	}
	return errors;
}

/** Metres between two points (haversine). */
function metresBetween(a, b) {
	const rad = Math.PI / 180;
	const dLat = (b.lat - a.lat) * rad;
	const dLon = (b.lon - a.lon) * rad;
	const h =
		Math.sin(dLat / 2) * Math.sin(dLat / 2) +
		Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
	return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

const isPoint = (p) => p && !(p.lon === 0 && p.lat === 0);

/** Sets the distance to the address and the flag; what a client sent for them is ignored. */
function setDistance(app, record) {
	const location = record.get('location');
	const addressId = record.getString('address');
	record.set('distanceFromAddress', 0);
	record.set('farFromAddress', false);
	if (!addressId || !isPoint(location)) return;
	const address = app.findRecordById('addresses', addressId);
	const door = address.get('location');
	if (!isPoint(door)) return;
	const metres = Math.round(metresBetween(location, door));
	record.set('distanceFromAddress', metres);
	record.set('farFromAddress', metres > FAR_FROM_ADDRESS_M);
}

/**
 * Where a resident's asset goes: her door with consent to an exact location, otherwise the middle
 * of her street's addresses (never a house), or the talk's own point without an address.
 */
function residentPlace(app, conversation, exact) {
	const addressId = conversation.getString('address');
	if (!addressId) {
		const point = conversation.get('location');
		return { location: { lon: point.lon, lat: point.lat }, precision: exact ? 'exact' : 'street' };
	}
	const address = app.findRecordById('addresses', addressId);
	const door = address.get('location');
	if (exact) return { location: { lon: door.lon, lat: door.lat }, precision: 'exact' };
	// With her door alone in the street, its middle would be her house: a cell of the grid then.
	const { streetMiddle, cellMiddle, STREET_CELL_M } = require(`${__hooks}/lib/precision.js`);
	return {
		location:
			streetMiddle(app, address.getString('street'), address.getString('area'), 2) ||
			cellMiddle({ lon: door.lon, lat: door.lat }, STREET_CELL_M),
		precision: 'street'
	};
}

function newRecord(app, collection, fields) {
	const record = new Record(app.findCollectionByNameOrId(collection));
	for (const name in fields) record.set(name, fields[name]);
	app.save(record);
	return record;
}

/**
 * Before the conversation is saved: the resident's person record, when the consent lets one be
 * kept (a first name, a contact or a key figure). The phone's `resident` is not kept. Her consent
 * is the talk's, given at `heldAt` and running for the retention period (lib/consent.js).
 * @param {core.App} app
 * @param {core.Record} record the conversation
 * @param {string} authorId
 * @returns {core.Record | null}
 */
function createPerson(app, record, authorId) {
	const resident = jsonField(record, 'resident');
	record.set('resident', null);
	if (!resident || record.getString('outcome') !== 'talked') return null;
	const consent = record.getStringSlice('consent');
	const firstName = consent.indexOf('first_name') >= 0 ? (resident.firstName || '').trim() : '';
	const contact = consent.indexOf('contact') >= 0 ? (resident.contact || '').trim() : '';
	if (!firstName && !contact && !resident.isKeyFigure) return null;
	const { retentionDays, parseDate, isoDate, DAY_MS } = require(`${__hooks}/lib/consent.js`);
	const heldAt = parseDate(record.getString('heldAt'));
	const givenMs = isNaN(heldAt) ? Date.now() : heldAt;
	const person = newRecord(app, 'people', {
		display_name: firstName,
		contact: contact,
		address: record.getString('address'),
		area: record.getString('area'),
		// Kept for the retention period from the talk (lib/consent.js); renewing moves `until`.
		consent: {
			scopes: consent,
			givenAt: isoDate(givenMs),
			until: isoDate(givenMs + retentionDays() * DAY_MS),
			recordedBy: record.getString('worker'),
			source: 'conversation'
		},
		isKeyFigure: !!resident.isKeyFigure,
		createdBy: authorId
	});
	record.set('person', person.id);
	return person;
}

/**
 * After the conversation is saved: capacity assets from its gifts, a key-figure asset, links to
 * the initiatives it is connected to, and the follow-up. Returns the ids of what was made.
 * @param {core.App} app
 * @param {core.Record} record the saved conversation
 * @param {core.Record | null} person
 * @param {string} authorId
 */
function grow(app, record, person, authorId) {
	const made = { assets: [], links: [], followUp: '' };
	const talked = record.getString('outcome') === 'talked';
	const consent = record.getStringSlice('consent');
	const { setStreet } = require(`${__hooks}/lib/streets.js`);
	const { stamp } = require(`${__hooks}/lib/freshness.js`);
	const place = talked ? residentPlace(app, record, consent.indexOf('exact_location') >= 0) : null;

	const residentAsset = (fields) => {
		const asset = new Record(app.findCollectionByNameOrId('assets'));
		const all = Object.assign(
			{
				location: place.location,
				precision: place.precision,
				area: record.getString('area'),
				status: 'active',
				person: person ? person.id : '',
				sourceConversation: record.id,
				createdBy: authorId
			},
			fields
		);
		for (const name in all) asset.set(name, all[name]);
		stamp(asset, authorId);
		setStreet(app, asset);
		app.save(asset);
		made.assets.push(asset.id);
		return asset;
	};

	const ownAssets = [];
	if (talked && consent.length > 0) {
		if (person && person.getBool('isKeyFigure')) {
			const addressId = record.getString('address');
			const street = addressId
				? app.findRecordById('addresses', addressId).getString('street')
				: '';
			ownAssets.push(
				residentAsset({
					kind: 'key_figure',
					title: person.getString('display_name') || `Sleutelfiguur ${street}`.trim(),
					themes: record.getStringSlice('themes'),
					domain: ['sociaal']
				})
			);
		}
		for (const gift of jsonField(record, 'gifts') || []) {
			ownAssets.push(
				residentAsset({
					kind: 'capacity',
					title: gift.tag.trim(),
					gifts: [gift.kind],
					themes: gift.themes || []
				})
			);
		}
	}

	const connectTo = record.getStringSlice('connectTo');
	for (const from of ownAssets) {
		for (const to of connectTo) {
			const link = newRecord(app, 'links', {
				from: from.id,
				to: to,
				kind: 'supports',
				note: 'Uit een voordeurgesprek',
				createdBy: authorId
			});
			made.links.push(link.id);
		}
	}

	const followUp = jsonField(record, 'followUp');
	if (followUp) {
		const task = newRecord(app, 'follow_ups', {
			conversation: record.id,
			area: record.getString('area'),
			what: followUp.what.trim(),
			assignee: followUp.assignee || record.getString('worker'),
			due: followUp.due ? `${String(followUp.due).slice(0, 10)} 12:00:00.000Z` : '',
			createdBy: authorId
		});
		made.followUp = task.id;
	}
	return made;
}

module.exports = {
	checkExtras,
	setDistance,
	createPerson,
	grow,
	metresBetween,
	FAR_FROM_ADDRESS_M
};
