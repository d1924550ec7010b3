// Listening rounds on the server (src/lib/rounds/README.md is the contract): what the API rules
// cannot say. Bound to events by pb_hooks/rounds.pb.js (rounds, questions, lists) and
// pb_hooks/conversations.pb.js (a talk's answers); retention and erasure clear personal answers.
//
// - A coordinator writes (creates, changes, deletes) a round, a question or a list only when every
//   area of its round is one of hers or lies below one (the rules let her in when one is).
// - A list is checked out with `{ checkOut: true }` in an update's body and given back with
//   `{ giveBack: true }`; `checkedOutBy`/`checkedOutAt` are the server's. Check-out: to herself,
//   when the list is free or already hers, and its `expiresOn` day has not passed (a list past
//   it is done: 409 `expired` until a coordinator gives it a later day); a worker only when she is an assignee, or anyone of its areas (the rules) when it
//   has none. Give-back: the one who has it; coordinators and admins give back anyone's.
//   A worker changes nothing else of a list (the field is named in the refusal).
// - A talk's answers: see answerErrors.

const VOCABULARY = require(`${__hooks}/lib/vocabulary.json`);
const ROUND = VOCABULARY.limits.round;

/** Fields of a list a worker's update may change: the server sets them on check-out. */
const CHECK_OUT_FIELDS = ['checkedOutBy', 'checkedOutAt', 'updated'];
const DAY_MS = 86400000;

const isAppUser = (auth) => !!auth && auth.collection().name === 'users';

