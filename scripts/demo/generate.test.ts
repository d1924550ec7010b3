// Guards the demo generator: same output for the same `now`, realistic counts, valid unique ids,
// areas and relations that exist, addresses inside their buurt, and values the schema accepts.
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { areaId, generateDemo, loadDemoInputs } from './generate.mjs';

const NOW = new Date('2025-11-20T10:00:00Z');
const inputs = loadDemoInputs();
const demo = generateDemo(inputs, { now: NOW });
const OVERVECHT_BUURTEN = inputs.buurten.features
	.filter((f) => f.properties.parentCode === 'WK034403')
	.map((f) => areaId(f.properties.code));

/**
 * The select values of every collection, read from the migrations so the test follows the schema:
 * `{ 'assets.kind': ['capacity', ...], ... }`.
 */
function schemaSelectValues(): Record<string, string[]> {
	const dir = fileURLToPath(new URL('../../pb_migrations/', import.meta.url));
	const values: Record<string, string[]> = {};
	for (const file of readdirSync(dir)) {
		const collection =
			file.match(/_create_(\w+)\.js$/)?.[1] ?? (file.includes('users') ? 'users' : null);
		if (!collection) continue;
		const source = readFileSync(join(dir, file), 'utf8');
		const themes = source.match(/const THEMES = (\[[^\]]*\])/)?.[1];
		// A field's `name` up to its `values`, without crossing into the next field.
		const field = /name: '(\w+)',((?:(?!name:)[\s\S])*?)values: (\[[^\]]*\]|THEMES)/g;
		for (const [, name, , list] of source.matchAll(field)) {
			const literal = list === 'THEMES' ? themes : list;
			if (literal) values[`${collection}.${name}`] = JSON.parse(literal.replace(/'/g, '"'));
		}
	}
	return values;
}

const allRecords = Object.values(demo).flat();
type DemoRecord = (typeof allRecords)[number];
const countBy = (records: DemoRecord[], key: (r: DemoRecord) => string) =>
	records.reduce<Record<string, number>>((m, r) => ({ ...m, [key(r)]: (m[key(r)] ?? 0) + 1 }), {});

