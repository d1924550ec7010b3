// Focus for what appears (a code field, a question), so a keyboard or screen reader lands on it.

/** An attachment (`{@attach focus}`): focuses the element once, when it is added. */
export function focus(node: HTMLElement): void {
	node.focus();
}
