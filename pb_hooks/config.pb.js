/// <reference path="../pb_data/types.d.ts" />
// Runtime configuration for the single-page app, so one build serves every deployment.
// Public on purpose: the login page needs it and it holds no data.
routerAdd('GET', '/api/krachtkaart/config', (e) => {
	const basemap = $os.getenv('KRACHTKAART_BASEMAP') || 'auto';
	return e.json(200, {
		basemap: ['auto', 'online', 'offline'].indexOf(basemap) >= 0 ? basemap : 'auto',
		onlineStyleUrl: $os.getenv('KRACHTKAART_BASEMAP_STYLE_URL') || ''
	});
});
