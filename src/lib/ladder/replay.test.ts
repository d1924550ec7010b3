// Guards the replay's pure parts: the frames' days, what the map held by each, the file names.
import { describe, expect, it } from 'vitest';
import type { LinkRecord } from '$lib/links/links';
import type { AssetRecord } from '$lib/pocketbase/types';
import { frameDays, frameFileName, grownBy, replayFrames, replayGeoJson } from './replay';

const asset = (id: string, created: string) =>
	({ id, created, kind: 'capacity', location: { lon: 5.1, lat: 52.1 } }) as AssetRecord;
const link = (from: string, to: string, created: string) =>
	({ id: `${from}${to}`, from, to, kind: 'knows', created }) as LinkRecord;

describe('the replay', () => {
	it('spreads its frames over the period, first and last day included', () => {
		expect(frameDays('2026-01-01', '2026-01-05', 3)).toEqual([
			'2026-01-01',
			'2026-01-03',
			'2026-01-05'
		]);
		expect(frameDays('2026-01-01', '2026-01-03', 10)).toEqual([
			'2026-01-01',
			'2026-01-02',
			'2026-01-03'
		]);
		expect(frameDays('2026-01-01', '2026-01-01', 5)).toEqual(['2026-01-01']);
		expect(frameDays('2026-02-01', '2026-01-01', 5)).toEqual([]);
	});

	it('shows what was made by the end of each day, and links only between shown assets', () => {
		const assets = [
			asset('a', '2026-01-01 10:00:00.000Z'),
			asset('b', '2026-02-10 23:59:00.000Z'),
			asset('c', '2026-03-05 08:00:00.000Z')
		];
		const links = [
			link('a', 'b', '2026-02-11 09:00:00.000Z'),
			link('b', 'c', '2026-02-12 09:00:00.000Z')
		];
		expect(grownBy(assets, links, '2026-02-10').assets.map((a) => a.id)).toEqual(['a', 'b']);
		expect(
			replayFrames(assets, links, ['2025-12-31', '2026-02-10', '2026-02-28', '2026-03-31'])
		).toEqual([
			{ day: '2025-12-31', assets: 0, links: 0 },
			{ day: '2026-02-10', assets: 2, links: 0 },
			{ day: '2026-02-28', assets: 2, links: 1 },
			{ day: '2026-03-31', assets: 3, links: 2 }
		]);
		const data = replayGeoJson(grownBy(assets, links, '2026-03-31'));
		expect(data.assets.features).toHaveLength(3);
		expect(data.links.features[0].geometry.coordinates).toEqual([
			[5.1, 52.1],
			[5.1, 52.1]
		]);
	});

	it('names its frames in the order they play', () => {
		expect(frameFileName(0, '2026-01-01')).toBe('terugblik-001-2026-01-01.png');
		expect(frameFileName(11, '2026-12-01')).toBe('terugblik-012-2026-12-01.png');
	});
});
