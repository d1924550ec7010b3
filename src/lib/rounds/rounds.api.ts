// Reads and writes listening rounds, their questions and walk lists: the only place that calls
// PocketBase for them. Takes the client as a parameter (the app's `pb`, or a test's), so
// tests/integration/rounds-api.test.ts runs exactly these requests against the real server.
// The API rules decide what a user sees (README.md, "The rules"); these filters only pick.
import type PocketBase from 'pocketbase';
import type { PurposeRecord } from '$lib/pocketbase/types';
import { AREAS_PER_FILTER, readInSlices } from '$lib/pocketbase/filter';
import { newRecordId } from '$lib/sync/outbox';
import {
	ROUND_ERRORS,
	roundDate,
	type QuestionDraft,
	type QuestionErrors,
	type RoundDraft,
	type RoundDraftErrors,
	type RoundError,
	type RoundQuestion,
	type RoundRecord,
	type WalkListRecord
} from './rounds';
import type { ListWithRound, WalkListDraft } from './walk-lists';

/** A round with its questions (by position) and its lists (by name, each with its round's areas). */
export interface RoundWithParts extends RoundRecord {
	questions: RoundQuestion[];
	lists: ListWithRound[];
}

/** A cut list as the coordinator saves it: whom it is for and its last day ('YYYY-MM-DD' or ''). */
export interface ListDraft extends WalkListDraft {
	assignees?: string[];
	expiresOn?: string;
}

/**
 * The server refused a round (or one of its questions) with field errors: `errors` are the round
 * form's, per field, the codes mapped to `ROUND_ERRORS` ('invalid' for codes the form has not).
 * `status` is the server's (400, or 403 for `outside_areas`), so `apiErrorKind` still reads it.
 */
export class RoundRefused extends Error {
	constructor(
		readonly errors: RoundDraftErrors,
		readonly status: number
	) {
		super('round refused');
		this.name = 'RoundRefused';
	}
}

export interface RoundsApi {
	/** The rounds of her areas (in, or below, one of them), newest start first; [] without areas. */
	listRounds(areaIds: readonly string[]): Promise<RoundWithParts[]>;
	/**
	 * Creates a round with its questions, or updates `stored` to the draft: questions with an `id`
	 * are updated, without one created, stored ones left out deleted. In one batch: all or nothing.
	 * Throws `RoundRefused` when the server names fields.
	 */
	saveRound(draft: RoundDraft, stored?: RoundWithParts): Promise<RoundWithParts>;
	/** Creates the lists of a round, in one batch (all or nothing). */
	saveLists(roundId: string, drafts: readonly ListDraft[]): Promise<WalkListRecord[]>;
	/** Sets whom a list is for (a worker or a pair; [] for anyone of its areas). */
	assignList(listId: string, assignees: readonly string[]): Promise<WalkListRecord>;
	/** Sets a list's last day ('YYYY-MM-DD'), or '' for none. */
	setListExpiry(listId: string, day: string): Promise<WalkListRecord>;
	/** Checks a list out to the signed-in user (409 `taken` when another has it). */
	checkOut(listId: string): Promise<WalkListRecord>;
	/** Gives a list back (403 `not_yours` when she does not have it). */
	giveBack(listId: string): Promise<WalkListRecord>;
	/** Deletes a round; its questions and lists go with it (cascade). */
	deleteRound(roundId: string): Promise<void>;
	/** Deletes a walk list; talks logged on it stay, with their answers. */
	deleteList(listId: string): Promise<void>;
}

/**
 * A filter on a round's areas (at `path`): one of them is one of `areaIds`, or lies below one
 * (a buurt of her wijk or gemeente). Null without areas. Values are bound, never concatenated.
 */
function inAreas(client: PocketBase, path: string, areaIds: readonly string[]): string | null {
	const ids = [...new Set(areaIds)];
	if (ids.length === 0) return null;
	const params: Record<string, string> = {};
	const terms = ids.flatMap((id, i) => {
		params[`a${i}`] = id;
		// `?=`: any of the round's areas, not all of them.
		return ['id', 'parent', 'parent.parent'].map((up) => `${path}.${up} ?= {:a${i}}`);
	});
	return client.filter(`(${terms.join(' || ')})`, params);
}