/** A record's JSON field as a value (null when empty or unreadable). */
function jsonOf(record, name) {
	const text = record.getString(name);
	if (text === '' || text === 'null') return null;
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/** The round a rounds, round_questions or walk_lists record belongs to (null when gone). */
function roundOf(app, record) {
	if (record.collection().name === 'rounds') return record;
	const id = record.getString('round');
	if (!id) return null;
	try {
		return app.findRecordById('rounds', id);
	} catch {
		return null;
	}
}

/**
 * Throws a 403 unless every area of the round of `record` (and, on update and delete, of the
 * stored record) is one of the coordinator's or lies below one. Only coordinators: admins and
 * superusers may everything, workers never write rounds or questions (the rules), and change a
 * list only as requireListChange allows.
 * @param {core.App} app @param {core.Record | null} auth @param {core.Record[]} records
 */
function requireRoundWithinAreas(app, auth, records) {
	if (!isAppUser(auth) || auth.getString('role') !== 'coordinator') return;
	const { isWithinAreas } = require(`${__hooks}/lib/areas.js`);
	const mine = auth.getStringSlice('areas');
	for (const record of records) {
		const round = roundOf(app, record);
		if (!round) continue; // no round (yet): PocketBase's own checks refuse it
		const areas = round.getStringSlice('areas');
		const outside = areas.filter((area) => {
			try {
				return !isWithinAreas(app, area, mine);
			} catch {
				return true;
			}
		});
		if (outside.length > 0) {
			const field = record.collection().name === 'rounds' ? 'areas' : 'round';
			const message =
				`${field}: deze ronde ligt ook buiten je eigen gebieden; alleen wie over al haar gebieden gaat, kan haar wijzigen. / ` +
				`${field}: this round lies partly outside your own areas; only someone responsible for all of them may change it.`;
			throw new ForbiddenError(message, {
				[field]: new ValidationError('outside_areas', message)
			});
		}
	}
}

/**
 * Throws a 400 with { field: { code, message } } for the problems found, if any; a 403 when one
 * points outside (`outside_areas`), as the relation check of records.pb.js answers.
 */
function refuse(problems) {
	const fields = Object.keys(problems);
	if (fields.length === 0) return;
	const data = {};
	let outside = false;
	for (const field of fields) {
		data[field] = new ValidationError(problems[field].code, problems[field].message);
		if (problems[field].code === 'outside_areas') outside = true;
	}
	const message = problems[fields[0]].message;
	throw outside ? new ForbiddenError(message, data) : new BadRequestError(message, data);
}

const isText = (value, max, required) =>
	typeof value === 'string' && value.length <= max && (!required || value.trim() !== '');

/**
 * What is wrong with a round beyond its schema: its period, streets and target.
 * @param {core.Record} round
 */
function roundProblems(round) {
	const problems = {};
	const starts = round.getString('startsOn');
	const ends = round.getString('endsOn');
	if (starts && ends && ends.slice(0, 10) < starts.slice(0, 10)) {
		problems.endsOn = { code: 'invalid', message: 'De ronde eindigt vóór ze begint.' };
	}
	const streets = jsonOf(round, 'streets');
	if (
		streets !== null &&
		!(Array.isArray(streets) && streets.every((s) => isText(s, ROUND.name * 2, true)))
	) {
		problems.streets = { code: 'invalid', message: 'Straten: een lijst van straatnamen.' };
	}
	const target = jsonOf(round, 'target');
	const count = (n) => n === undefined || (Number.isInteger(n) && n >= 0);
	if (
		target !== null &&
		!(
			typeof target === 'object' &&
			!Array.isArray(target) &&
			Object.keys(target).every((key) => key === 'doors' || key === 'talks') &&
			count(target.doors) &&
			count(target.talks)
		)
	) {
		problems.target = { code: 'invalid', message: 'Doel: { doors, talks } als hele getallen.' };
	}
	return problems;
}

/**
 * What is wrong with a question beyond its schema: its options fit its kind, and a round has at
 * most limits.round.questions.
 * @param {core.App} app @param {core.Record} question
 */
function questionProblems(app, question) {
	const problems = {};
	const kind = question.getString('kind');
	const options = jsonOf(question, 'options');
	if (kind === 'choice' || kind === 'choices') {
		const valid =
			Array.isArray(options) &&
			options.length >= 2 &&
			options.length <= ROUND.options &&
			options.every(
				(o) =>
					o &&
					typeof o === 'object' &&
					isText(o.value, ROUND.optionText, true) &&
					isText(o.nl, ROUND.optionText, true) &&
					(o.en === undefined || isText(o.en, ROUND.optionText, false))
			) &&
			new Set(options.map((o) => o.value)).size === options.length;
		if (!valid) {
			problems.options = {
				code: 'invalid',
				message: `Keuzes: 2 tot ${ROUND.options}, elk met een eigen waarde en tekst (hoogstens ${ROUND.optionText} tekens).`
			};
		}
	} else if (options !== null && !(Array.isArray(options) && options.length === 0)) {
		problems.options = { code: 'invalid', message: 'Alleen een keuzevraag heeft keuzes.' };
	}
	const round = question.getString('round');
	const moved = question.isNew() || question.original().getString('round') !== round;
	if (round && moved) {
		const others = app.countRecords(
			'round_questions',
			$dbx.and($dbx.hashExp({ round: round }), $dbx.not($dbx.hashExp({ id: question.id })))
		);
		if (others >= ROUND.questions) {
			problems.round = {
				code: 'too_many',
				message: `Een ronde heeft hoogstens ${ROUND.questions} vragen.`
			};
		}
	}
	return problems;
}

/**
 * What is wrong with a list beyond its schema: its doors lie in its round's areas.
 * @param {core.App} app @param {core.Record} list
 */
function listProblems(app, list) {
	const problems = {};
	const round = roundOf(app, list);
	if (!round) return problems;
	const { isWithinAreas } = require(`${__hooks}/lib/areas.js`);
	const areas = round.getStringSlice('areas');
	const before = list.isNew() ? [] : list.original().getStringSlice('addresses');
	const roundChanged = !list.isNew() && list.original().getString('round') !== round.id;
	for (const id of list.getStringSlice('addresses')) {
		if (!roundChanged && before.indexOf(id) >= 0) continue;
		let inside;
		try {
			const door = app.findRecordById('addresses', id);
			inside = isWithinAreas(app, door.getString('area'), areas);
		} catch {
			continue; // no such door: PocketBase refuses it itself
		}
		if (!inside) {
			problems.addresses = {
				code: 'outside_areas',
				message:
					'addresses: een deur op de lijst ligt buiten de gebieden van de ronde. / ' +
					'addresses: a door on the list lies outside the areas of its round.'
			};
			break;
		}
	}
	return problems;
}

/** Whether a list's `expiresOn` day has passed at `now` (ms). */
function isExpired(list, now) {
	const expires = list.getString('expiresOn');
	if (!expires) return false;
	const day = Date.parse(expires.slice(0, 10) + 'T00:00:00Z');
	return !isNaN(day) && now >= day + DAY_MS;
}

/**
 * Decides an app user's update of a list: a worker may only check it out or give it back (403
 * naming the field she tried to change otherwise); `checkedOutBy`/`checkedOutAt` change only
 * through `{ checkOut: true }` or `{ giveBack: true }` (409 when another has it). Sets them.
 * @param {core.RecordRequestEvent} e
 */
function decideListUpdate(e) {
	const auth = e.auth;
	if (!isAppUser(auth)) return;
	const list = e.record;
	const original = list.original();
	const role = auth.getString('role');
	const body = e.requestInfo().body || {};
	const flag = (name) => body[name] === true || body[name] === 'true';
	const checkOut = flag('checkOut');
	const giveBack = flag('giveBack');
	list.set('checkedOutBy', original.getString('checkedOutBy'));
	list.set('checkedOutAt', original.get('checkedOutAt'));

	if (role === 'worker') {
		for (const field of list.collection().fields) {
			const name = field.name;
			if (CHECK_OUT_FIELDS.indexOf(name) >= 0) continue;
			if (JSON.stringify(list.get(name)) !== JSON.stringify(original.get(name))) {
				const message =
					`Je kunt ${name} van een looplijst niet wijzigen: alleen ophalen (checkOut) of teruggeven (giveBack). / ` +
					`You cannot change ${name} of a walk list: only check it out (checkOut) or give it back (giveBack).`;
				throw new ForbiddenError(message, { [name]: new ValidationError('not_allowed', message) });
			}
		}
		if (!checkOut && !giveBack) {
			const message =
				'Een looplijst kun je alleen ophalen (checkOut) of teruggeven (giveBack). / ' +
				'You can only check a walk list out (checkOut) or give it back (giveBack).';
			throw new ForbiddenError(message, {
				checkedOutBy: new ValidationError('not_allowed', message)
			});
		}
	}
	if (checkOut && giveBack) {
		refuse({ checkedOutBy: { code: 'invalid', message: 'Ophalen óf teruggeven, niet allebei.' } });
	}
	const holder = original.getString('checkedOutBy');
	if (checkOut) {
		const assignees = original.getStringSlice('assignees');
		if (role === 'worker' && assignees.length > 0 && assignees.indexOf(auth.id) < 0) {
			const message =
				'Deze looplijst is aan iemand anders toegewezen. / This walk list is assigned to someone else.';
			throw new ForbiddenError(message, {
				assignees: new ValidationError('not_assigned', message)
			});
		}
		// Past its last day a list is done: the coordinator gives it a new day to walk it again.
		if (isExpired(original, Date.now())) {
			const message =
				'Deze looplijst is verlopen; vraag je coördinator om een nieuwe einddatum. / ' +
				'This walk list has expired; ask your coordinator for a new last day.';
			throw new ApiError(409, message, {
				expiresOn: new ValidationError('expired', message)
			});
		}
		if (holder && holder !== auth.id) {
			const message =
				'Iemand anders loopt deze lijst al. / Someone else has checked this walk list out.';
			throw new ApiError(409, message, {
				checkedOutBy: new ValidationError('taken', message)
			});
		}
		list.set('checkedOutBy', auth.id);
		list.set('checkedOutAt', new DateTime());
	}
	if (giveBack) {
		if (holder !== auth.id && role === 'worker') {
			const message =
				'Je kunt alleen een looplijst teruggeven die jij hebt. / You can only give back a walk list you have.';
			throw new ForbiddenError(message, {
				checkedOutBy: new ValidationError('not_yours', message)
			});
		}
		list.set('checkedOutBy', '');
		list.set('checkedOutAt', '');
	}
}

/** An answer's problem, or '' when it fits its question (kind and options). */
function answerProblem(question, value) {
	const kind = question.getString('kind');
	const options = jsonOf(question, 'options');
	const values = Array.isArray(options) ? options.map((o) => o && o.value) : [];
	if (kind === 'text') {
		if (typeof value !== 'string') return 'answer_invalid';
		return value.length > ROUND.answerText ? 'too_long' : '';
	}
	if (kind === 'choice') return values.indexOf(value) >= 0 ? '' : 'answer_invalid';
	if (kind === 'choices') {
		const fits =
			Array.isArray(value) &&
			value.every((v) => values.indexOf(v) >= 0) &&
			new Set(value).size === value.length;
		return fits ? '' : 'answer_invalid';
	}
	if (kind === 'yesno') return typeof value === 'boolean' ? '' : 'answer_invalid';
	if (kind === 'number') {
		return typeof value === 'number' && isFinite(value) ? '' : 'answer_invalid';
	}
	return 'answer_invalid';
}

const ANSWER_MESSAGES = {
	answers_without_list: 'Antwoorden horen bij een gesprek op een looplijst.',
	other_round: 'Een antwoord hoort bij een vraag van een andere ronde.',
	answer_invalid: 'Een antwoord past niet bij zijn vraag.',
	too_long: `Een antwoord: hoogstens ${ROUND.answerText} tekens.`,
	not_talked: 'Antwoorden horen alleen bij een gesprek.',
	invalid: 'Antwoorden: verwacht { vraag: antwoord }.',
	not_on_list: 'Deze deur staat niet op de looplijst.',
	not_your_list: 'Deze looplijst is niet aan jou toegewezen en niet door jou opgehaald.'
};

/**
 * What is wrong with a talk's `walkList` and `answers` (conversation error codes of the
 * vocabulary, as checkExtras answers): answers need a list and a talk; every key is a question
 * of the list's round and its value fits the question's kind; the talk's door is one of the
 * list's doors (answers need one); a worker logs on a list she is assigned to or has checked out,
 * or on one without assignees. Whether the list lies in her areas is the relation check's.
 * @param {core.App} app @param {core.Record} record @param {core.Record | null} auth
 * @returns {Record<string, { code: string, message: string }>}
 */
function answerErrors(app, record, auth) {
	const errors = {};
	const fail = (field, code) => {
		if (!errors[field]) errors[field] = { code: code, message: ANSWER_MESSAGES[code] };
	};
	const answers = jsonOf(record, 'answers');
	if (answers !== null && (typeof answers !== 'object' || Array.isArray(answers))) {
		fail('answers', 'invalid');
		return errors;
	}
	const keys = answers ? Object.keys(answers) : [];
	const listId = record.getString('walkList');
	if (!listId) {
		if (keys.length > 0) fail('answers', 'answers_without_list');
		return errors;
	}
	let list;
	try {
		list = app.findRecordById('walk_lists', listId);
	} catch {
		return errors; // no such list: PocketBase refuses the relation itself
	}
	if (keys.length > 0 && record.getString('outcome') !== 'talked') fail('answers', 'not_talked');
	const door = record.getString('address');
	if ((door || keys.length > 0) && list.getStringSlice('addresses').indexOf(door) < 0) {
		fail('walkList', 'not_on_list');
	}
	if (isAppUser(auth) && auth.getString('role') === 'worker') {
		const assignees = list.getStringSlice('assignees');
		const hers =
			assignees.length === 0 ||
			assignees.indexOf(auth.id) >= 0 ||
			list.getString('checkedOutBy') === auth.id;
		if (!hers) fail('walkList', 'not_your_list');
	}
	const round = list.getString('round');
	for (const key of keys) {
		let question = null;
		try {
			question = app.findRecordById('round_questions', key);
		} catch {
			// not a question at all: of no round of hers
		}
		if (!question || question.getString('round') !== round) {
			fail('answers', 'other_round');
			continue;
		}
		const problem = answerProblem(question, answers[key]);
		if (problem) fail('answers', problem);
	}
	return errors;
}

/**
 * A talk's answers without those to personal questions (retention, erasure), or null when it
 * keeps them all.
 * @param {core.App} app @param {core.Record} conversation
 */
function withoutPersonalAnswers(app, conversation) {
	const answers = jsonOf(conversation, 'answers');
	if (!answers || typeof answers !== 'object' || Array.isArray(answers)) return null;
	const kept = {};
	let dropped = false;
	for (const key of Object.keys(answers)) {
		let personal = true; // a question that is gone: nobody can say, so it goes
		try {
			personal = app.findRecordById('round_questions', key).getBool('personal');
		} catch {
			// gone
		}
		if (personal) dropped = true;
		else kept[key] = answers[key];
	}
	return dropped ? kept : null;
}

module.exports = {
	requireRoundWithinAreas,
	roundProblems,
	questionProblems,
	listProblems,
	refuse,
	decideListUpdate,
	isExpired,
	answerErrors,
	withoutPersonalAnswers
};
