// Guards the focus ring (WCAG 2.1 1.4.11, non-text contrast 3:1) as src/app.css defines it: a dark
// line (the outline) round a light amber band (a box-shadow), two tones 9:1 apart so that on any
// colour at all one of them stands out by 3:1 (WCAG technique C40), on the app's own grounds too;
// both at least 2 px wide, meeting without a gap; worn by the page's :focus-visible; and no
// component draws a ring in colours of its own.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contrastRatio } from './contrast';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const APP_CSS = readFileSync(join(ROOT, 'src', 'app.css'), 'utf8');

/** The grounds a focusable control sits on or is painted in: the light pages, cards, selected and
 * error rows; the dark header and primary buttons; the toast (dark, and red for an error). */
const GROUNDS = [
	'--kk-bg',
	'--kk-surface',
	'--kk-accent-soft',
	'--kk-danger-soft',
	'--kk-accent',
	'--kk-accent-strong',
	'--kk-text',
	'--kk-danger'
];
const MIN_CONTRAST = 3;
/** Two tones this far apart leave no colour on which both are under 3:1 (WCAG technique C40). */
const MIN_TONES_CONTRAST = 9;
const MIN_WIDTH_PX = 2;

interface Rule {
	selector: string;
	body: string;
}

/** The innermost `selector { declarations }` blocks of a style sheet, comments left out. */
function rules(css: string): Rule[] {
	const plain = css.replace(/\/\*[\s\S]*?\*\//g, '');
	return [...plain.matchAll(/([^{}]+)\{([^{}]*)\}/g)].map(([, selector, body]) => ({
		selector: selector.trim(),
		body
	}));
}

function declaration(body: string, property: string): string | undefined {
	return new RegExp(`(?:^|;)\\s*${property}\\s*:\\s*([^;]+)`).exec(body)?.[1].trim();
}

/** The custom properties of app.css's :root, each with its var() references resolved. */
function tokens(): Map<string, string> {
	const root = rules(APP_CSS).find((rule) => rule.selector === ':root');
	if (!root) throw new Error('app.css has no :root block');
	const raw = new Map(
		[...root.body.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)].map(([, name, value]) => [
			name,
			value.trim()
		])
	);
	const resolve = (value: string, depth = 0): string => {
		if (depth > 10) throw new Error(`var() loop in ${value}`);
		return value.replace(/var\((--[\w-]+)\)/g, (_, name: string) => {
			const found = raw.get(name);
			if (found === undefined) throw new Error(`${name} is not defined in :root`);
			return resolve(found, depth + 1);
		});
	};
	return new Map([...raw].map(([name, value]) => [name, resolve(value)]));
}

function token(name: string): string {
	const value = tokens().get(name);
	if (value === undefined) throw new Error(`${name} is not defined in app.css's :root`);
	return value;
}

function px(value: string): number {
	const match = /^(-?[\d.]+)px$/.exec(value);
	if (!match) throw new Error(`not a px length: ${value}`);
	return parseFloat(match[1]);
}

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return entry.name === 'paraglide' ? [] : sourceFiles(path);
		return /\.(svelte|css)$/.test(entry.name) ? [path] : [];
	});
}

