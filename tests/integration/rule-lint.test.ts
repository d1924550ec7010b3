// Guards every API rule of every collection as the migrations leave them (read from the running
// server, system collections included): none is public ("") by accident, and every field a rule
// filters on has an index that starts with it, so rules stay fast at 100k rows.
import type PocketBase from 'pocketbase';
import { beforeAll, describe, expect, it } from 'vitest';
import { areaRulesLib } from '../support/area-records';
import { superuserClient } from '../support/fixtures';

const RULES = [
	'listRule',
	'viewRule',
	'createRule',
	'updateRule',
	'deleteRule',
	'manageRule',
	'authRule'
] as const;

/**
 * Rules that are "" on purpose, as `collection.rule`. Keep this list short and say why.
 */
const PUBLIC_ON_PURPOSE: Record<string, string> = {
	// authRule is checked after the password (or OTP, OAuth2) was accepted: "" means no further
	// condition on who may sign in, not that anyone may read anything.
	'_superusers.authRule': 'any superuser with valid credentials may sign in'
};

interface Collection {
	name: string;
	type: string;
	fields: { name: string }[];
	indexes: string[];
	[rule: string]: unknown;
}

/**
 * The fields of its own collection a rule filters on: the first segment of each field path
 * (`area.parent.parent` → `area`), without `@request…`, `@collection…`, macros (`@now`),
 * string literals, numbers, `true`/`false`/`null` and modifiers (`:isset`, `:each`, …).
 *
 * @example fieldReferences('@request.auth.areas.id ?= area.parent && worker = "x"') // ['area', 'worker']
 */
function fieldReferences(rule: string): string[] {
	const withoutStrings = rule.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, ' ');
	// An identifier path with its modifiers and a `@collection.x:alias.field` continuation; a
	// function name (`geoDistance(`) is followed by a parenthesis.
	const tokens = withoutStrings.matchAll(
		/@?[A-Za-z_][\w.]*(?::[A-Za-z_]\w*(?:\.[\w.]+)?)*(\s*\()?/g
	);
	const fields = new Set<string>();
	for (const [token, call] of tokens) {
		if (token.startsWith('@') || call) continue;
		const first = token.split(':')[0].split('.')[0];
		if (['true', 'false', 'null'].includes(first)) continue;
		fields.add(first);
	}
	return [...fields];
}

/**
 * The columns of an index, in order.
 *
 * @example indexColumns('CREATE INDEX idx ON links (`from`, `to`, kind)') // ['from', 'to', 'kind']
 */
