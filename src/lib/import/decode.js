// Bytes of an uploaded or read file to text. Dutch spreadsheets come as UTF-8 (with or without a
// BOM) or as Windows-1252 (Excel's "CSV" on Windows). We try UTF-8 strictly (TextDecoder with
// fatal: true throws on any byte sequence that is not UTF-8) and fall back to Windows-1252, which
// decodes every byte; no guessing library is needed for these two. Used by the browser page and
// the Node CLI alike (TextDecoder is in both). Node's decoder for "windows-1252" may be Latin-1
// (without full ICU), which differs in 0x80–0x9F (€, ‘, ’, “, ”, …): those we map ourselves.

/** Windows-1252's characters for the bytes 0x80–0x9F (undefined bytes stay as they are). */
const CP1252_HIGH =
	'\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
	'\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * @param {Uint8Array} bytes
 * @returns {{ text: string, encoding: 'utf-8' | 'windows-1252' }}
 */
export function decodeText(bytes) {
	try {
		// ignoreBOM: false (the default) drops a leading BOM.
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
	} catch {
		let text = '';
		for (let i = 0; i < bytes.length; i += 8192) {
			const part = bytes.subarray(i, i + 8192);
			text += String.fromCharCode(...part);
		}
		text = text.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
		return { text, encoding: 'windows-1252' };
	}
}
