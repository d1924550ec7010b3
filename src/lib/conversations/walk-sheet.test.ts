// Guards the paper walk sheet: which doors a sheet lists (as due at the walk), the streets in the
// URL, the QR code's URL and drawing, and typing the ticked boxes in: only ticked doors, at the
// walk's moment, and nothing at all when any row or the date is wrong.
import { describe, expect, it } from 'vitest';
import type { AddressRecord } from '$lib/addresses/addresses';
import type { OutboxItem } from '$lib/sync/outbox';
import type { NewConversation } from './new-conversation';
import type { Visit } from './walk-list';
import {
	chosenStreets,
	doorUrl,
	enteredVisit,
	modulesPath,
	paperResultsToConversations,
	qrCode,
	queuedVisits,
	streetNames,
	streetsQuery,
	walkMoment,
	walkSheet
} from './walk-sheet';

const now = new Date('2026-11-23T18:00:00Z');
const daysAgo = (days: number, from = now) =>
	new Date(from.getTime() - days * 86_400_000).toISOString().replace('T', ' ');
const visit = (
	address: string,
	outcome: Visit['outcome'],
	heldAt: string,
	worker = 'w1'
): Visit => ({
	id: `${address}-${outcome}-${heldAt}`,
	address,
	outcome,
	heldAt,
	worker
});
const address = (id: string, street: string, number: string) =>
	({
		id,
		street,
		number,
		postcode: '',
		city: 'Utrecht',
		location: { lon: 5.1, lat: 52.1 },
		area: `buurt-${street}`
	}) as AddressRecord;

const addresses = [
	address('w1', 'Wolgadreef', '1'),
	address('w2', 'Wolgadreef', '2'),
	address('w3', 'Wolgadreef', '3'),
	address('a1', 'Amazonedreef', '1'),
	address('v1', 'Van Lieflandlaan', '1')
];

const doorIds = (streets: ReturnType<typeof walkSheet>) =>
	streets.map(({ street, doors }) => [street, doors.map((d) => d.address.id)]);

describe('chosenStreets and streetsQuery', () => {
	it('reads each chosen street once, trimmed, and none as every street', () => {
		const params = new URLSearchParams(
			'straat=Wolgadreef&straat=%20&straat=Amazonedreef+&straat=Wolgadreef'
		);
		expect(chosenStreets(params)).toEqual(['Wolgadreef', 'Amazonedreef']);
		expect(chosenStreets(new URLSearchParams('deur=x'))).toEqual([]);
	});

	it('writes a query that reads back as the same streets, spaces and ampersands included', () => {
		const streets = ['Van Lieflandlaan', 'Rijn & Schie', 'Wolgadreef'];
		const query = streetsQuery(streets);
		expect(query.startsWith('?straat=')).toBe(true);
		expect(chosenStreets(new URLSearchParams(query))).toEqual(streets);
		expect(streetsQuery([])).toBe('');
	});
});

