// WCAG 2.1 contrast (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio): text needs 4.5:1, a
// control's boundary or a focus ring 3:1 against what it sits on (1.4.11).

/** A colour as red, green and blue (0–255) and alpha (0–1). */
export type Rgba = [number, number, number, number];

/** A CSS colour as #rgb, #rrggbb, rgb() or rgba() (comma or space syntax); null for others. */
export function parseColor(css: string): Rgba | null {
	const value = css.trim().toLowerCase();
	const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(value)?.[1];
	if (hex) {
		const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
		const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16));
		return [r, g, b, 1];
	}
	const parts = /^rgba?\(([^)]*)\)$/
		.exec(value)?.[1]
		.split(/[\s,/]+/)
		.filter(Boolean);
	if (!parts || parts.length < 3 || parts.length > 4) return null;
	const [r, g, b, a] = parts.map((part, i) =>
		part.endsWith('%') ? (parseFloat(part) / 100) * (i < 3 ? 255 : 1) : parseFloat(part)
	);
	if ([r, g, b].some(Number.isNaN) || (a !== undefined && Number.isNaN(a))) return null;
	return [r, g, b, a ?? 1];
}

/** `top` painted over `bottom` (an opaque ground): the colour one sees. */
export function over(top: Rgba, bottom: Rgba): Rgba {
	const a = top[3];
	const mix = (i: number) => top[i] * a + bottom[i] * (1 - a);
	return [mix(0), mix(1), mix(2), 1];
}

/** WCAG relative luminance of an opaque colour: 0 for black, 1 for white. */
export function relativeLuminance([r, g, b]: Rgba): number {
	const [lr, lg, lb] = [r, g, b].map((channel) => {
		const c = channel / 255;
		return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	});
	return 0.2126 * lr + 0.7152 * lg + 0.0722 * lb;
}

/** The contrast ratio of two colours (CSS strings or parsed), 1 to 21, either order. Alpha is
 * ignored: paint a see-through colour `over` its ground first. */
export function contrastRatio(a: string | Rgba, b: string | Rgba): number {
	const [la, lb] = [a, b].map((colour) => {
		const parsed = typeof colour === 'string' ? parseColor(colour) : colour;
		if (!parsed) throw new Error(`not a colour: ${String(colour)}`);
		return relativeLuminance(parsed);
	});
	return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}
