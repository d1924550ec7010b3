// The page's ways out: reading a file (in a worker where there is one) and the server's bulk
// import (send.js). Injected into ImportState, so its tests need neither a worker nor a server.
import type PocketBase from 'pocketbase';
import { checker, type Checked, type ImportKind } from './check.js';
import type { Mapping } from './fields.js';
import type { ParseReply, ParseRequest } from './parse.worker';
import { sendImport, type ImportResult } from './send.js';

export interface ImportApi {
	read(kind: ImportKind, file: File): Promise<Checked>;
	remap(mapping: Mapping): Promise<Checked>;
	send(
		kind: ImportKind,
		rows: Checked['rows'],
		options: {
			dryRun: boolean;
			skipOutside: boolean;
			onProgress: (done: number, total: number) => void;
		}
	): Promise<ImportResult>;
}

/** Reads files in a worker (inline where there is no Worker); sends to `pb`. */
export function importApi(pb: PocketBase): ImportApi {
	let worker: Worker | null = null;
	const inline = checker();
	const ask = (request: ParseRequest, transfer: Transferable[] = []): Promise<Checked> => {
		if (typeof Worker === 'undefined') {
			return request.type === 'read'
				? inline.read(request.kind, request.name, new Uint8Array(request.buffer))
				: Promise.resolve(inline.remap(request.mapping));
		}
		worker ??= new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module' });
		const w = worker;
		return new Promise((resolve, reject) => {
			w.onmessage = (event: MessageEvent<ParseReply>) => {
				if (event.data.type === 'checked') resolve(event.data.checked);
				else reject(new Error(event.data.message));
			};
			w.onerror = (event) => reject(new Error(event.message || 'the import worker failed'));
			w.postMessage(request, transfer);
		});
	};
	return {
		async read(kind, file) {
			const buffer = await file.arrayBuffer();
			return ask({ type: 'read', kind, name: file.name, buffer }, [buffer]);
		},
		remap: (mapping) => ask({ type: 'remap', mapping }),
		send: (kind, rows, options) => sendImport(pb, kind, rows, options)
	};
}
