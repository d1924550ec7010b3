// Guards the chaos run's count: it must see a talk lost, doubled or altered, and "niet thuis"
// taps missing or extra, or the run could pass with data gone. Also: the same seed, the same steps.
import { describe, expect, it } from 'vitest';
import {
	nextStep,
	seededRandom,
	talkContent,
	tally,
	type SavedTalk,
	type StoredTalk,
	type World
} from './chaos-plan';

const talk = (mark: string, address = 'door1'): SavedTalk => ({
	address,
	outcome: 'talked',
	themes: ['taal', 'groen'],
	willingToHelp: true,
	notes: mark
});
const stored = (id: string, saved: SavedTalk): StoredTalk => ({ id, ...saved });
const notHome = (id: string, address: string): StoredTalk => ({
	id,
	address,
	outcome: 'not_home',
	themes: [],
	willingToHelp: false,
	notes: ''
});

describe('tally', () => {
	it('finds nothing wrong when each talk is there once, as saved, and each tap', () => {
		const saved = new Map([
			['#1', talk('#1')],
			['#2', talk('#2', 'door2')]
		]);
		const server = [
			stored('a', { ...talk('#1'), themes: ['groen', 'taal'] }),
			stored('b', talk('#2', 'door2')),
			notHome('c', 'door3'),
			notHome('d', 'door3')
		];
		expect(tally(saved, new Map([['door3', 2]]), server)).toEqual({
			lost: [],
			doubled: [],
			altered: []
		});
	});

	it('counts a lost, a doubled, an altered and an unknown talk, and taps missing or extra', () => {
		const saved = new Map([
			['#1', talk('#1')],
			['#2', talk('#2')],
			['#3', talk('#3')]
		]);
		const server = [
			stored('a', talk('#2')),
			stored('b', talk('#2')),
			stored('c', { ...talk('#3'), willingToHelp: false }),
			stored('d', talk('#9')),
			notHome('e', 'door4'),
			notHome('f', 'door5')
		];
		const taps = new Map([
			['door4', 2],
			['door6', 0]
		]);
		const result = tally(saved, taps, server);
		expect(result.lost).toEqual(['#1', 'niet thuis at door4']);
		expect(result.doubled).toEqual(['#2 ×2', '#9 (never saved) ×1', 'niet thuis at door5']);
		expect(result.altered).toHaveLength(1);
		expect(result.altered[0]).toContain('#3');
	});
});

describe('the plan', () => {
	it('gives the same steps and talks for the same seed, and only steps the world allows', () => {
		const run = (seed: number) => {
			const random = seededRandom(seed);
			const world: World = { online: true, serverUp: false, areaTaken: false, refused: 0 };
			return Array.from({ length: 200 }, () => [nextStep(random, world), talkContent(random, 'x')]);
		};
		expect(run(42)).toEqual(run(42));
		expect(run(42)).not.toEqual(run(43));
		const kinds = new Set(run(42).map(([kind]) => kind));
		// The server is down and nothing was refused: no step that needs either.
		for (const kind of [
			'expire-session',
			'crash-server',
			'take-area',
			'resend-refused',
			'online'
		]) {
			expect(kinds.has(kind as never)).toBe(false);
		}
		expect(kinds.has('start-server')).toBe(true);
	});
});
