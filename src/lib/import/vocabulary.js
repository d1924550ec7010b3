// The asset vocabulary as an import file may name it: a kind or theme by its code or by the app's
// label in Dutch or English (messages/*.json), in any case. Plain JS, so the CLI reads it too;
// vocabulary.test.ts keeps it equal to src/lib/assets, src/lib/vocabulary and the messages.

/** @type {Record<string, { nl: string, en: string }>} */
export const KINDS = {
	key_figure: { nl: 'Sleutelfiguur', en: 'Key figure' },
	capacity: { nl: 'Talent van een bewoner', en: "Resident's talent" },
	initiative: { nl: 'Bewonersinitiatief', en: "Residents' initiative" },
	association: { nl: 'Vereniging of groep', en: 'Association or group' },
	institution: { nl: 'Instelling', en: 'Institution' },
	place: { nl: 'Plek', en: 'Place' },
	business: { nl: 'Ondernemer', en: 'Local business' }
};

/** @type {Record<string, { nl: string, en: string }>} */
export const THEMES = {
	eenzaamheid: { nl: 'Eenzaamheid', en: 'Loneliness' },
	jeugd: { nl: 'Jeugd', en: 'Youth' },
	taal: { nl: 'Taal', en: 'Language' },
	armoede: { nl: 'Armoede en geldzorgen', en: 'Poverty and money worries' },
	groen: { nl: 'Groen', en: 'Green spaces' },
	veiligheid: { nl: 'Veiligheid', en: 'Safety' },
	wonen: { nl: 'Wonen', en: 'Housing' },
	werk: { nl: 'Werk', en: 'Work' },
	gezondheid: { nl: 'Gezondheid', en: 'Health' },
	cultuur: { nl: 'Cultuur', en: 'Culture' },
	sport: { nl: 'Sport', en: 'Sport' },
	energie: { nl: 'Energie', en: 'Energy' },
	zorg_voor_elkaar: { nl: 'Zorg voor elkaar', en: 'Caring for each other' }
};

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