describe('walkSheet', () => {
	it('lists the chosen streets only, in walking order; no streets means all', () => {
		expect(doorIds(walkSheet(addresses, [], ['Wolgadreef'], now))).toEqual([
			['Wolgadreef', ['w1', 'w3', 'w2']]
		]);
		expect(doorIds(walkSheet(addresses, [], [], now)).map(([street]) => street)).toEqual([
			'Amazonedreef',
			'Van Lieflandlaan',
			'Wolgadreef'
		]);
	});

	it('leaves out doors settled recently or for good', () => {
		const visits = [visit('w1', 'talked', daysAgo(3)), visit('w2', 'do_not_contact', daysAgo(400))];
		expect(doorIds(walkSheet(addresses, visits, ['Wolgadreef'], now))).toEqual([
			['Wolgadreef', ['w3']]
		]);
	});

	it('keeps a door of the walk that a colleague visited after it', () => {
		const walk = new Date('2026-11-20T10:00:00Z');
		const visits = [visit('w1', 'talked', '2026-11-21 09:00:00.000Z', 'colleague')];
		expect(doorIds(walkSheet(addresses, visits, ['Wolgadreef'], walk))).toEqual([
			['Wolgadreef', ['w1', 'w3', 'w2']]
		]);
		expect(doorIds(walkSheet(addresses, visits, ['Wolgadreef'], now))).toEqual([
			['Wolgadreef', ['w3', 'w2']]
		]);
	});

	it("narrows to a walk list's doors, whatever the streets, still only those due", () => {
		const list = { addresses: ['w3', 'a1', 'w1'] };
		const visits = [visit('w1', 'talked', daysAgo(3))];
		expect(doorIds(walkSheet(addresses, visits, ['Van Lieflandlaan'], now, { list }))).toEqual([
			['Amazonedreef', ['a1']],
			['Wolgadreef', ['w3']]
		]);
		expect(doorIds(walkSheet(addresses, visits, [], now, { list, everyDoor: true }))).toEqual([
			['Amazonedreef', ['a1']],
			['Wolgadreef', ['w1', 'w3']]
		]);
	});

	it('with everyDoor lists recently visited doors too, but never a do-not-contact door', () => {
		const visits = [visit('w1', 'talked', daysAgo(3)), visit('w2', 'do_not_contact', daysAgo(400))];
		expect(doorIds(walkSheet(addresses, visits, ['Wolgadreef'], now, { everyDoor: true }))).toEqual(
			[['Wolgadreef', ['w1', 'w3']]]
		);
	});
});

describe('streetNames', () => {
	it('lists each street once, alphabetically', () => {
		expect(streetNames([...addresses].reverse())).toEqual([
			'Amazonedreef',
			'Van Lieflandlaan',
			'Wolgadreef'
		]);
	});
});

describe('two places with a street of the same name', () => {
	const inTenBoer = { ...address('t1', 'Dorpsstraat', '1'), city: 'Ten Boer' };
	const inHaren = { ...address('h1', 'Dorpsstraat', '1'), city: 'Haren' };
	const both = [...addresses, inTenBoer, inHaren];

	it('offers each street with its place, and a sheet of one lists only its doors', () => {
		expect(streetNames(both).filter((s) => s.startsWith('Dorpsstraat'))).toEqual([
			'Dorpsstraat, Haren',
			'Dorpsstraat, Ten Boer'
		]);
		expect(doorIds(walkSheet(both, [], ['Dorpsstraat, Ten Boer'], now))).toEqual([
			['Dorpsstraat, Ten Boer', ['t1']]
		]);
		const query = streetsQuery(['Dorpsstraat, Ten Boer']);
		expect(chosenStreets(new URLSearchParams(query))).toEqual(['Dorpsstraat, Ten Boer']);
	});

	it('reads a link with the name alone as that street in every place, each on its own', () => {
		expect(doorIds(walkSheet(both, [], ['Dorpsstraat'], now))).toEqual([
			['Dorpsstraat, Haren', ['h1']],
			['Dorpsstraat, Ten Boer', ['t1']]
		]);
	});
});

describe('queuedVisits', () => {
	const item = (
		id: string,
		visit: Pick<NewConversation, 'address' | 'heldAt' | 'outcome' | 'worker'>
	): OutboxItem => ({
		id,
		collection: 'conversations',
		body: { ...visit, area: 'a1', location: { lon: 5.1, lat: 52.1 }, locationSource: 'address' },
		queuedAt: 1,
		attempts: 0,
		nextAttemptAt: 1,
		status: 'waiting'
	});

	it('reads conversations waiting on the phone as visits', () => {
		const queued = queuedVisits([
			item('q1', {
				address: 'w1',
				heldAt: '2026-11-23T10:00:00.000Z',
				outcome: 'not_home',
				worker: 'w1'
			})
		]);
		expect(queued).toEqual([
			{
				id: 'q1',
				address: 'w1',
				heldAt: '2026-11-23T10:00:00.000Z',
				outcome: 'not_home',
				worker: 'w1'
			}
		]);
	});
});