const KINDS_WITH_OPTIONS = ['choice', 'choices'];

function roundBody(draft: RoundDraft) {
	const target = Object.fromEntries(
		Object.entries(draft.target).filter(([, count]) => count !== undefined)
	);
	return {
		name: draft.name.trim(),
		purpose: draft.purpose,
		startsOn: roundDate(draft.startsOn.trim()),
		endsOn: roundDate(draft.endsOn.trim()),
		areas: draft.areas,
		// Only when the form has them: a draft without `streets` leaves the stored ones be.
		...(draft.streets ? { streets: draft.streets } : {}),
		themes: draft.themes,
		target: Object.keys(target).length > 0 ? target : null
	};
}

function questionBody(question: QuestionDraft, position: number) {
	const trim = (text: string) => text.trim();
	return {
		position,
		kind: question.kind,
		textNl: trim(question.textNl),
		textEn: trim(question.textEn),
		options: KINDS_WITH_OPTIONS.includes(question.kind)
			? question.options.map((o) => ({ value: trim(o.value), nl: trim(o.nl), en: trim(o.en) }))
			: null,
		personal: question.personal
	};
}

/** A server code as the form's: its own where they match, PocketBase's built-in ones mapped. */
function formCode(code: string): RoundError {
	if ((ROUND_ERRORS as readonly string[]).includes(code)) return code as RoundError;
	if (code === 'validation_required') return 'required';
	if (code === 'validation_max_text_constraint' || code === 'validation_length_out_of_range')
		return 'too_long';
	return 'invalid';
}

type FieldErrors = Record<string, { code?: string } | undefined>;

const ROUND_FIELDS = [
	'name',
	'purpose',
	'startsOn',
	'endsOn',
	'areas',
	'streets',
	'themes',
	'target'
];
const QUESTION_FIELDS = ['kind', 'textNl', 'textEn', 'options'] as const;

/** What one refused request of a round's batch says, for the form: the round's or a question's. */
function formErrors(data: FieldErrors, question: number | null): RoundDraftErrors {
	const errors: RoundDraftErrors = {};
	const fields = Object.entries(data).filter(([, e]) => typeof e?.code === 'string');
	if (question === null) {
		for (const [field, error] of fields) {
			if (ROUND_FIELDS.includes(field)) errors[field as 'name'] = formCode(error!.code!);
		}
		return errors;
	}
	const found: QuestionErrors = {};
	for (const [field, error] of fields) {
		const code = formCode(error!.code!);
		// The server counts a round's questions on each new one (`round`: too_many).
		if (field === 'round' && code === 'too_many') errors.questions = 'too_many';
		else if ((QUESTION_FIELDS as readonly string[]).includes(field)) found[field as 'kind'] = code;
	}
	if (Object.keys(found).length > 0) errors.question = { [question]: found };
	return errors;
}

interface Refusal {
	status?: number;
	response?: {
		data?: FieldErrors & {
			requests?: Record<string, { response?: { status?: number; data?: FieldErrors } }>;
		};
	};
}

/**
 * A batch's refusal as the form's errors: the first refused request (PocketBase stops there)
 * and what it is for (`parts[i]`: null the round, a number that question's index). The error
 * itself when it is none of these (offline, a server error).
 */
function refusalOf(error: unknown, parts: readonly (number | null | 'delete')[]): unknown {
	const refusal = error as Refusal;
	const requests = refusal?.response?.data?.requests;
	if (!requests) return error;
	for (const [index, request] of Object.entries(requests)) {
		const part = parts[Number(index)];
		const response = request?.response;
		if (part === undefined || part === 'delete' || !response?.data) continue;
		const errors = formErrors(response.data, part);
		if (Object.keys(errors).length > 0) return new RoundRefused(errors, response.status ?? 400);
	}
	return error;
}

