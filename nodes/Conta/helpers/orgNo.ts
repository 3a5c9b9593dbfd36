/**
 * Norwegian organization numbers: 9 digits, the last a mod-11 check digit over the first eight
 * with weights 3 2 7 6 5 4 3 2 (a remainder giving check digit 10 makes the number invalid).
 */

/** Strip spaces, dots, dashes and an `NO` / `MVA` decoration: "NO 923 456 783 MVA" → "923456783". */
export function normalizeOrgNo(value: string): string {
	return value.replace(/^\s*NO/i, '').replace(/MVA\s*$/i, '').replace(/[\s.-]/g, '');
}

/** The check digit the first eight digits call for, or undefined when none exists (check digit 10). */
export function orgNoCheckDigit(firstEight: string): number | undefined {
	const weights = [3, 2, 7, 6, 5, 4, 3, 2];
	const sum = weights.reduce((total, weight, i) => total + weight * Number(firstEight[i]), 0);
	const remainder = sum % 11;
	const check = remainder === 0 ? 0 : 11 - remainder;
	return check === 10 ? undefined : check;
}

export function isValidOrgNo(value: string): boolean {
	return /^\d{9}$/.test(value) && orgNoCheckDigit(value.slice(0, 8)) === Number(value[8]);
}
