// Bringing one point into view on the map, not hidden in a cluster or under a bottom sheet.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { CLUSTER_MAX_ZOOM } from './styles';

/**
 * Moves the map to `target` ([lon, lat]) when it is off screen, under the sheet that covers the
 * bottom of the map on a phone (`sheet`: its box), or still in a cluster; centred in the part of
 * the map that stays visible. A panel beside the map covers nothing.
 *
 * @example revealPoint(map, [5.115, 52.118], panel.getBoundingClientRect(), false)
 */
export function revealPoint(
	map: MapLibreMap,
	target: [number, number],
	sheet: DOMRect | undefined,
	reduceMotion: boolean
): void {
	const canvas = map.getContainer().getBoundingClientRect();
	// Only a bottom sheet (as wide as the map, below its top) covers it.
	const bottomSheet = sheet && sheet.top > canvas.top && sheet.right >= canvas.right - 1;
	const covered = bottomSheet ? Math.max(0, canvas.bottom - sheet.top) : 0;
	const at = map.project(target);
	const hidden = at.x < 0 || at.x > canvas.width || at.y < 0 || at.y > canvas.height - covered;
	const zoom = Math.max(map.getZoom(), CLUSTER_MAX_ZOOM + 1);
	if (!hidden && zoom === map.getZoom()) return;
	map.easeTo({
		center: target,
		zoom,
		offset: [0, -covered / 2],
		duration: reduceMotion ? 0 : 500
	});
}