export function roundsApi(client: PocketBase): RoundsApi {
	const lists = () => client.collection('walk_lists');
	// Writes are never auto-cancelled: a check-out and its give-back must both reach the server.
	const write = { requestKey: null };

	return {
		async listRounds(areaIds) {
			if (areaIds.length === 0) return [];
			// In slices of areas: a filter naming many is refused (`readInSlices`).
			const read = <T extends { id: string }>(collection: string, path: string, sort: string) =>
				readInSlices(areaIds, (slice) =>
					client.collection(collection).getFullList<T>({
						filter: inAreas(client, path, slice)!,
						sort,
						batch: 500,
						skipTotal: true,
						requestKey: `rounds:${collection}`
					})
				);
			const [records, questions, walkLists] = await Promise.all([
				read<RoundRecord>('rounds', 'areas', '-startsOn,name'),
				read<RoundQuestion>('round_questions', 'round.areas', 'position,created'),
				read<WalkListRecord>('walk_lists', 'round.areas', 'name')
			]);
			// Slices read one after another each come sorted: sort the whole again.
			if (areaIds.length > AREAS_PER_FILTER) {
				records.sort(
					(a, b) => b.startsOn.localeCompare(a.startsOn) || a.name.localeCompare(b.name)
				);
				questions.sort((a, b) => a.position - b.position);
				walkLists.sort((a, b) => a.name.localeCompare(b.name));
			}
			return records.map((round) => ({
				...round,
				questions: questions.filter((q) => q.round === round.id),
				// Its round's areas, as `canCheckOut` reads them: no expand needed, the round is here.
				lists: walkLists
					.filter((l) => l.round === round.id)
					.map((l) => ({ ...l, expand: { round: { areas: round.areas } } }))
			}));
		},

		async saveRound(draft, stored) {
			const batch = client.createBatch();
			const roundId = stored?.id ?? newRecordId();
			// What each request of the batch is for, to place a refusal on the form.
			const parts: (number | null | 'delete')[] = [];
			if (stored) batch.collection('rounds').update(roundId, roundBody(draft));
			else batch.collection('rounds').create({ id: roundId, ...roundBody(draft) });
			parts.push(null);
			// Deletes before creates: a round holds at most LIMITS.round.questions at any moment.
			const kept = new Set(draft.questions.map((q) => q.id).filter(Boolean));
			for (const question of stored?.questions ?? []) {
				if (kept.has(question.id)) continue;
				batch.collection('round_questions').delete(question.id);
				parts.push('delete');
			}
			draft.questions.forEach((question, index) => {
				const body = questionBody(question, index + 1);
				if (question.id) batch.collection('round_questions').update(question.id, body);
				else batch.collection('round_questions').create({ ...body, round: roundId });
				parts.push(index);
			});
			let results;
			try {
				results = await batch.send(write);
			} catch (error) {
				throw refusalOf(error, parts);
			}
			const round = results[0].body as RoundRecord;
			const questions = results
				.filter((_, i) => typeof parts[i] === 'number')
				.map((result) => result.body as RoundQuestion);
			return { ...round, questions, lists: stored?.lists ?? [] };
		},

		async saveLists(roundId, drafts) {
			if (drafts.length === 0) return [];
			const batch = client.createBatch();
			for (const draft of drafts) {
				batch.collection('walk_lists').create({
					round: roundId,
					name: draft.name.trim(),
					addresses: draft.addresses,
					assignees: draft.assignees ?? [],
					expiresOn: draft.expiresOn ? roundDate(draft.expiresOn) : ''
				});
			}
			const results = await batch.send(write);
			return results.map((result) => result.body as WalkListRecord);
		},

		assignList(listId, assignees) {
			return lists().update<WalkListRecord>(listId, { assignees }, write);
		},

		setListExpiry(listId, day) {
			const expiresOn = day.trim() === '' ? '' : roundDate(day.trim());
			return lists().update<WalkListRecord>(listId, { expiresOn }, write);
		},

		// `checkedOutBy` and `checkedOutAt` are the server's: only the flag is sent.
		checkOut(listId) {
			return lists().update<WalkListRecord>(listId, { checkOut: true }, write);
		},

		giveBack(listId) {
			return lists().update<WalkListRecord>(listId, { giveBack: true }, write);
		},

		async deleteRound(roundId) {
			await client.collection('rounds').delete(roundId, write);
		},

		async deleteList(listId) {
			await lists().delete(listId, write);
		}
	};
}

/** The register's active purposes, by name: what the round form offers to ask consent for. */
export function listPurposes(client: PocketBase): Promise<PurposeRecord[]> {
	return client
		.collection('purposes')
		.getFullList<PurposeRecord>({ filter: 'active = true', sort: 'name', skipTotal: true });
}
