// The data licences (CC BY, WOF's credit request) require visible credit on every map we show.
export const DATA_ATTRIBUTION: string[] = [
	'Wijk- en buurtgrenzen 2016: <a href="https://www.cbs.nl/">CBS</a> via <a href="https://whosonfirst.org/">Who’s On First</a> (<a href="https://whosonfirst.org/docs/licenses/">licentie</a>)',
	'Gemeentegrenzen 2024: <a href="https://www.cbs.nl/">CBS</a> / <a href="https://www.pdok.nl/">PDOK</a> (<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>)',
	'Lichtmasten Utrecht 2013: <a href="https://www.utrecht.nl/">Gemeente Utrecht</a> open data',
	'POI: <a href="https://www.geonames.org/">GeoNames</a> (<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>)'
];
