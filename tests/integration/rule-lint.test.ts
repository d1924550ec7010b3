// Guards every API rule of every collection as the migrations leave them (read from the running
// server, system collections included): none is public ("") by accident, and every field a rule
// filters on has an index that starts with it, so rules stay fast at 100k rows.
import type PocketBase from 'pocketbase';
import { beforeAll, describe, expect, it } from 'vitest';
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
	'users.authRule': 'any user with valid credentials may sign in',
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
