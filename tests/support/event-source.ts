// Just enough of the browser's EventSource for the PocketBase SDK's realtime service in Node
// (which has none before Node 22): a GET that reads server-sent events from the response stream.
// Install it with `useFetchEventSource()` before a client subscribes.

interface ServerEvent {
	type: string;
	data: string;
	lastEventId: string;
}
type Listener = (event: ServerEvent) => void;

export class FetchEventSource {
	static readonly CONNECTING = 0;
	static readonly OPEN = 1;
	static readonly CLOSED = 2;
	readyState = FetchEventSource.CONNECTING;
	onerror: ((error: unknown) => void) | null = null;
	onopen: (() => void) | null = null;
	readonly #listeners = new Map<string, Set<Listener>>();
	readonly #abort = new AbortController();

	constructor(readonly url: string) {
		void this.#read();
	}

	addEventListener(type: string, listener: Listener) {
		if (!this.#listeners.has(type)) this.#listeners.set(type, new Set());
		this.#listeners.get(type)?.add(listener);
	}

	removeEventListener(type: string, listener: Listener) {
		this.#listeners.get(type)?.delete(listener);
	}

	close() {
		this.readyState = FetchEventSource.CLOSED;
		this.#abort.abort();
	}

	async #read() {
		try {
			const response = await fetch(this.url, {
				headers: { Accept: 'text/event-stream' },
				signal: this.#abort.signal
			});
			if (!response.ok || !response.body) throw new Error(`realtime: HTTP ${response.status}`);
			this.readyState = FetchEventSource.OPEN;
			this.onopen?.();
			const decoder = new TextDecoder();
			let buffer = '';
			let event: ServerEvent = { type: 'message', data: '', lastEventId: '' };
			let data: string[] = [];
			for await (const chunk of response.body) {
				buffer += decoder.decode(chunk as Uint8Array, { stream: true });
				let end: number;
				while ((end = buffer.indexOf('\n')) >= 0) {
					const line = buffer.slice(0, end).replace(/\r$/, '');
					buffer = buffer.slice(end + 1);
					if (line === '') {
						if (data.length > 0) this.#dispatch({ ...event, data: data.join('\n') });
						event = { type: 'message', data: '', lastEventId: event.lastEventId };
						data = [];
						continue;
					}
					const colon = line.indexOf(':');
					const field = colon < 0 ? line : line.slice(0, colon);
					const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
					if (field === 'event') event.type = value;
					else if (field === 'data') data.push(value);
					else if (field === 'id') event.lastEventId = value;
				}
			}
			throw new Error('realtime: the stream ended');
		} catch (error) {
			if (this.readyState !== FetchEventSource.CLOSED) {
				this.readyState = FetchEventSource.CLOSED;
				this.onerror?.(error);
			}
		}
	}

	#dispatch(event: ServerEvent) {
		for (const listener of this.#listeners.get(event.type) ?? []) listener(event);
	}
}

/** Lets the SDK's realtime service run in Node. */
export function useFetchEventSource() {
	const global = globalThis as { EventSource?: unknown };
	if (!global.EventSource) global.EventSource = FetchEventSource;
}