describe('doorUrl', () => {
	it("on a walk list's sheet, opens the door with the list chosen", () => {
		const url = new URL(doorUrl('https://krachtkaart.example.nl', 'abc123', 'lst 1'));
		expect(url.pathname).toBe('/oppad');
		expect(url.searchParams.get('deur')).toBe('abc123');
		expect(url.searchParams.get('lijst')).toBe('lst 1');
	});

	it("opens the door's form on Op pad", () => {
		const url = doorUrl('https://krachtkaart.example.nl', 'abc123def456ghi');
		expect(url).toBe('https://krachtkaart.example.nl/oppad?deur=abc123def456ghi');
		expect(new URL(url).searchParams.get('deur')).toBe('abc123def456ghi');
	});
});

describe('modulesPath and qrCode', () => {
	it('draws each run of dark modules in a row as one rectangle', () => {
		expect(
			modulesPath([
				[true, true, false, true],
				[false, false, false, false],
				[false, true, true, true]
			])
		).toBe('M0 0h2v1h-2z M3 0h1v1h-1z M1 2h3v1h-3z');
		expect(modulesPath([[false]])).toBe('');
	});

	it('makes a real QR code: a quiet zone, then the finder pattern in the corners', () => {
		const url = doorUrl('https://krachtkaart.example.nl', 'abc123def456ghi');
		const { size, path } = qrCode(url);
		// Version v has 17 + 4v modules a side, plus the quiet zone of 2 on each side.
		expect((size - 4 - 17) % 4).toBe(0);
		expect(size).toBeGreaterThanOrEqual(25);
		const runs = path.match(/M\d+ \d+h\d+v1h-\d+z/g) ?? [];
		expect(runs.join(' ')).toBe(path);
		// Rows 0 and 1 are the quiet zone; row 2 starts with the finder's top edge, 7 modules wide.
		expect(runs.filter((run) => /^M\d+ [01]h/.test(run))).toEqual([]);
		expect(runs).toContain('M2 2h7v1h-7z');
		expect(runs).toContain(`M${size - 9} 2h7v1h-7z`);
		expect(qrCode(doorUrl('https://krachtkaart.example.nl', 'zzz999zzz999zzz')).path).not.toBe(
			path
		);
	});
});

describe('walkMoment', () => {
	it("reads the typed date and time in the phone's time zone", () => {
		const result = walkMoment({ date: '2026-11-21', time: '14:30' }, now);
		expect(result).toEqual({ ok: true, at: new Date(2026, 10, 21, 14, 30) });
	});

	it('says what is missing or wrong', () => {
		expect(walkMoment({ date: '', time: '14:30' }, now)).toEqual({
			ok: false,
			error: 'date_missing'
		});
		expect(walkMoment({ date: '2026-11-21', time: ' ' }, now)).toEqual({
			ok: false,
			error: 'time_missing'
		});
		expect(walkMoment({ date: '2026-02-30', time: '10:00' }, now)).toEqual({
			ok: false,
			error: 'invalid'
		});
		expect(walkMoment({ date: '21-11-2026', time: '10:00' }, now)).toEqual({
			ok: false,
			error: 'invalid'
		});
		expect(walkMoment({ date: '2026-11-21', time: '25:00' }, now)).toEqual({
			ok: false,
			error: 'invalid'
		});
	});

	it('refuses a walk in the future or more than a year ago', () => {
		const soon = new Date(now.getTime() + 60_000);
		const pad = (n: number) => String(n).padStart(2, '0');
		const typed = (at: Date) => ({
			date: `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`,
			time: `${pad(at.getHours())}:${pad(at.getMinutes())}`
		});
		expect(walkMoment(typed(soon), now)).toEqual({ ok: false, error: 'future' });
		expect(walkMoment(typed(now), now).ok).toBe(true);
		expect(walkMoment({ date: '2025-11-01', time: '10:00' }, now)).toEqual({
			ok: false,
			error: 'too_old'
		});
	});
});

