/**
 * A small stand-in for n8n's execution context, so node code runs its real code path against the
 * simulators over real HTTP. It mirrors what n8n-core does for the parts our nodes use:
 * - `httpRequestWithAuthentication` applies the credential's `authenticate` (generic or function)
 *   and sends the request with axios the way n8n's `httpRequest` does (baseURL, qs, headers,
 *   body, encoding, returnFullResponse, ignoreHttpStatusErrors, timeout);
 * - `getNodeParameter` resolves per item, with dot paths and resource-locator `extractValue`;
 * - `continueOnFail`, binary helpers, static data and poll mode.
 * The real-n8n end-to-end suite checks the same nodes inside n8n itself.
 */
import axios, { type AxiosRequestConfig } from 'axios';
import https from 'node:https';
import get from 'lodash/get';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeType,
} from 'n8n-workflow';

export type Params = Record<string, unknown>;

export interface HarnessOptions {
	node: INodeType;
	credentialType: ICredentialType;
	credentials: IDataObject;
	/** One parameter object per input item, or one for all items. */
	params: Params | Params[];
	items?: IDataObject[];
	continueOnFail?: boolean;
	mode?: 'manual' | 'trigger';
	staticData?: IDataObject;
	binary?: Record<number, INodeExecutionData['binary']>;
}

/** Evaluate `={{ ... }}` credential expressions the way n8n would for our simple cases. */
export function resolveCredentialExpression(value: unknown, credentials: IDataObject): unknown {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	const expression = value.slice(1);
	const whole = /^\{\{([\s\S]*)\}\}$/.exec(expression.trim());
	const evaluate = (code: string) => new Function('$credentials', `return (${code});`)(credentials);
	if (whole && !whole[1].includes('}}')) return evaluate(whole[1]);
	return expression.replace(/\{\{([\s\S]*?)\}\}/g, (_m, code: string) => String(evaluate(code)));
}

async function applyAuthentication(
	credentialType: ICredentialType,
	credentials: IDataObject,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const auth = credentialType.authenticate;
	if (!auth) return options;
	if (typeof auth === 'function') return auth(credentials as ICredentialDataDecryptedObject, options);
	const copy: IHttpRequestOptions = { ...options };
	const properties = auth.properties as Record<string, IDataObject | undefined>;
	for (const target of ['headers', 'qs', 'body'] as const) {
		const add = properties[target];
		if (!add) continue;
		const resolved: IDataObject = {};
		for (const [key, value] of Object.entries(add)) resolved[key] = resolveCredentialExpression(value, credentials) as any;
		(copy as any)[target] = { ...((copy as any)[target] ?? {}), ...resolved };
	}
	return copy;
}

/** Send a request the way n8n-core's httpRequest does. */
export async function sendLikeN8n(options: IHttpRequestOptions): Promise<unknown> {
	const config: AxiosRequestConfig = {
		method: options.method ?? 'GET',
		url: options.url,
		baseURL: options.baseURL,
		params: options.qs,
		headers: { 'User-Agent': 'n8n', ...(options.headers as Record<string, string>) },
		timeout: options.timeout,
		maxRedirects: options.disableFollowRedirect ? 0 : 21,
		validateStatus: options.ignoreHttpStatusErrors ? () => true : undefined,
		responseType: (options.encoding as any) ?? 'json',
		transformResponse: options.encoding === 'arraybuffer' ? [(data) => data] : undefined,
	};
	if (options.skipSslCertificateValidation) config.httpsAgent = new https.Agent({ rejectUnauthorized: false });
	if (options.body !== undefined && options.method !== 'GET') config.data = options.body;
	if (options.json) config.headers = { Accept: 'application/json', ...config.headers };
	const response = await axios.request(config);
	const body = options.encoding === 'arraybuffer' ? Buffer.from(response.data) : response.data;
	if (options.returnFullResponse) {
		return { body, headers: response.headers, statusCode: response.status, statusMessage: response.statusText };
	}
	return body;
}

export interface HarnessResult {
	output: INodeExecutionData[][] | null;
	error?: any;
	staticData: IDataObject;
}

const fakeNode: INode = {
	id: 'node-under-test',
	name: 'Node Under Test',
	typeVersion: 1,
	type: 'n8n-nodes-bookkeeping.test',
	position: [0, 0],
	parameters: {},
};

/**
 * A resource locator's value the way n8n extracts it: a mode with `extractValue` (e.g. By URL)
 * applies its regex and returns the first group; an unmatched value is an error, as in n8n.
 */
