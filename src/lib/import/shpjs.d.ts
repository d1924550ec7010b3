// shpjs ships no types: a zipped Shapefile (or its parts) to GeoJSON, one FeatureCollection per
// layer (an array when the zip holds several).
declare module 'shpjs' {
	import type { FeatureCollection } from 'geojson';
	type Collection = FeatureCollection & { fileName?: string };
	export default function shp(input: ArrayBuffer | string): Promise<Collection | Collection[]>;
}
