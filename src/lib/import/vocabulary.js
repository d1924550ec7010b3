// The asset vocabulary as an import file may name it: a kind or theme by its code or by the app's
// label in Dutch or English (messages/*.json), in any case. Plain JS, so the CLI reads it too:
// the kinds and themes come from the shared vocabulary and every label from the messages, read as
// JSON.

import en from '../../../messages/en.json' with { type: 'json' };
import nl from '../../../messages/nl.json' with { type: 'json' };
import vocabulary from '../../../pb_hooks/lib/vocabulary.json' with { type: 'json' };

/**
 * Codes with their labels in both languages, from the app's messages `<prefix><code>`.
 * @param {string[]} codes
 * @param {string} prefix
 * @returns {Record<string, { nl: string, en: string }>}
 */
function labelled(codes, prefix) {
	// Plain texts; the messages with plurals are objects, but no label is one.
	const dutch = /** @type {Record<string, string>} */ (/** @type {unknown} */ (nl));
	const english = /** @type {Record<string, string>} */ (/** @type {unknown} */ (en));
	return Object.fromEntries(
		codes.map((code) => [code, { nl: dutch[prefix + code], en: english[prefix + code] }])
	);
}

/** The asset kinds are the vocabulary's (pb_hooks/lib/vocabulary.json). */
export const KINDS = labelled(Object.keys(vocabulary.assetKinds), 'asset_kind_');
/** The themes are the vocabulary's (pb_hooks/lib/vocabulary.json). */
export const THEMES = labelled(Object.keys(vocabulary.themes), 'theme_');

/** @param {string} text */
const key = (text) =>
	text
		.toLowerCase()
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^a-z0-9]/g, '');

/**
 * A lookup from code or label (any case, spaces and punctuation ignored) to the code.
 * @param {Record<string, { nl: string, en: string }>} vocabulary
 */
function lookup(vocabulary) {
	/** @type {Map<string, string>} */
	const map = new Map();
	for (const [code, labels] of Object.entries(vocabulary)) {
		for (const name of [code, labels.nl, labels.en]) map.set(key(name), code);
	}
	return (/** @type {string} */ value) => map.get(key(value)) ?? null;
}

export const kindOf = lookup(KINDS);
export const themeOf = lookup(THEMES);
