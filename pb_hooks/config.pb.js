/// <reference path="../pb_data/types.d.ts" />
// Runtime configuration for the single-page app, so one build serves every deployment.
// Public on purpose: the login page needs it and it holds no data.
routerAdd('GET', '/api/krachtkaart/config', (e) => {
	const basemap = $os.getenv('KRACHTKAART_BASEMAP') || 'auto';
	// An asset not confirmed for this many days shows as stale; a bad value falls back to a year.
	const staleDays = $os.getenv('KRACHTKAART_STALE_DAYS');
	const days = /^[0-9]{1,6}$/.test(staleDays) ? Number(staleDays) : 0;
	return e.json(200, {
		basemap: ['auto', 'online', 'offline'].indexOf(basemap) >= 0 ? basemap : 'auto',
		onlineStyleUrl: $os.getenv('KRACHTKAART_BASEMAP_STYLE_URL') || '',
		staleAfterDays: days > 0 ? days : 365
	});
});

// The address links in mails point to (invitations, password resets): PocketBase's Application
// URL. While it is still PocketBase's default, KRACHTKAART_APP_URL (npm start passes the app's own
// origin) takes its place, in memory only; one set in the dashboard always wins. At every load of
// the settings: PocketBase 0.38+ reloads them when a `pocketbase` command changed them.
onSettingsReload((e) => {
	e.next();
	const appUrl = $os.getenv('KRACHTKAART_APP_URL');
	const meta = e.app.settings().meta;
	if (/^https?:\/\/[^\s/]+$/.test(appUrl) && meta.appURL === 'http://localhost:8090') {
		meta.appURL = appUrl;
	}
});