function indexColumns(sql: string): string[] {
	const match = /\bON\s+[`"[]?\w+[`"\]]?\s*\(([^)]*)\)/i.exec(sql);
	if (!match) return [];
	return match[1]
		.split(',')
		.map((column) =>
			column
				.trim()
				.split(/\s+/)[0]
				.replace(/[`"[\]]/g, '')
		)
		.filter(Boolean);
}

/**
 * Whether an index can serve a filter on `field` in a rule that also filters on `referenced`:
 * the field is its first column, or every column before it is filtered on as well (PocketBase's
 * own `(collectionRef, recordRef)` indexes for rules on both).
 */
function indexServes(columns: string[], field: string, referenced: string[]): boolean {
	const at = columns.indexOf(field);
	return at >= 0 && columns.slice(0, at).every((column) => referenced.includes(column));
}

let collections: Collection[];
let su: PocketBase;

beforeAll(async () => {
	su = await superuserClient();
	collections = (await su.collections.getFullList()) as unknown as Collection[];
});

describe('the rule parser', () => {
	it('finds the own fields of a rule and nothing else', () => {
		expect(
			fieldReferences(
				'@request.auth.role = "admin" || (worker = @request.auth.id && ' +
					'@request.body.worker:isset = false && (@request.auth.areas.id ?= area.parent.parent ' +
					"|| from.area != '' || kind:lower = \"a && b\" || tags:each ~ 'x' || " +
					'@collection.areas:parents.id ?= area) && created > @now && done = true && n > 5 && ' +
					'geoDistance(location.lon, location.lat, 5.1, 52.1) < 1)'
			).sort()
		).toEqual(['area', 'created', 'done', 'from', 'kind', 'location', 'n', 'tags', 'worker']);
		expect(fieldReferences('@request.auth.id != ""')).toEqual([]);
	});

	it('reads index columns and knows when a compound index serves', () => {
		expect(indexColumns('CREATE UNIQUE INDEX `idx_x` ON `links` (`from`, `to`, kind)')).toEqual([
			'from',
			'to',
			'kind'
		]);
		expect(indexColumns("CREATE INDEX idx ON t (email COLLATE NOCASE) WHERE email != ''")).toEqual([
			'email'
		]);
		expect(indexServes(['collectionRef', 'recordRef'], 'recordRef', ['recordRef'])).toBe(false);
		expect(
			indexServes(['collectionRef', 'recordRef'], 'recordRef', ['recordRef', 'collectionRef'])
		).toBe(true);
	});
});

describe('API rules of every collection', () => {
	it('reads the schema of the migrations, system collections included', () => {
		const names = collections.map((c) => c.name);
		expect(names).toEqual(expect.arrayContaining(['users', '_superusers', 'areas', 'assets']));
	});

	it('has no public rule ("") except the commented ones', () => {
		const problems: string[] = [];
		const seen = new Set<string>();
		for (const collection of collections) {
			for (const rule of RULES) {
				if (!(rule in collection) || collection[rule] !== '') continue;
				const key = `${collection.name}.${rule}`;
				seen.add(key);
				if (!(key in PUBLIC_ON_PURPOSE)) {
					problems.push(
						`${key} is "" (public: anyone, signed in or not). Give it a rule, or null for ` +
							'superusers only; if it must be public, add it to PUBLIC_ON_PURPOSE with why.'
					);
				}
			}
		}
		for (const key of Object.keys(PUBLIC_ON_PURPOSE)) {
			if (!seen.has(key)) problems.push(`${key} is on PUBLIC_ON_PURPOSE but no longer public`);
		}
		expect(problems).toEqual([]);
	});

	it('filters only on fields with an index that starts with them', () => {
		const byName = new Map(collections.map((c) => [c.name, c]));
		const problems: string[] = [];
		for (const collection of collections) {
			const fieldNames = new Set(collection.fields.map((f) => f.name));
			const indexes = collection.indexes.map(indexColumns);
			for (const rule of RULES) {
				const expression = collection[rule];
				if (typeof expression !== 'string' || expression === '') continue;
				const referenced = fieldReferences(expression);
				for (const field of referenced) {
					const where = `${collection.name}.${rule} filters on \`${field}\``;
					if (field === 'id') continue; // the primary key
					// A back-relation, `<collection>_via_<field>`: the other collection's field.
					const via = /^(\w+)_via_(\w+)$/.exec(field);
					if (via) {
						const other = byName.get(via[1]);
						const served = other?.indexes.map(indexColumns).some((c) => c[0] === via[2]);
						if (!served) problems.push(`${where}: ${via[1]} has no index on ${via[2]}`);
						continue;
					}
					if (!fieldNames.has(field)) {
						problems.push(`${where}, which is not one of its fields (a parser gap?)`);
						continue;
					}
					if (!indexes.some((columns) => indexServes(columns, field, referenced))) {
						problems.push(
							`${where} without an index that starts with it ` +
								`(indexes: ${collection.indexes.join(' | ') || 'none'})`
						);
					}
				}
			}
		}
		expect(problems).toEqual([]);
	});
});

interface SchemaField {
	name: string;
	type: string;
	collectionId?: string;
}
interface SchemaCollection {
	id: string;
	name: string;
	fields: SchemaField[];
	[rule: string]: unknown;
}

/**
 * What is wrong with the area scoping of a schema: a collection with a relation to `areas` or to
 * an area-scoped collection that is not in the table (pb_hooks/lib/area-rules.js) nor excused
 * on NOT_AREA_SCOPED; an area-scoped collection whose live rules are not the generator's; an
 * authorship field (a relation to users named …By) the table does not name.
 */