function extractLocatorValue(node: INodeType, name: string, mode: string | undefined, value: unknown): unknown {
	const regexes = node.description.properties
		.filter((property) => property.name === name && property.type === 'resourceLocator')
		.flatMap((property) => property.modes ?? [])
		.filter((m) => m.name === mode && m.extractValue?.type === 'regex')
		.map((m) => new RegExp(m.extractValue!.regex));
	if (!regexes.length || typeof value !== 'string') return value;
	for (const regex of regexes) {
		const match = regex.exec(value);
		if (match) return match[1];
	}
	throw new Error(`ERROR: ${name} could not be extracted from "${value}" (mode ${mode})`);
}

export function createContext(options: HarnessOptions) {
	const items: INodeExecutionData[] = (options.items ?? [{}]).map((json, index) => ({
		json,
		binary: options.binary?.[index],
	}));
	const paramsFor = (i: number): Params =>
		Array.isArray(options.params) ? (options.params[i] ?? options.params[0]) : options.params;
	const staticData: IDataObject = options.staticData ?? {};
	const credentialName = options.credentialType.name;

	const context: any = {
		getNode: () => fakeNode,
		getInputData: () => items,
		getMode: () => options.mode ?? 'trigger',
		continueOnFail: () => options.continueOnFail ?? false,
		getWorkflowStaticData: () => staticData,
		getTimezone: () => 'UTC',
		// execute(): getNodeParameter(name, itemIndex, fallback?, options?); a polling trigger's
		// poll(): getNodeParameter(name, fallback?, options?), with no item index.
		getNodeParameter(name: string, ...rest: unknown[]) {
			const polling = options.node.description.polling === true;
			const [itemIndex, fallback, opts] = (polling ? [0, ...rest] : rest) as [number, unknown, { extractValue?: boolean } | undefined];
			const hasFallback = rest.length >= (polling ? 1 : 2);
			const params = paramsFor(typeof itemIndex === 'number' ? itemIndex : 0);
			let value = get(params, name);
			if (value === undefined) {
				if (hasFallback) return fallback;
				throw new Error(`Could not get parameter "${name}"`);
			}
			if (opts?.extractValue && value && typeof value === 'object' && '__rl' in (value as object)) {
				const locator = value as { mode?: string; value: unknown };
				value = extractLocatorValue(options.node, name, locator.mode, locator.value);
			}
			return value;
		},
		getCredentials: async (name: string) => {
			if (name !== credentialName) throw new Error(`Unknown credential ${name}`);
			return options.credentials;
		},
		helpers: {
			async httpRequestWithAuthentication(this: unknown, name: string, requestOptions: IHttpRequestOptions) {
				if (name !== credentialName) throw new Error(`Node asked for credential ${name}`);
				const authenticated = await applyAuthentication(options.credentialType, options.credentials, requestOptions);
				return sendLikeN8n(authenticated);
			},
			returnJsonArray: (data: IDataObject | IDataObject[]) =>
				(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
			constructExecutionMetaData: (data: INodeExecutionData[], meta: { itemData: { item: number } }) =>
				data.map((entry) => ({ ...entry, pairedItem: meta.itemData })),
			prepareBinaryData: async (buffer: Buffer, fileName?: string, mimeType?: string) => ({
				data: buffer.toString('base64'),
				fileName,
				mimeType: mimeType ?? 'application/octet-stream',
				fileSize: String(buffer.length),
			}),
			assertBinaryData: (itemIndex: number, property: string) => {
				const binary = items[itemIndex]?.binary?.[property];
				if (!binary) throw new Error(`No binary data property "${property}" on item ${itemIndex}`);
				return binary;
			},
			getBinaryDataBuffer: async (itemIndex: number, property: string) =>
				Buffer.from(items[itemIndex]?.binary?.[property]?.data ?? '', 'base64'),
		},
	};
	return { context, staticData };
}

/** Run a node's execute() (or poll()) through the harness. */
export async function runNode(options: HarnessOptions): Promise<HarnessResult> {
	const { context, staticData } = createContext(options);
	try {
		const output = options.node.poll
			? await options.node.poll.call(context)
			: await options.node.execute!.call(context);
		return { output: output as INodeExecutionData[][] | null, staticData };
	} catch (error) {
		return { output: null, error, staticData };
	}
}

/** JSON of the first output. Throws the node's error if it failed. */
export async function runJson(options: HarnessOptions): Promise<IDataObject[]> {
	const result = await runNode(options);
	if (result.error) throw result.error;
	return (result.output?.[0] ?? []).map((item) => item.json);
}

/** Run the credential's `test` request the way n8n's credential tester does. */
export async function testCredential(
	credentialType: ICredentialType,
	credentials: IDataObject,
): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const test = credentialType.test;
	if (!test) throw new Error('credential has no test');
	const request = test.request;
	const options: IHttpRequestOptions = {
		method: (request.method as any) ?? 'GET',
		url: resolveCredentialExpression(request.url ?? '', credentials) as string,
		baseURL: resolveCredentialExpression(request.baseURL, credentials) as string,
		qs: request.qs as IDataObject,
		headers: request.headers as any,
		body: request.body as any,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		skipSslCertificateValidation: resolveCredentialExpression(request.skipSslCertificateValidation, credentials) as any,
		disableFollowRedirect: request.disableFollowRedirect,
	};
	let response: any;
	try {
		// n8n reports an error thrown by the credential's authenticate() as the test's message.
		const authenticated = await applyAuthentication(credentialType, credentials, options);
		response = await sendLikeN8n(authenticated);
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
	// n8n's tester gets an error for any status outside 2xx (also a 3xx that was not followed).
	if (response.statusCode < 200 || response.statusCode >= 300) {
		const rule = (test.rules ?? []).find(
			(r: any) => r.type === 'responseCode' && r.properties.value === response.statusCode,
		) as any;
		// n8n: the rule's message, else the status text, else "Received HTTP status code: N".
		return { status: 'Error', message: rule?.properties.message ?? (response.statusMessage || `Received HTTP status code: ${response.statusCode}`) };
	}
	for (const rule of (test.rules ?? []) as any[]) {
		if (rule.type === 'responseSuccessBody' && get(response.body, rule.properties.key) === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection tested successfully' };
}

/**
 * Send a request the way n8n's legacy `request` helper does (what a node's `credentialTest`
 * function gets in n8n 2.x): `uri`/`url`, `body`, `headers`, `qs`, `timeout`, `json`,
 * `encoding: null` (Buffer body), `simple: false` (no throw on HTTP errors) and
 * `resolveWithFullResponse`.
 */
export async function sendLegacyLikeN8n(request: IDataObject): Promise<unknown> {
	const config: AxiosRequestConfig = {
		method: (request.method as string) ?? 'GET',
		url: (request.uri ?? request.url) as string,
		baseURL: request.baseURL as string | undefined,
		params: request.qs,
		headers: { accept: '*/*', ...((request.headers as Record<string, string>) ?? {}) },
		timeout: request.timeout as number | undefined,
		data: request.body,
		responseType: request.encoding === null ? 'arraybuffer' : 'text',
		transformResponse: request.json === true ? undefined : [(data) => data],
		validateStatus: request.simple === false ? () => true : undefined,
		// Like n8n's legacy adapter: no method, GET or HEAD redirects are followed unless followRedirect
		// is false; other methods only with followAllRedirects.
		maxRedirects:
			([undefined, 'GET', 'HEAD'].includes(request.method as string | undefined) && request.followRedirect !== false) ||
			request.followAllRedirects === true
				? 21
				: 0,
	};
	const response = await axios.request(config);
	const body = request.encoding === null ? Buffer.from(response.data) : response.data;
	if (request.resolveWithFullResponse) {
		return { body, headers: response.headers, statusCode: response.status, statusMessage: response.statusText };
	}
	return body;
}

/**
 * Run a node's `methods.credentialTest[name]` function the way n8n's credential tester does:
 * `this` is a credential-test context whose only HTTP helper is the legacy `request`.
 */
export async function runCredentialTestFunction(
	node: INodeType,
	name: string,
	credentials: IDataObject,
): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const fn = (node.methods?.credentialTest as Record<string, (...args: any[]) => any> | undefined)?.[name];
	if (!fn) throw new Error(`node has no credentialTest function ${name}`);
	const context = {
		logger: { debug() {}, info() {}, warn() {}, error() {} },
		helpers: { request: (uriOrObject: string | IDataObject, options?: IDataObject) =>
			sendLegacyLikeN8n(typeof uriOrObject === 'string' ? { uri: uriOrObject, ...(options ?? {}) } : uriOrObject) },
	};
	return fn.call(context, { id: 'test', name: 'test', type: 'test', data: credentials });
}

/**
 * Run a node's `methods.listSearch[name]` the way n8n does while a user opens a From List mode:
 * `getCurrentNodeParameter` reads the node's current parameters (`params`).
 */
export async function runListSearch(
	options: Omit<HarnessOptions, 'params'> & { params?: Params },
	name: string,
	filter?: string,
	paginationToken?: string,
): Promise<{ results: Array<{ name: string; value: string | number }>; paginationToken?: unknown }> {
	const { context } = createContext({ ...options, params: options.params ?? {} });
	context.getCurrentNodeParameter = (parameter: string, opts?: { extractValue?: boolean }) =>
		context.getNodeParameter(parameter, 0, undefined, opts);
	const fn = (options.node.methods?.listSearch as Record<string, (...args: any[]) => any> | undefined)?.[name];
	if (!fn) throw new Error(`node has no listSearch method ${name}`);
	return fn.call(context, filter, paginationToken);
}