describe('generateDemo', () => {
	it('is deterministic, and its ids do not depend on now', () => {
		expect(generateDemo(inputs, { now: NOW })).toEqual(demo);
		const later = generateDemo(inputs, { now: new Date('2026-03-01T08:00:00Z') });
		for (const name of Object.keys(demo) as (keyof typeof demo)[]) {
			expect(later[name].map((r) => r.id)).toEqual(demo[name].map((r) => r.id));
		}
	});

	it('makes realistic numbers of records', () => {
		expect(countBy(demo.areas, (a) => a.level)).toEqual({ gemeente: 3, wijk: 34, buurt: 283 });
		expect(demo.addresses.length).toBeGreaterThanOrEqual(3000);
		expect(demo.addresses.length).toBeLessThanOrEqual(6000);
		expect(demo.conversations.length).toBeGreaterThanOrEqual(1400);
		expect(demo.conversations.length).toBeLessThanOrEqual(1600);
		expect(demo.assets.length).toBeGreaterThanOrEqual(200);
		expect(demo.assets.length).toBeLessThanOrEqual(300);
		expect(demo.links.length).toBeGreaterThanOrEqual(60);
		expect(demo.links.length).toBeLessThanOrEqual(100);
		const kinds = countBy(demo.assets, (a) => a.kind);
		expect(kinds.key_figure).toBeGreaterThanOrEqual(20);
		expect(kinds.capacity).toBeGreaterThanOrEqual(80);
		for (const kind of ['association', 'initiative', 'business', 'place', 'institution']) {
			expect(kinds[kind]).toBeGreaterThanOrEqual(10);
		}
		// One person per key figure and per capacity.
		expect(demo.people.length).toBe(kinds.key_figure + kinds.capacity);
	});

	it('has realistic conversation outcomes over the last 18 months', () => {
		const outcomes = countBy(demo.conversations, (c) => c.outcome);
		const share = (outcome: string) => (outcomes[outcome] ?? 0) / demo.conversations.length;
		expect(share('not_home')).toBeGreaterThan(0.38);
		expect(share('not_home')).toBeLessThan(0.52);
		expect(share('talked')).toBeGreaterThan(0.28);
		expect(share('talked')).toBeLessThan(0.42);
		for (const outcome of ['declined', 'come_back_later', 'vacant', 'do_not_contact']) {
			expect(share(outcome)).toBeGreaterThan(0);
		}
		const earliest = NOW.getTime() - 550 * 24 * 60 * 60 * 1000;
		for (const c of demo.conversations) {
			const heldAt = new Date(c.heldAt.replace(' ', 'T')).getTime();
			expect(heldAt).toBeGreaterThan(earliest);
			expect(heldAt).toBeLessThan(NOW.getTime());
		}
	});

	it("visits a real share of the doors in the last 90 days (the gap view's default period)", () => {
		const from = NOW.getTime() - 90 * 24 * 60 * 60 * 1000;
		const recent = demo.conversations.filter(
			(c) => new Date(c.heldAt.replace(' ', 'T')).getTime() >= from
		);
		const share = new Set(recent.map((c) => c.address)).size / demo.addresses.length;
		expect(share).toBeGreaterThan(0.12);
		expect(share).toBeLessThan(0.4);
	});

	it('confirmed most assets recently and about 15% over a year ago', () => {
		const yearAgo = NOW.getTime() - 365 * 24 * 60 * 60 * 1000;
		const confirmed = demo.assets.map((a) => new Date(a.confirmedAt.replace(' ', 'T')).getTime());
		for (const time of confirmed) expect(time).toBeLessThan(NOW.getTime());
		const stale = confirmed.filter((time) => time < yearAgo).length / confirmed.length;
		expect(stale).toBeGreaterThan(0.08);
		expect(stale).toBeLessThan(0.22);
	});

	it('leaves some streets unvisited for the gap view', () => {
		const visited = new Set(demo.conversations.map((c) => c.address));
		const streets = new Set(demo.addresses.map((a) => a.street));
		const visitedStreets = new Set(
			demo.addresses.filter((a) => visited.has(a.id)).map((a) => a.street)
		);
		expect(visitedStreets.size).toBeLessThan(streets.size);
		expect(visitedStreets.size).toBeGreaterThan(streets.size / 2);
	});

	it('gives every record a unique 15-character id', () => {
		const ids = allRecords.map((r) => r.id);
		for (const id of ids) expect(id).toMatch(/^[a-z0-9]{15}$/);
		expect(new Set(ids).size).toBe(ids.length);
		expect(demo.areas.find((a) => a.code === 'BU03440311')?.id).toBe('bu0344031100000');
	});

	it('puts every record in an existing area; demo records in an Overvecht buurt', () => {
		const areaIds = new Set(demo.areas.map((a) => a.id));
		for (const area of demo.areas) {
			if (area.level !== 'gemeente') expect(areaIds.has(area.parent)).toBe(true);
			expect(area.isDemo).toBeUndefined();
		}
		for (const record of [
			...demo.addresses,
			...demo.people,
			...demo.conversations,
			...demo.assets
		]) {
			expect(OVERVECHT_BUURTEN).toContain(record.area);
			expect(record.isDemo).toBe(true);
		}
	});

	it('places every address and asset inside its buurt polygon', () => {
		const geometry = new Map(demo.areas.map((a) => [a.id, a.geometry]));
		for (const record of [...demo.addresses, ...demo.assets]) {
			const point = [record.location.lon, record.location.lat];
			expect(booleanPointInPolygon(point, geometry.get(record.area)), record.id).toBe(true);
		}
	});

	it('counts the addresses of each Overvecht buurt, and nowhere else', () => {
		const counts = countBy(demo.addresses, (a) => a.area);
		for (const area of demo.areas) {
			expect(area.addressCount).toBe(counts[area.id]);
		}
		expect(Object.keys(counts).sort()).toEqual([...OVERVECHT_BUURTEN].sort());
	});

	it('points every relation at a generated record', () => {
		const ids = (records: DemoRecord[]) => new Set(records.map((r) => r.id));
		const [addresses, people, conversations, assets] = [
			ids(demo.addresses),
			ids(demo.people),
			ids(demo.conversations),
			ids(demo.assets)
		];
		for (const p of demo.people) expect(addresses.has(p.address)).toBe(true);
		for (const c of demo.conversations) {
			expect(addresses.has(c.address)).toBe(true);
			if (c.person) expect(people.has(c.person)).toBe(true);
		}
		for (const a of demo.assets) {
			if (a.person) expect(people.has(a.person)).toBe(true);
			if (a.sourceConversation) expect(conversations.has(a.sourceConversation)).toBe(true);
		}
		for (const l of demo.links) {
			expect(assets.has(l.from)).toBe(true);
			expect(assets.has(l.to)).toBe(true);
		}
		// The seeder fills these in with the demo users' ids.
		for (const record of [...demo.people, ...demo.assets, ...demo.links]) {
			expect(record.createdBy).toBeUndefined();
			expect(record.confirmedBy).toBeUndefined();
		}
		for (const c of demo.conversations) expect(c.worker).toBeUndefined();
	});

	it('never shows a capacity at an exact point, and links people only with consent', () => {
		const people = new Map(demo.people.map((p) => [p.id, p]));
		for (const asset of demo.assets.filter((a) => a.kind === 'capacity')) {
			expect(asset.precision).not.toBe('exact');
			expect(people.get(asset.person)?.consent.scopes).toContain('first_name');
		}
		for (const c of demo.conversations.filter((c) => c.person)) {
			expect(c.consent).toContain('first_name');
		}
		for (const p of demo.people) {
			expect(p.display_name).toMatch(/^\p{L}+$/u);
			if (p.contact) expect(p.consent.scopes).toContain('contact');
		}
	});

	it('uses only values the schema accepts', () => {
		const values = schemaSelectValues();
		const expectIn = (key: string, value: string | string[] | undefined) => {
			expect(values[key], `${key} in the migrations`).toBeDefined();
			for (const v of [value ?? []].flat()) expect(values[key], key).toContain(v);
		};
		for (const a of demo.areas) expectIn('areas.level', a.level);
		for (const a of demo.assets) {
			for (const field of ['kind', 'themes', 'domain', 'gifts', 'precision', 'status']) {
				expectIn(`assets.${field}`, a[field]);
			}
		}
		for (const c of demo.conversations) {
			for (const field of ['outcome', 'themes', 'consent'])
				expectIn(`conversations.${field}`, c[field]);
			for (const gift of c.gifts ?? []) expectIn('assets.gifts', gift.kind);
		}
		for (const p of demo.people) expectIn('conversations.consent', p.consent.scopes);
		for (const l of demo.links) expectIn('links.kind', l.kind);
		// Same pattern as the `postcode` field in pb_migrations/*_create_addresses.js.
		for (const a of demo.addresses) expect(a.postcode).toMatch(/^[1-9][0-9]{3} [A-Z]{2}$/);
	});

	it('never links the same pair twice with the same kind', () => {
		const keys = demo.links.map((l) => `${l.from}|${l.to}|${l.kind}`);
		expect(new Set(keys).size).toBe(keys.length);
		for (const l of demo.links) expect(l.from).not.toBe(l.to);
	});
});