function areaScopingProblems(schema: SchemaCollection[]): string[] {
	const { AREA_SCOPED, NOT_AREA_SCOPED, areaRules } = areaRulesLib;
	const nameOf = new Map(schema.map((c) => [c.id, c.name]));
	const problems: string[] = [];
	for (const collection of schema) {
		const relations = collection.fields.filter((f) => f.type === 'relation');
		const reasons = relations
			.filter((f) => {
				const target = nameOf.get(f.collectionId ?? '');
				return target === 'areas' || (target !== undefined && target in AREA_SCOPED);
			})
			.map((f) => `${f.name} → ${nameOf.get(f.collectionId ?? '')}`);
		const scoped = AREA_SCOPED[collection.name];
		if (!scoped) {
			if (reasons.length > 0 && !(collection.name in NOT_AREA_SCOPED)) {
				problems.push(
					`${collection.name} relates to areas (${reasons.join(', ')}) but its rules do not ` +
						'come from pb_hooks/lib/area-rules.js: add it to AREA_SCOPED (and a migration that ' +
						'applies it), or to NOT_AREA_SCOPED with why'
				);
			}
			continue;
		}
		const expected = areaRules(collection.name);
		for (const [rule, text] of Object.entries(expected)) {
			if (collection[rule] !== text) {
				problems.push(
					`${collection.name}.${rule} is not the generator's:\n  live: ${String(collection[rule])}\n  area-rules.js: ${String(text)}`
				);
			}
		}
		for (const field of relations) {
			const toUsers = nameOf.get(field.collectionId ?? '') === 'users';
			if (toUsers && /By$/.test(field.name) && !scoped.authorship.includes(field.name)) {
				problems.push(
					`${collection.name}.${field.name} looks like authorship but is not in its authorship list`
				);
			}
		}
		for (const name of scoped.authorship) {
			if (!relations.some((f) => f.name === name)) {
				problems.push(`${collection.name}.authorship names ${name}, which is no relation of it`);
			}
		}
	}
	for (const name of Object.keys(NOT_AREA_SCOPED)) {
		if (!schema.some((c) => c.name === name))
			problems.push(`NOT_AREA_SCOPED names ${name}, which does not exist`);
	}
	return problems;
}

describe('area-scoped collections', () => {
	const schema = () => collections as unknown as SchemaCollection[];

	it('take every rule from the one generator (pb_hooks/lib/area-rules.js)', () => {
		expect(Object.keys(areaRulesLib.AREA_SCOPED).sort()).toEqual(
			expect.arrayContaining([
				'assets',
				'conversations',
				'follow_ups',
				'links',
				'people',
				'resident_links'
			])
		);
		expect(areaScopingProblems(schema())).toEqual([]);
	});

	it('the check fails for a collection that relates to areas without the generator’s rules', () => {
		const copy = structuredClone(schema());
		// A new collection kept per area, with a hand-written rule: the hole class 4 was about.
		const areas = copy.find((c) => c.name === 'areas')!;
		const people = copy.find((c) => c.name === 'people')!;
		copy.push({
			...structuredClone(people),
			id: 'kk_visits',
			name: 'visits',
			listRule: '@request.auth.areas.id ?= area',
			fields: [{ name: 'area', type: 'relation', collectionId: areas.id }]
		});
		// One reached only through a person, like resident_links.
		copy.push({
			...structuredClone(people),
			id: 'kk_notes',
			name: 'notes',
			fields: [{ name: 'person', type: 'relation', collectionId: people.id }]
		});
		// And an area-scoped one whose rule was edited by hand: the empty-area guard dropped.
		const followUps = copy.find((c) => c.name === 'follow_ups')!;
		followUps.listRule = String(followUps.listRule).replace('(area != "" && ', '(');
		const problems = areaScopingProblems(copy).join('\n');
		expect(problems).toContain('visits relates to areas (area → areas)');
		expect(problems).toContain('notes relates to areas (person → people)');
		expect(problems).toContain('follow_ups.listRule is not the generator');
	});
});
