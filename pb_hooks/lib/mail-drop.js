// For pb_hooks/mail.pb.js: mail that PocketBase would hand to sendmail (no SMTP server set) goes
// into a folder instead, as an .eml file (opens in any mail program) and a .json file (for
// tests and scripts). Plain functions of their inputs: the hook does the reading and writing.

/**
 * The folder mail is dropped into.
 *
 * @example mailDir('', '/srv/pb_data') // '/srv/pb_data/mail_drop'
 * @example mailDir('/tmp/mail', '/srv/pb_data') // '/tmp/mail'
 * @param {string} configured KRACHTKAART_MAIL_DIR
 * @param {string} dataDir PocketBase's data directory
 */
function mailDir(configured, dataDir) {
	const dir = (configured || '').trim();
	return dir || String(dataDir).replace(/\/+$/, '') + '/mail_drop';
}

/**
 * A plain copy of PocketBase's mailer.Message (a Go struct in the hook): addresses, subject and
 * bodies; attachments are named only.
 *
 * @param {any} message
 */
function plainMessage(message) {
	const addresses = (list) =>
		(list || []).map((a) => ({ name: String(a.name || ''), address: String(a.address || '') }));
	const headers = {};
	const given = message.headers || {};
	for (const key in given) headers[key] = String(given[key]);
	const names = (files) => Object.keys(files || {});
	return {
		from: { name: String(message.from.name || ''), address: String(message.from.address || '') },
		to: addresses(message.to),
		cc: addresses(message.cc),
		bcc: addresses(message.bcc),
		subject: String(message.subject || ''),
		html: String(message.html || ''),
		text: String(message.text || ''),
		headers,
		attachments: names(message.attachments).concat(names(message.inlineAttachments))
	};
}

/**
 * A file name that sorts by time and says whom the mail is for (no path characters).
 *
 * @example fileStem(new Date(Date.UTC(2026, 11, 1, 11, 5, 0, 7)), 'ans@example.nl', 'x1')
 * // '20261201T110500007Z_ans@example.nl_x1'
 * @param {Date} date
 * @param {string} to
 * @param {string} tag something unique (two mails in one millisecond)
 */
function fileStem(date, to, tag) {
	const stamp = date.toISOString().replace(/[-:.]/g, '');
	const who = (to || 'nobody').replace(/[^A-Za-z0-9@._+-]/g, '_').slice(0, 100);
	return `${stamp}_${who}_${tag}`;
}

/**
 * A header value in RFC 2047 Q-encoding when it holds anything but printable ASCII.
 *
 * @example headerText('Coördinator') // '=?UTF-8?Q?Co=C3=B6rdinator?='
 * @param {string} value
 */
function headerText(value) {
	// encodeURIComponent already escapes '=' and '?' (they end encoded words); '_' is a space in Q.
	const clean = String(value).replace(/[\r\n]+/g, ' ');
	if (/^[\x20-\x7e]*$/.test(clean)) return clean;
	const q = encodeURIComponent(clean).replace(/_/g, '=5F').replace(/%20/g, '_').replace(/%/g, '=');
	return `=?UTF-8?Q?${q}?=`;
}

/** @param {{ name: string, address: string }} a */
function addressText(a) {
	return a.name ? `${headerText(a.name)} <${a.address}>` : a.address;
}

/**
 * The message as an RFC 5322 file: the HTML body, with the plain text beside it if there is one.
 *
 * @param {ReturnType<typeof plainMessage>} m
 * @param {Date} date
 * @param {string} boundary
 */
function toEml(m, date, boundary) {
	const lines = [
		`Date: ${date.toUTCString().replace('GMT', '+0000')}`,
		`From: ${addressText(m.from)}`,
		`To: ${m.to.map(addressText).join(', ')}`
	];
	if (m.cc.length) lines.push(`Cc: ${m.cc.map(addressText).join(', ')}`);
	if (m.bcc.length) lines.push(`Bcc: ${m.bcc.map(addressText).join(', ')}`);
	lines.push(`Subject: ${headerText(m.subject)}`);
	for (const key in m.headers) {
		if (/^[A-Za-z0-9-]+$/.test(key)) lines.push(`${key}: ${headerText(m.headers[key])}`);
	}
	lines.push('MIME-Version: 1.0');
	const part = (type, body) =>
		[`Content-Type: ${type}; charset=UTF-8`, 'Content-Transfer-Encoding: 8bit', '', body].join(
			'\r\n'
		);
	if (m.text && m.html) {
		lines.push(`Content-Type: multipart/alternative; boundary="${boundary}"`, '');
		lines.push(`--${boundary}`, part('text/plain', m.text));
		lines.push(`--${boundary}`, part('text/html', m.html));
		lines.push(`--${boundary}--`, '');
	} else {
		lines.push(part(m.html ? 'text/html' : 'text/plain', m.html || m.text));
	}
	return lines.join('\r\n');
}

/**
 * The start of the mail as one line of text, for the console: enough for a demo's sign-in code.
 *
 * @example preview('<html><head><style>p{}</style></head><body><p>Je code: <b>123456</b></p></body></html>', '')
 * // 'Je code: 123456'
 * @param {string} html
 * @param {string} text
 */
function preview(html, text, max = 160) {
	const body = (text || html)
		.replace(/<head[\s\S]*?<\/head>/gi, ' ')
		.replace(/<(style|script)[\s\S]*?<\/\1>/gi, ' ')
		.replace(/<[^>]*>/g, ' ')
		.replace(/&nbsp;/g, ' ')
		.replace(/&amp;/g, '&')
		.replace(/\s+/g, ' ')
		.trim();
	return body.length > max ? body.slice(0, max - 1) + '…' : body;
}

module.exports = { mailDir, plainMessage, fileStem, toEml, preview };
