// A notice for the toast at the bottom of the map: what happened, and maybe one thing to do about
// it (undo an archive).
export interface Notice {
	message: string;
	tone?: 'info' | 'error';
	action?: { label: string; run: () => void };
}
