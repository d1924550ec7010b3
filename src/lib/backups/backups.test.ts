import { describe, expect, it } from 'vitest';
import { formatSize } from './backups';

describe('formatSize', () => {
	it('says kB, MB or GB in the locale, with one decimal', () => {
		expect(formatSize(12_345_678, 'nl')).toBe('12,3 MB');
		expect(formatSize(12_345_678, 'en')).toBe('12.3 MB');
		expect(formatSize(850_000, 'nl')).toBe('850 kB');
		expect(formatSize(2_500_000_000, 'en')).toBe('2.5 GB');
	});
});
