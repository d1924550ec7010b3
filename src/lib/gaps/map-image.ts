// The gap map as a picture (PNG export, the A4 report): read the map's WebGL canvas right after a
// fresh frame, and compose it with a title, a legend, the date and the data credit. Browser only.
import type { Map as MapLibreMap } from 'maplibre-gl';

/**
 * A copy of what the map shows, once it is idle (tiles and data loaded). Without
 * `preserveDrawingBuffer` a WebGL canvas is cleared after each frame is shown, so the copy is
 * drawn inside the 'render' event of a frame we ask for, before the browser composites it.
 */
export function captureMap(map: MapLibreMap): Promise<HTMLCanvasElement> {
	return new Promise((resolve, reject) => {
		map.once('idle', () => {
			map.once('render', () => {
				try {
					const source = map.getCanvas();
					const copy = document.createElement('canvas');
					copy.width = source.width;
					copy.height = source.height;
					copy.getContext('2d')?.drawImage(source, 0, 0);
					resolve(copy);
				} catch (error) {
					reject(error instanceof Error ? error : new Error(String(error)));
				}
			});
			map.triggerRepaint();
		});
		// 'idle' fires only after a frame; make sure there is one even if the map is idle already.
		map.triggerRepaint();
	});
}

export interface ImageLegendItem {
	swatch: 'fill' | 'dot' | 'hatch' | 'dash';
	color: string;
	label: string;
}

export interface MapImageText {
	title: string;
	subtitle: string;
	legend: { title: string; items: ImageLegendItem[] }[];
	credit: string;
}

/** The map with a title bar above, a legend in the lower right corner and the credit below. */
export function composeMapImage(map: HTMLCanvasElement, text: MapImageText): HTMLCanvasElement {
	const scale = Math.max(1, Math.round(map.width / 1200));
	const header = 64 * scale;
	const footer = 26 * scale;
	const canvas = document.createElement('canvas');
	canvas.width = map.width;
	canvas.height = map.height + header + footer;
	const ctx = canvas.getContext('2d');
	if (!ctx) return map;
	const font = (size: number, weight = 400) =>
		`${weight} ${size * scale}px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif`;

	ctx.fillStyle = '#ffffff';
	ctx.fillRect(0, 0, canvas.width, canvas.height);
	ctx.fillStyle = '#1c2a33';
	ctx.font = font(22, 700);
	ctx.textBaseline = 'top';
	ctx.fillText(text.title, 16 * scale, 10 * scale);
	ctx.fillStyle = '#5a6872';
	ctx.font = font(14);
	ctx.fillText(text.subtitle, 16 * scale, 38 * scale);
	ctx.drawImage(map, 0, header);
	ctx.font = font(11);
	ctx.fillText(text.credit, 16 * scale, header + map.height + 7 * scale, canvas.width - 32 * scale);

	// The legend: a white box with the groups one under the other.
	const line = 16 * scale;
	const rows = text.legend.reduce((n, g) => n + 1 + g.items.length, 0);
	ctx.font = font(12);
	const widest = Math.max(
		...text.legend
			.flatMap((g) => [g.title, ...g.items.map((i) => `    ${i.label}`)])
			.map((t) => ctx.measureText(t).width),
		0
	);
	const boxWidth = widest + 40 * scale;
	const boxHeight = rows * line + 12 * scale;
	if (rows === 0 || boxHeight > map.height - 20 * scale) return canvas;
	const left = canvas.width - boxWidth - 12 * scale;
	let top = header + map.height - boxHeight - 12 * scale;
	ctx.fillStyle = 'rgba(255,255,255,0.93)';
	ctx.fillRect(left, top, boxWidth, boxHeight);
	ctx.strokeStyle = '#d5dcdf';
	ctx.strokeRect(left, top, boxWidth, boxHeight);
	top += 6 * scale;
	for (const group of text.legend) {
		ctx.fillStyle = '#1c2a33';
		ctx.font = font(12, 700);
		ctx.fillText(group.title, left + 10 * scale, top + 2 * scale);
		top += line;
		ctx.font = font(12);
		for (const item of group.items) {
			const x = left + 12 * scale;
			const y = top + 3 * scale;
			ctx.fillStyle = item.color;
			ctx.strokeStyle = item.color;
			if (item.swatch === 'dot') {
				ctx.beginPath();
				ctx.arc(x + 6 * scale, y + 5 * scale, 5 * scale, 0, Math.PI * 2);
				ctx.fill();
			} else if (item.swatch === 'hatch') {
				ctx.lineWidth = 1.5 * scale;
				for (let d = 0; d < 14; d += 4) {
					ctx.beginPath();
					ctx.moveTo(x + d * scale, y + 10 * scale);
					ctx.lineTo(x + (d + 10) * scale, y);
					ctx.stroke();
				}
			} else if (item.swatch === 'dash') {
				ctx.lineWidth = 2 * scale;
				ctx.setLineDash([3 * scale, 2 * scale]);
				ctx.strokeRect(x + scale, y + scale, 12 * scale, 8 * scale);
				ctx.setLineDash([]);
			} else {
				ctx.fillRect(x, y, 14 * scale, 10 * scale);
			}
			ctx.fillStyle = '#1c2a33';
			ctx.fillText(item.label, x + 22 * scale, top + 2 * scale);
			top += line;
		}
	}
	return canvas;
}

/** A canvas as a PNG blob. */
export function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob> {
	return new Promise((resolve, reject) =>
		canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no PNG'))), 'image/png')
	);
}

/** What a map credits (basemap and data), as one line of text for its picture. */
export function mapCredit(map: MapLibreMap): string {
	const inner = map.getContainer().querySelector('.maplibregl-ctrl-attrib-inner');
	return (inner?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
