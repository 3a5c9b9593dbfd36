/**
 * Retry policy shared by all providers.
 *
 * - Reads (`kind: 'read'`) are retried on 429, 502, 503, 504, timeouts and dropped connections.
 * - Writes (`kind: 'write'`) are retried only when the failure proves the request was not
 *   processed: the connection was refused (nothing reached the server) or the server answered
 *   429 (rate limited, rejected before processing). A timeout or a reset after sending may
 *   have created the record, so it is never retried: a duplicate invoice is a real loss.
 */

export type RequestKind = 'read' | 'write';

export interface RetryOptions {
	/** Retries after the first attempt (default 3). */
	maxRetries: number;
	/** First back-off in ms (default 500), doubled per attempt, with jitter. */
	baseDelayMs: number;
	/** Longest single wait in ms, also the cap for Retry-After (default 30 000). */
	maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 30_000 };

export const RETRYABLE_READ_STATUS = [429, 502, 503, 504];

/** Network error codes that mean the connection was never established. */
const NOT_SENT_CODES = ['ECONNREFUSED', 'EAI_AGAIN', 'ENOTFOUND'];
/** Network error codes after which a read may be retried. */
const TRANSIENT_CODES = [
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'ECONNREFUSED',
	'EAI_AGAIN',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
];

export interface NetworkFailure {
	code?: string;
	message: string;
	timedOut: boolean;
}

/** Pull the network error code out of whatever the HTTP helper threw. */
export function describeNetworkError(error: unknown): NetworkFailure {
	const seen = new Set<unknown>();
	let code: string | undefined;
	let message = '';
	let current: any = error;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		if (!code && typeof current.code === 'string' && /^E[A-Z_]+$/.test(current.code)) code = current.code;
		if (!message && typeof current.message === 'string') message = current.message;
		current = current.cause ?? current.reason ?? current.error;
	}
	const text = `${code ?? ''} ${message}`.toLowerCase();
	const timedOut =
		code === 'ETIMEDOUT' ||
		code === 'ECONNABORTED' ||
		code === 'ESOCKETTIMEDOUT' ||
		text.includes('timeout') ||
		text.includes('timed out');
	if (!code && text.includes('socket hang up')) code = 'ECONNRESET';
	return { code, message: message || 'unknown network error', timedOut };
}

export function isRetryableNetworkError(kind: RequestKind, failure: NetworkFailure): boolean {
	if (kind === 'write') return failure.code !== undefined && NOT_SENT_CODES.includes(failure.code);
	return failure.timedOut || (failure.code !== undefined && TRANSIENT_CODES.includes(failure.code));
}

export function isRetryableStatus(kind: RequestKind, status: number): boolean {
	if (kind === 'write') return status === 429;
	return RETRYABLE_READ_STATUS.includes(status);
}

/**
 * Parse a Retry-After header (delta seconds or an HTTP date) into milliseconds.
 * Returns undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
	const raw = Array.isArray(value) ? value[0] : value;
	if (raw === undefined || raw === null) return undefined;
	const text = String(raw).trim();
	if (text === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

/** Exponential back-off with jitter, or the server's Retry-After, both capped. */
export function retryDelay(
	attempt: number,
	options: RetryOptions,
	retryAfterMs?: number,
	random: () => number = Math.random,
): number {
	if (retryAfterMs !== undefined) return Math.min(retryAfterMs, options.maxDelayMs);
	const exponential = options.baseDelayMs * 2 ** attempt;
	const jittered = exponential / 2 + random() * (exponential / 2);
	return Math.min(Math.round(jittered), options.maxDelayMs);
}