function styleOf(path: string): string {
	const text = readFileSync(path, 'utf8');
	if (path.endsWith('.css')) return text;
	return [...text.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map(([, css]) => css).join('\n');
}

describe('the focus ring', () => {
	const line = token('--kk-focus-line');
	const band = token('--kk-focus');

	it('is a dark line round an amber band, each at least 2 px, meeting without a gap', () => {
		const outline = /^([\d.]+px) solid (#[0-9a-f]{3,6})$/i.exec(token('--kk-focus-outline'));
		expect(outline?.[2]).toBe(line);
		expect(px(outline![1])).toBeGreaterThanOrEqual(MIN_WIDTH_PX);

		const shadow = /^0 0 0 ([\d.]+px) (#[0-9a-f]{3,6})$/i.exec(token('--kk-focus-band'));
		expect(shadow?.[2]).toBe(band);
		// The band fills the outline's offset exactly: it is as wide as the offset is.
		expect(px(shadow![1])).toBeGreaterThanOrEqual(MIN_WIDTH_PX);
		expect(px(token('--kk-focus-offset'))).toBe(px(shadow![1]));

		// Inside the element: the line in its edge, the band's shadow reaching past it.
		const inset = /^inset 0 0 0 ([\d.]+px) (#[0-9a-f]{3,6})$/i.exec(token('--kk-focus-band-inset'));
		expect(inset?.[2]).toBe(band);
		const insetOffset = -px(token('--kk-focus-offset-inset'));
		expect(insetOffset).toBe(px(outline![1]));
		expect(px(inset![1]) - insetOffset).toBeGreaterThanOrEqual(MIN_WIDTH_PX);
	});

	it('has a tone with at least 3:1 against every ground a control sits on', () => {
		const weak = GROUNDS.map((name) => ({
			name,
			ground: token(name),
			line: contrastRatio(line, token(name)),
			band: contrastRatio(band, token(name))
		})).filter((c) => Math.max(c.line, c.band) < MIN_CONTRAST);
		expect(weak).toEqual([]);
		// And the light pages see the line itself at 3:1: the band alone would not do there.
		for (const name of ['--kk-bg', '--kk-surface'])
			expect(contrastRatio(line, token(name)), name).toBeGreaterThanOrEqual(MIN_CONTRAST);
	});

	it('has tones 9:1 apart: on any colour one of them has 3:1', () => {
		expect(contrastRatio(line, band)).toBeGreaterThanOrEqual(MIN_TONES_CONTRAST);
		// What C40 promises, tried on every grey and on the app's other colours: the map's dots and
		// the header's current page (white at 18% on the accent, #476e86).
		const greys = Array.from(
			{ length: 256 },
			(_, v) => `#${v.toString(16).padStart(2, '0').repeat(3)}`
		);
		const colours = ['#e69f00', '#009e73', '#cc79a7', '#d55e00', '#e6007e', '#4a90d9', '#476e86'];
		const neither = [...greys, ...colours].filter(
			(ground) => Math.max(contrastRatio(line, ground), contrastRatio(band, ground)) < MIN_CONTRAST
		);
		expect(neither).toEqual([]);
	});

	it('is what the page’s :focus-visible and MapLibre’s controls wear', () => {
		const rule = rules(APP_CSS).find((r) => r.selector.split(',')[0].trim() === ':focus-visible');
		expect(rule?.selector).toMatch(/maplibregl-ctrl-group button/);
		expect(declaration(rule!.body, 'outline')).toBe('var(--kk-focus-outline)');
		expect(declaration(rule!.body, 'outline-offset')).toBe('var(--kk-focus-offset)');
		expect(declaration(rule!.body, 'box-shadow')).toBe('var(--kk-focus-band)');
	});

	it('is the only ring: no focus rule in a component draws one in other colours', () => {
		const own: string[] = [];
		for (const path of sourceFiles(join(ROOT, 'src'))) {
			for (const { selector, body } of rules(styleOf(path))) {
				if (!selector.includes(':focus')) continue;
				const outline = declaration(body, 'outline');
				const shadow = declaration(body, 'box-shadow');
				const where = `${relative(ROOT, path)} ${selector.replace(/\s+/g, ' ')}`;
				if (outline !== undefined && !/^(none|var\(--kk-focus-outline\))$/.test(outline))
					own.push(`${where}: outline ${outline}`);
				if (shadow !== undefined && shadow !== 'none' && !shadow.includes('var(--kk-focus-band'))
					own.push(`${where}: box-shadow ${shadow}`);
			}
		}
		expect(own).toEqual([]);
	});
});
