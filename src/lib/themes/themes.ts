// The themes (thema's) an asset offers or a resident cares about, and the domains they belong to.
// They are part of the vocabulary the app and the hooks share (pb_hooks/lib/vocabulary.json,
// read through src/lib/vocabulary); this module only passes them on under their old address.
export {
	DOMAINS,
	THEMES,
	THEME_DOMAINS,
	isDomain,
	isTheme,
	type Domain,
	type Theme
} from '$lib/vocabulary/vocabulary';
