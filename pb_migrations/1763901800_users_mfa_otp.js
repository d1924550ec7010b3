/// <reference path="../pb_data/types.d.ts" />
// Two-step sign-in for coordinators and admins (they see and export personal data of a whole
// wijk): after the right password, a one-time code by e-mail (PocketBase's own MFA with OTP).
// Workers at the door and viewers sign in with their password alone. pb_hooks/mfa.pb.js keeps
// the code a second step (no codes for anyone else); pb_hooks/mail.pb.js drops mail into a
// folder while no SMTP server is set.

/** Whom MFA applies to: a filter on the signing-in user's own record (not @request.auth). */
const MFA_RULE = "role = 'admin' || role = 'coordinator'";

const OTP_MINUTES = 10;

const OTP_TEMPLATE = {
	subject: 'Je inlogcode voor {APP_NAME} / Your sign-in code',
	body: `<p>Hallo,</p>
<p>Je inlogcode voor {APP_NAME} is: <strong style="font-size:1.25em;letter-spacing:0.1em">{OTP}</strong></p>
<p>De code is ${OTP_MINUTES} minuten geldig. Probeerde je niet zelf in te loggen? Dan kent iemand anders
misschien je wachtwoord: wijzig het en meld het bij de functioneel beheerder.</p>
<p><i>Your {APP_NAME} sign-in code is {OTP}; it is valid for ${OTP_MINUTES} minutes. If you did not try
to sign in, someone may know your password: change it and tell your administrator.</i></p>`
};

/**
 * Each sign-in of a coordinator or admin now asks for a code (and a resend asks again), so 5 a
 * minute per address (the security migration's limit) would stop a team of coordinators signing
 * in together behind one office address. Mail bombing stays bounded: codes go only to accounts
 * MFA applies to, and PocketBase mails no new code to an account holding 10 unused, unexpired
 * ones. Guessing a code stays hard: PocketBase allows 5 tries per account and address in 3
 * minutes, hard-wired (apis/record_auth_with_otp.go), besides the 40 sign-ins a minute.
 */
const REQUEST_OTP_PER_MINUTE = 20;
const REQUEST_OTP_BEFORE = 5;

/**
 * What PocketBase 0.36.8 gives an auth collection (core/collection_model_auth_options.go), which
 * `down` restores. 0.40 gives a new one a 10-minute MFA (600); the rest is the same.
 */
const POCKETBASE_DEFAULTS = {
	mfa: { enabled: false, duration: 1800, rule: '' },
	otp: {
		enabled: false,
		duration: 180,
		length: 8,
		emailTemplate: {
			subject: 'OTP for {APP_NAME}',
			body: `<p>Hello,</p>
<p>Your one-time password is: <strong>{OTP}</strong></p>
<p><i>If you didn't ask for the one-time password, you can ignore this email.</i></p>
<p>
  Thanks,<br/>
  {APP_NAME} team
</p>`
		}
	}
};

/** @param {core.App} app @param {number} maxRequests */
function setRequestOtpLimit(app, maxRequests) {
	const settings = app.settings();
	const rules = JSON.parse(JSON.stringify(settings.rateLimits.rules)).map((rule) =>
		rule.label === '*:requestOTP' ? { ...rule, maxRequests } : rule
	);
	unmarshal({ rateLimits: { rules } }, settings);
	app.save(settings);
}

migrate(
	(app) => {
		const users = app.findCollectionByNameOrId('users');
		unmarshal(
			{
				// The password step's mfaId lasts 15 minutes: time for the mail, a resend and typing.
				mfa: { enabled: true, duration: 15 * 60, rule: MFA_RULE },
				otp: {
					enabled: true,
					duration: OTP_MINUTES * 60,
					length: 6,
					emailTemplate: OTP_TEMPLATE
				}
			},
			users
		);
		app.save(users);
		setRequestOtpLimit(app, REQUEST_OTP_PER_MINUTE);
	},
	(app) => {
		const users = app.findCollectionByNameOrId('users');
		unmarshal(POCKETBASE_DEFAULTS, users);
		app.save(users);
		setRequestOtpLimit(app, REQUEST_OTP_BEFORE);
	}
);
