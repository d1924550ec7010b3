/// <reference path="../pb_data/types.d.ts" />
// Mail without an SMTP server (a fresh clone, the demo, the tests): PocketBase would hand it to
// sendmail, which is missing or mails into the void. Instead it lands as .eml and .json files in
// KRACHTKAART_MAIL_DIR (default <data dir>/mail_drop), and the console names the recipient and
// the file with the mail's first words, so a demo's sign-in code can be read there. With SMTP
// set in the settings (Settings ▸ Mail settings in the dashboard), mail goes out as usual.
onMailerSend((e) => {
	if (e.app.settings().smtp.enabled) {
		e.next();
		return;
	}
	const drop = require(`${__hooks}/lib/mail-drop.js`);
	const message = drop.plainMessage(e.message);
	const dir = drop.mailDir($os.getenv('KRACHTKAART_MAIL_DIR'), e.app.dataDir());
	const now = new Date();
	const to = message.to.map((a) => a.address).join(', ');
	const stem = `${dir}/${drop.fileStem(now, message.to[0] ? message.to[0].address : '', $security.randomString(6))}`;
	// Owner only: a dropped mail may hold a sign-in code.
	$os.mkdirAll(dir, 0o700);
	$os.writeFile(`${stem}.eml`, drop.toEml(message, now, `kk-${$security.randomString(16)}`), 0o600);
	// The .json last and whole (renamed into place): whoever waits for it finds all of it, and
	// the .eml beside it.
	$os.writeFile(
		`${stem}.json.part`,
		JSON.stringify({ sentAt: now.toISOString(), ...message }, null, 2),
		0o600
	);
	$os.rename(`${stem}.json.part`, `${stem}.json`);
	// On stderr: `npm start` shows PocketBase's stderr and drops its stdout.
	console.warn(
		`[krachtkaart] no SMTP set: mail to ${to} ("${message.subject}") is in ${stem}.eml: ` +
			drop.preview(message.html, message.text)
	);
	// No e.next(): that would run sendmail.
});
