// Guards issue 16's "Language": every message exists in Dutch and in English, every message the
// code calls exists, and no component shows text that is not a message (so nothing stays Dutch
// for an English reader, or the other way round). The component scan is pragmatic: it reads the
// markup of each .svelte file without its script, style, comments and {expressions}, and reports
// text nodes and literal aria-label/title/placeholder/alt attributes that hold a letter.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

/** Literal texts that are no language: proper names, codes and unit symbols, the same in Dutch
 * and English. Symbols without a letter ("×", "→", "·") pass anyway. */
const ALLOWED_TEXTS = new Set(['Krachtkaart', 'PocketBase', 'OpenStreetMap', 'CBS', 'PDOK', 'm']);

function files(dir: string, ending: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return entry.name === 'paraglide' ? [] : files(path, ending);
		return entry.name.endsWith(ending) ? [path] : [];
	});
}

function messageKeys(locale: string): Set<string> {
	const messages = JSON.parse(readFileSync(join(ROOT, 'messages', `${locale}.json`), 'utf8'));
	return new Set(Object.keys(messages).filter((key) => !key.startsWith('$')));
}

/** Skips a {…} expression starting at `start` (a '{'), minding strings; returns the index after it. */
function skipExpression(source: string, start: number): number {
	let depth = 0;
	for (let i = start; i < source.length; i++) {
		const char = source[i];
		if (char === '"' || char === "'" || char === '`') {
			i = skipString(source, i);
		} else if (char === '{') {
			depth++;
		} else if (char === '}') {
			depth--;
			if (depth === 0) return i + 1;
		}
	}
	return source.length;
}

function skipString(source: string, start: number): number {
	const quote = source[start];
	for (let i = start + 1; i < source.length; i++) {
		if (source[i] === '\\') i++;
		else if (source[i] === quote) return i;
	}
	return source.length;
}

interface Markup {
	texts: string[];
	attributes: { name: string; value: string }[];
}

/**
 * The literal texts of a component's markup: text nodes and quoted attribute values, with
 * expressions left out.
 *
 * @example markupOf('<p title="Hoi">Dag {name}</p>') // texts ['Dag'], attributes [title=Hoi]
 */
export function markupOf(component: string): Markup {
	const source = component
		.replace(/<script[\s\S]*?<\/script>/g, '')
		.replace(/<style[\s\S]*?<\/style>/g, '')
		.replace(/<!--[\s\S]*?-->/g, '');
	const texts: string[] = [];
	const attributes: Markup['attributes'] = [];
	let text = '';
	const flush = () => {
		if (text.trim()) texts.push(text.trim().replace(/\s+/g, ' '));
		text = '';
	};
	for (let i = 0; i < source.length; i++) {
		const char = source[i];
		if (char === '{') {
			flush();
			i = skipExpression(source, i) - 1;
		} else if (char === '<') {
			flush();
			let tag = '';
			for (i++; i < source.length && source[i] !== '>'; i++) {
				if (source[i] === '{') {
					i = skipExpression(source, i) - 1;
					tag += '{}';
				} else if (source[i] === '"' || source[i] === "'") {
					const end = skipString(source, i);
					tag += source.slice(i, end + 1).replace(/\{[^}]*\}/g, '{}');
					i = end;
				} else tag += source[i];
			}
			for (const [, name, value] of tag.matchAll(/([\w:-]+)="([^"]*)"/g)) {
				attributes.push({ name, value });
			}
		} else text += char;
	}
	flush();
	return { texts, attributes };
}

const SHOWN_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt', 'aria-description']);

/** A text a reader would read as words: a letter in it, and not an allowed name or an entity. */
function isWords(text: string): boolean {
	const words = text.replace(/&\w+;|&#\d+;/g, ' ').trim();
	return /\p{L}/u.test(words) && !ALLOWED_TEXTS.has(words);
}

describe('language', () => {
	it('has every message key in Dutch and in English', () => {
		const nl = messageKeys('nl');
		const en = messageKeys('en');
		expect(nl.size).toBeGreaterThan(1000);
		expect([...nl].filter((key) => !en.has(key))).toEqual([]);
		expect([...en].filter((key) => !nl.has(key))).toEqual([]);
	});

	it('has no empty message in either language', () => {
		for (const locale of ['nl', 'en']) {
			const messages = JSON.parse(readFileSync(join(ROOT, 'messages', `${locale}.json`), 'utf8'));
			const empty = Object.entries(messages).filter(([, text]) => text === '');
			expect(empty, locale).toEqual([]);
		}
	});

	it('calls only messages that exist', () => {
		const nl = messageKeys('nl');
		const called = new Set<string>();
		for (const file of [
			...files(join(ROOT, 'src'), '.svelte'),
			...files(join(ROOT, 'src'), '.ts')
		]) {
			const source = readFileSync(file, 'utf8');
			// Only where `m` is Paraglide's messages (elsewhere `m` may be anything).
			if (!/import \{ m \} from '\$lib\/paraglide\/messages\.js'/.test(source)) continue;
			for (const [, key] of source.matchAll(/\bm\.(\w+)\(/g)) called.add(key);
		}
		expect(called.size).toBeGreaterThan(500);
		expect([...called].filter((key) => !nl.has(key))).toEqual([]);
	});

	it('formats dates and numbers in the chosen language, not in the browser’s', () => {
		const unset: string[] = [];
		for (const file of [
			...files(join(ROOT, 'src'), '.svelte'),
			...files(join(ROOT, 'src'), '.ts')
		]) {
			if (file.endsWith('.test.ts')) continue;
			const source = readFileSync(file, 'utf8');
			const calls = source.match(
				/\.toLocale(Date|Time)?String\(\s*\)|new Intl\.\w+\(\s*(undefined|\[\])?\s*[,)]/g
			);
			for (const call of calls ?? []) unset.push(`${relative(ROOT, file)}: ${call}`);
		}
		expect(unset).toEqual([]);
	});

	it('finds literal text in markup (the scan below can fail)', () => {
		const { texts, attributes } = markupOf(
			'<script>let a = "<b>x</b>";</script><p title="Hoi" class="a">Dag {a > 1 ? "<i>" : b} ×</p>' +
				'<button aria-label={m.x()} onclick={() => { go(); }}>Kaart</button><style>p{}</style>'
		);
		expect(texts).toEqual(['Dag', '×', 'Kaart']);
		expect(attributes).toEqual([
			{ name: 'title', value: 'Hoi' },
			{ name: 'class', value: 'a' }
		]);
	});

	it('shows no text in a component that is not a message', () => {
		const svelte = files(join(ROOT, 'src'), '.svelte');
		expect(svelte.length).toBeGreaterThan(50);
		const literal: string[] = [];
		for (const file of svelte) {
			const { texts, attributes } = markupOf(readFileSync(file, 'utf8'));
			const where = relative(ROOT, file);
			for (const text of texts.filter(isWords)) literal.push(`${where}: "${text}"`);
			for (const { name, value } of attributes) {
				if (SHOWN_ATTRIBUTES.has(name) && isWords(value.replace(/\{\}/g, ''))) {
					literal.push(`${where}: ${name}="${value}"`);
				}
			}
		}
		expect(literal).toEqual([]);
	});
});
