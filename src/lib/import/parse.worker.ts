// Reading and checking an import file off the main thread (a module worker, bundled by Vite): a
// city's BAG file must not freeze the tab. Keeps the table it read, so a changed mapping is
// checked without reading the file again.
import { checker, type Checked, type ImportKind } from './check.js';
import type { Mapping } from './fields.js';

export type ParseRequest =
	| { type: 'read'; kind: ImportKind; name: string; buffer: ArrayBuffer }
	| { type: 'remap'; mapping: Mapping };

export type ParseReply = { type: 'checked'; checked: Checked } | { type: 'error'; message: string };

// The worker's global scope, typed without pulling the WebWorker lib into the whole app.
const scope = self as unknown as {
	onmessage: ((event: MessageEvent<ParseRequest>) => void) | null;
	postMessage(reply: ParseReply): void;
};

const files = checker();

scope.onmessage = async (event) => {
	try {
		const request = event.data;
		const checked =
			request.type === 'read'
				? await files.read(request.kind, request.name, new Uint8Array(request.buffer))
				: files.remap(request.mapping);
		scope.postMessage({ type: 'checked', checked });
	} catch (error) {
		scope.postMessage({
			type: 'error',
			message: error instanceof Error ? error.message : String(error)
		});
	}
};
