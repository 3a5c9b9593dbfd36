/**
 * Small input helpers for the Payment and Transaction operations: dates in Conta's zone
 * (Europe/Oslo), optional numeric ids typed into text fields, and money ranges from the spec.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { emptyToUndefined, isoDate, money, numericId } from '../../../shared/validation';

/** Conta's business dates are Norwegian dates. */
export const CONTA_ZONE = 'Europe/Oslo';

/** Today's date in Oslo, `YYYY-MM-DD`. */
export function osloToday(): string {
	return DateTime.now().setZone(CONTA_ZONE).toISODate() ?? DateTime.now().toISODate()!;
}

/**
 * A date parameter as text: strings are kept (trimmed), a JS Date or a luxon DateTime from an
 * expression becomes its Oslo calendar date, empty becomes undefined.
 */
export function dateText(value: unknown): unknown {
	if (value === null || value === undefined) return undefined;
	if (value instanceof Date) {
		return Number.isNaN(value.getTime()) ? 'invalid date' : DateTime.fromJSDate(value).setZone(CONTA_ZONE).toISODate();
	}
	if (DateTime.isDateTime(value)) return value.isValid ? value.setZone(CONTA_ZONE).toISODate() : 'invalid date';
	if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
	return value;
}

/** An optional YYYY-MM-DD date (empty = not set). */
export const optionalDate = z.preprocess(dateText, isoDate.optional());

/** A YYYY-MM-DD date that defaults to today in Oslo when empty. */
export const dateOrToday = z.preprocess((value) => dateText(value) ?? osloToday(), isoDate);

/** An optional positive whole-number id typed into a text field, sent as a number. */
export const optionalIdNumber = z.preprocess(
	(value) => (typeof value === 'number' && value === 0 ? undefined : emptyToUndefined(value)),
	numericId.transform(Number).optional(),
);

/** The largest amount Conta accepts (spec: ±99 999 999 999.99). */
export const MAX_AMOUNT = 99_999_999_999.99;

/** Money from 0.01 to the spec's maximum, at most two decimals. */
export const positiveAmount = money
	.refine((n) => n >= 0.01, { message: 'must be at least 0.01' })
	.refine((n) => n <= MAX_AMOUNT, { message: 'must be at most 99999999999.99' });

/** Amount in whole cents (avoids floating-point sums). */
export const toCents = (amount: number): number => Math.round(amount * 100);

/** Cents back to a 2-decimal string for messages, e.g. 12550 → "125.50". */
export function formatCents(cents: number): string {
	const sign = cents < 0 ? '-' : '';
	const abs = Math.abs(cents);
	return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