describe('paperResultsToConversations', () => {
	const doors = addresses.filter((a) => a.street === 'Wolgadreef');
	const walk = { date: '2026-11-21', time: '14:30' };
	const heldAt = new Date(2026, 10, 21, 14, 30).toISOString();

	it('makes one conversation per ticked door, at the walk and the door', () => {
		const result = paperResultsToConversations({
			doors,
			drafts: { w1: 'not_home', w2: null, w3: 'talked' },
			walk,
			worker: 'w1',
			visits: [],
			now
		});
		expect(result).toEqual({
			ok: true,
			conversations: [
				{
					area: 'buurt-Wolgadreef',
					address: 'w1',
					worker: 'w1',
					heldAt,
					outcome: 'not_home',
					location: { lon: 5.1, lat: 52.1 },
					locationSource: 'address'
				},
				{
					area: 'buurt-Wolgadreef',
					address: 'w3',
					worker: 'w1',
					heldAt,
					outcome: 'talked',
					location: { lon: 5.1, lat: 52.1 },
					locationSource: 'address'
				}
			]
		});
	});

	it('ignores drafts of doors that are not on the sheet', () => {
		const result = paperResultsToConversations({
			doors: doors.slice(0, 1),
			drafts: { w1: 'vacant', a1: 'talked' },
			walk,
			worker: 'w1',
			visits: [],
			now
		});
		expect(result.ok && result.conversations.map((c) => c.address)).toEqual(['w1']);
	});

	it('returns nothing when nothing was ticked or the walk time is wrong', () => {
		expect(
			paperResultsToConversations({ doors, drafts: {}, walk, worker: 'w1', visits: [], now })
		).toEqual({ ok: false, errors: { nothing: true, rows: {} } });
		expect(
			paperResultsToConversations({
				doors,
				drafts: { w1: 'not_home' },
				walk: { date: '2026-11-24', time: '10:00' },
				worker: 'w1',
				visits: [],
				now
			})
		).toEqual({ ok: false, errors: { walk: 'future', rows: {} } });
	});

	it('refuses every row when one door was entered for this walk already', () => {
		const visits = [visit('w3', 'talked', heldAt.replace('T', ' '))];
		const result = paperResultsToConversations({
			doors,
			drafts: { w1: 'not_home', w3: 'talked' },
			walk,
			worker: 'w1',
			visits,
			now
		});
		expect(result).toEqual({ ok: false, errors: { rows: { w3: 'already_entered' } } });
	});

	it("does not count a colleague's visit or another walk as entered", () => {
		const visits = [
			visit('w1', 'talked', heldAt, 'colleague'),
			visit('w3', 'not_home', daysAgo(1, new Date(heldAt)))
		];
		const result = paperResultsToConversations({
			doors,
			drafts: { w1: 'not_home', w3: 'not_home' },
			walk,
			worker: 'w1',
			visits,
			now
		});
		expect(result.ok && result.conversations).toHaveLength(2);
		expect(enteredVisit(visits, 'w1', 'colleague', new Date(heldAt))?.outcome).toBe('talked');
	});

	describe('on a walk list', () => {
		const round = {
			walkList: 'lst000000000001',
			questions: [
				{ id: 'q1', kind: 'text' as const, options: null },
				{
					id: 'q2',
					kind: 'choice' as const,
					options: [
						{ value: 'groen', nl: 'Groen', en: 'Green' },
						{ value: 'rust', nl: 'Rust', en: 'Quiet' }
					]
				}
			]
		};

		it("puts the list on every visit, and a talk's answers (trimmed, blank ones out) on the talk", () => {
			const result = paperResultsToConversations({
				doors,
				drafts: { w1: 'not_home', w2: 'talked', w3: 'talked' },
				walk,
				worker: 'w1',
				visits: [],
				now,
				round,
				answers: { w1: { q1: 'niet thuis' }, w2: { q1: ' Bankjes ', q2: 'groen' }, w3: { q1: ' ' } }
			});
			expect(
				result.ok && result.conversations.map((c) => [c.address, c.walkList, c.answers])
			).toEqual([
				['w1', 'lst000000000001', undefined],
				['w2', 'lst000000000001', { q1: 'Bankjes', q2: 'groen' }],
				['w3', 'lst000000000001', undefined]
			]);
		});

		it('refuses every row when an answer cannot be stored', () => {
			const result = paperResultsToConversations({
				doors,
				drafts: { w1: 'not_home', w3: 'talked' },
				walk,
				worker: 'w1',
				visits: [],
				now,
				round,
				answers: { w3: { q2: 'zee' } }
			});
			expect(result).toEqual({ ok: false, errors: { rows: { w3: 'answer_invalid' } } });
		});
	});
});
