/**
 * Contraccounts transport: one endpoint (from the credential), POST, a URL-encoded form whose first
 * field is `api_key` (the credential puts it there), then the activation flags and sub-variables.
 *
 * The response format is not documented, so the answer is returned as it is (`statusCode`, raw
 * `body` text, and `data` when the body parses as JSON) and words in it are not interpreted:
 * - non-2xx → NodeApiError with a short snippet of the body;
 * - 2xx → success, unless the user's "Fail If Response Contains" text occurs in the body.
 * Every request is a write and is never re-sent once it may have reached Contraccounts: a repeated
 * request can record the same income twice. Only a connection that was refused (nothing sent) is
 * retried.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { contraccountsEndpoint } from '../../../credentials/ContraccountsApi.credentials';
import { formBody } from '../../shared/encode';
import {
	apiRequest,
	bodyText,
	parseJson,
	snippet,
	statusSummary,
	type Interpretation,
	type ProviderConfig,
	type RawResponse,
} from '../../shared/request';

export const CONTRACCOUNTS: ProviderConfig = {
	name: 'Contraccounts',
	credentialType: 'contraccountsApi',
	secretFields: ['apiKey'],
	credentialHint:
		'Check the Endpoint URL and the API key in the Contraccounts credential. The endpoint is in the PHP file inside dev_curl.zip on the Contraccounts developer page (or ask Contraccounts).',
};

/** What a 2xx answer becomes. */
export interface ContraccountsResponse {
	statusCode: number;
	/** The raw response text. */
	body: string;
	/** The parsed body, only when it is JSON. */
	data?: unknown;
}

export interface ContraccountsCall {
	/** Form fields after `api_key`, in the order to send them; undefined values are left out. */
	fields: Array<[string, string | undefined]>;
	/** What the request does, for messages ("insert income"). */
	action: string;
	itemIndex: number;
	/** Fail a 2xx answer whose body contains this text (case-insensitive). */
	failIfContains?: string;
}

/** Interpret a Contraccounts answer (see the file comment). */
export function interpretContraccounts(action: string, failIfContains?: string) {
	const needle = failIfContains?.trim().toLowerCase() ?? '';
	return (response: RawResponse): Interpretation<ContraccountsResponse> => {
		const text = bodyText(response);
		if (response.statusCode < 200 || response.statusCode >= 300) {
			const failure = statusSummary(CONTRACCOUNTS, response.statusCode, action);
			if (text.trim()) failure.providerMessage = snippet(text);
			if (response.statusCode === 429) {
				failure.hint = `${failure.hint} The request was not re-sent automatically, so nothing was recorded twice.`;
			}
			return { ok: false, failure };
		}
		if (needle && text.toLowerCase().includes(needle)) {
			return {
				ok: false,
				failure: {
					message: `Contraccounts answered with text containing "${failIfContains?.trim()}" while trying to ${action}`,
					providerMessage: snippet(text) || '(empty)',
					hint: `The answer matched the node's 'Fail If Response Contains' option (HTTP ${response.statusCode} itself was a success). Check in Contraccounts whether anything was recorded before running the item again.`,
					httpCode: response.statusCode,
					hintCoversProcessing: true,
				},
			};
		}
		const out: ContraccountsResponse = { statusCode: response.statusCode, body: text };
		const parsed = parseJson(response);
		if (parsed.ok) out.data = parsed.value;
		return { ok: true, data: out };
	};
}

/** The endpoint from the credential, checked before anything is sent. */
async function assertEndpoint(ctx: IExecuteFunctions, itemIndex: number): Promise<void> {
	const credentials = await ctx.getCredentials(CONTRACCOUNTS.credentialType, itemIndex);
	const endpoint = contraccountsEndpoint(credentials);
	if (!endpoint.ok) {
		throw new NodeOperationError(ctx.getNode(), `The Contraccounts credential has no usable Endpoint URL (item ${itemIndex})`, {
			itemIndex,
			description: `Nothing was sent. ${endpoint.problem}`,
		});
	}
	if (typeof credentials.apiKey !== 'string' || credentials.apiKey.trim() === '') {
		throw new NodeOperationError(ctx.getNode(), `The API Key in the Contraccounts credential is empty (item ${itemIndex})`, {
			itemIndex,
			description: 'Nothing was sent. Enter your Contraccounts API key in the credential.',
		});
	}
}

/** POST one Contraccounts request. The credential adds the endpoint, the timeout and `api_key`. */
export async function contraccountsRequest(
	ctx: IExecuteFunctions,
	call: ContraccountsCall,
): Promise<ContraccountsResponse> {
	await assertEndpoint(ctx, call.itemIndex);
	const encoded = formBody(call.fields);
	return apiRequest(ctx, CONTRACCOUNTS, {
		method: 'POST',
		url: '',
		headers: { Accept: 'text/plain, application/json;q=0.9, */*;q=0.8', ...encoded.headers },
		body: encoded.body,
		kind: 'write',
		retryOnStatus: false,
		action: call.action,
		interpret: interpretContraccounts(call.action, call.failIfContains),
		itemIndex: call.itemIndex,
	});
}
