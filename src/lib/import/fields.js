// Columns to fields: each kind names its fields with the headers teams and CBS/BAG use for them;
// guessMapping picks a column per field, which the user may change on the page.

/**
 * @typedef {{ key: string, nl: string, en: string, required?: boolean, synonyms: string[] }} FieldDef
 * @typedef {Record<string, number>} Mapping field key → column index, -1 for none
 */

/** @param {string} header */
export function normalizeHeader(header) {
	return header
		.toLowerCase()
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^a-z0-9]/g, '');
}

/**
 * The column for each field: an exact synonym first (in the order the field names them, so
 * `buurtcode` wins over `wijkcode` for an area's code), then a column that starts with one.
 * @param {string[]} columns @param {FieldDef[]} fields
 * @returns {Mapping}
 */
export function guessMapping(columns, fields) {
	const normal = columns.map(normalizeHeader);
	/** @type {Mapping} */
	const mapping = {};
	const taken = new Set();
	for (const pass of ['exact', 'prefix']) {
		for (const field of fields) {
			if (mapping[field.key] >= 0) continue;
			mapping[field.key] = -1;
			for (const synonym of [field.key, ...field.synonyms].map(normalizeHeader)) {
				const index = normal.findIndex(
					(n, i) =>
						!taken.has(i) &&
						(pass === 'exact' ? n === synonym : synonym.length >= 4 && n.startsWith(synonym))
				);
				if (index >= 0) {
					mapping[field.key] = index;
					taken.add(index);
					break;
				}
			}
		}
	}
	return mapping;
}

/**
 * The required fields the mapping leaves without a column.
 * @param {Mapping} mapping @param {FieldDef[]} fields
 */
export function missingFields(mapping, fields) {
	return fields.filter((f) => f.required && !(mapping[f.key] >= 0));
}

/**
 * A row's value for a field, as trimmed text ('' when unmapped or empty).
 * @param {unknown[]} values @param {Mapping} mapping @param {string} key
 */
export function cell(values, mapping, key) {
	const index = mapping[key];
	if (index === undefined || index < 0) return '';
	const value = values[index];
	return value === null || value === undefined ? '' : String(value).trim();
}
