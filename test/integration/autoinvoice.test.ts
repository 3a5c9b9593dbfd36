/**
 * AutoInvoice against its simulator, through the node's real code path (SOAP over real HTTP).
 */
import fs from 'node:fs';
import path from 'node:path';
import { AutoInvoice } from '../../nodes/AutoInvoice/AutoInvoice.node';
import { API_KEYS_PLACEHOLDER, AutoInvoiceApi, NAMESPACE_PLACEHOLDER } from '../../credentials/AutoInvoiceApi.credentials';
import { buildRequestEnvelope, soapCall } from '../../nodes/AutoInvoice/transport';
import type { SoapValue } from '../../nodes/AutoInvoice/transport/soap';
import { parseXml as nodeParseXml } from '../../nodes/AutoInvoice/transport/xml';
// Requests are inspected with the simulator's reader, which shares no code with the node's.
import { findChild, getAttribute, parseXml, type SimXmlElement as XmlElement } from '../../sandbox/autoinvoice/xml';
import {
	createSimulator,
	EXTRA_USER_KEYS,
	faultEnvelope,
	OTHER_COMPANY_REFERENCE,
	OTHER_COMPANY_UUID,
	SEED_REFERENCES,
	SimFault,
	SOAP_PATH,
	type AutoInvoiceSimulator,
} from '../../sandbox/autoinvoice';
import { SANDBOX_KEYS } from '../../sandbox/credentials';
import { createContext, runCredentialTestFunction, runJson, runNode, type Params } from '../helpers/harness';

let sim: AutoInvoiceSimulator;
let url: string;
const node = new AutoInvoice();
const credentialType = new AutoInvoiceApi();
const KEYS = SANDBOX_KEYS.autoinvoice;

const credentials = (overrides: Record<string, unknown> = {}) => ({
	companyUuid: KEYS.companyUuid,
	userApiKey: KEYS.userApiKey,
	vendorApiKey: KEYS.vendorApiKey,
	environment: 'custom',
	endpointUrl: `${url}${SOAP_PATH}`,
	namespace: '',
	timeoutSeconds: 2,
	...overrides,
});

const getStatus = (referenceNumber: unknown): Params => ({
	resource: 'consumerAgreement',
	operation: 'getStatus',
	referenceNumber,
});

const run = (params: Params | Params[], extra: Partial<Parameters<typeof runNode>[0]> = {}) =>
	runNode({ node, credentialType, credentials: credentials(), params, ...extra });

const credentialTest = (overrides: Record<string, unknown> = {}) =>
	runCredentialTestFunction(node, 'autoInvoiceConnectionTest', credentials(overrides));

/** Every key value that must never reach the user (the sandbox keys and the wrong ones tried). */
const WRONG_USER_KEY = 'e5a1c0de-0000-4bad-8bad-5ec7e7u5e7k3';
const WRONG_VENDOR_KEY = 'f0f0f0f0-1111-4bad-8bad-5ec7e7ve7d0r';
const ALL_KEYS = [KEYS.userApiKey, KEYS.vendorApiKey, WRONG_USER_KEY, WRONG_VENDOR_KEY, ...Object.values(EXTRA_USER_KEYS)];

function expectNoKeys(value: unknown): void {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	for (const key of ALL_KEYS) expect(text).not.toContain(key);
}

function errorView(error: any) {
	return {
		name: error?.constructor?.name,
		message: error?.message,
		description: error?.description,
		httpCode: error?.httpCode,
		context: error?.context,
		cause: error?.cause,
		messages: error?.messages,
	};
}

/** The request body as an element tree, plus helpers. */
function parsedRequest(index = -1) {
	const request = index === -1 ? sim.lastRequest()! : sim.requests[index];
	const root = parseXml(request.rawBody);
	const body = findChild(root, 'Body')!;
	const method = body.children[0];
	return { request, root, body, method };
}

function leaf(element: XmlElement | undefined) {
	return element ? { name: element.name, type: getAttribute(element, 'type'), text: element.text } : undefined;
}

beforeAll(async () => {
	sim = createSimulator();
	url = await sim.start();
});
afterAll(async () => sim.stop());
beforeEach(() => sim.reset());

describe('AutoInvoice credential', () => {
	it('passes the connection test with the sandbox keys, using a key-checking read', async () => {
		expect(await credentialTest()).toEqual({ status: 'OK', message: expect.stringContaining('accepted the API keys') });
		expect(sim.requests).toHaveLength(1);
		const { request, method } = parsedRequest();
		expect(request.method).toBe('POST');
		expect(request.path).toBe(SOAP_PATH);
		expect(request.headers['soapaction']).toBe('"/v1.1/api/consumer_agreement_status"');
		expect(method.name).toBe('consumer_agreement_status');
		expect(leaf(findChild(method, 'reference_nr'))?.text).toBe('n8n-credential-test');
		expect(sim.calls[0].params.api_keys).toEqual({
			company_uuid: KEYS.companyUuid,
			vendor_api_key: KEYS.vendorApiKey,
			user_api_key: KEYS.userApiKey,
		});
	});

	it('passes when the test reference happens to exist (OK: <state>)', async () => {
		sim.state.consumerAgreements.push({ ...sim.state.consumerAgreements[0], reference_nr: 'n8n-credential-test' });
		expect((await credentialTest()).status).toBe('OK');
	});

	it.each([
		['a wrong user key', { userApiKey: WRONG_USER_KEY }, 'USER NOT FOUND'],
		['a wrong vendor key', { vendorApiKey: WRONG_VENDOR_KEY }, 'VENDOR API KEY DISABLED'],
		['an unknown company UUID', { companyUuid: '11111111-2222-4333-8444-555555555555' }, 'COMPANY NOT FOUND'],
		['a company the user has no rights to', { companyUuid: OTHER_COMPANY_UUID }, 'USER HAS NO RIGHTS TO COMPANY'],
		['a multi-company user without company UUID', { userApiKey: EXTRA_USER_KEYS.multiCompany, companyUuid: '' }, 'NO COMPANY ID GIVEN'],
		['an inactive user', { userApiKey: EXTRA_USER_KEYS.inactive }, 'USER NOT ACTIVATED'],
	])('fails with %s, with AutoInvoice’s text and no key', async (_label, overrides, text) => {
		const result = await credentialTest(overrides);
		expect(result.status).toBe('Error');
		expect(result.message).toContain(text);
		expectNoKeys(result);
	});

	it('passes with an empty vendor key (non-partner account) and without company UUID', async () => {
		expect((await credentialTest({ vendorApiKey: '', companyUuid: '' })).status).toBe('OK');
	});

	it('masks a key in a fault before shortening it, and reports a redirect without following it', async () => {
		sim.injectFault({ pathIncludes: SOAP_PATH, status: 500, headers: { 'Content-Type': 'text/xml' }, body: faultEnvelope(`${'x'.repeat(185)} ${KEYS.userApiKey.toUpperCase()} tail`) });
		const fault = await credentialTest();
		expect(fault.status).toBe('Error');
		expect(fault.message.toLowerCase()).not.toContain(KEYS.userApiKey.slice(0, 8).toLowerCase());
		sim.injectFault({ pathIncludes: SOAP_PATH, status: 307, headers: { Location: 'http://127.0.0.1:1/elsewhere' } });
		expect(await credentialTest()).toEqual({
			status: 'Error',
			message: expect.stringMatching(/^AutoInvoice answered with a redirect \(HTTP 307\) to http:\/\/127\.0\.0\.1:1\/elsewhere while trying to test the credential\. The redirect was not followed/),
		});
	});

	it('fails clearly on a Fault, a non-SOAP answer, an unreachable host and a missing endpoint', async () => {
		sim.injectFault({ pathIncludes: SOAP_PATH, status: 500, headers: { 'Content-Type': 'text/xml' }, body: faultEnvelope('boom') });
		expect(await credentialTest()).toEqual({ status: 'Error', message: expect.stringContaining('SOAP fault (HTTP 500)') });
		sim.injectFault({ pathIncludes: SOAP_PATH, malformed: true });
		expect(await credentialTest()).toEqual({ status: 'Error', message: expect.stringContaining('not a SOAP message') });
		sim.injectFault({ pathIncludes: SOAP_PATH, status: 200, headers: { 'Content-Type': 'text/xml' }, body: '<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Body><n1:consumer_agreement_statusResponse xmlns:n1="x"><return>ERROR: Unexpected error</return></n1:consumer_agreement_statusResponse></env:Body></env:Envelope>' });
		expect(await credentialTest()).toEqual({ status: 'Error', message: expect.stringContaining('ERROR: Unexpected error') });
		const closed = await credentialTest({ endpointUrl: 'http://127.0.0.1:1/apis/v1.1/api' });
		expect(closed).toEqual({ status: 'Error', message: expect.stringContaining('Could not reach AutoInvoice') });
		const missing = await credentialTest({ endpointUrl: '' });
		expect(missing).toEqual({ status: 'Error', message: expect.stringContaining('Endpoint URL is empty') });
	});

	it('resolves endpoints and the namespace per environment, with an override', async () => {
		const body = buildRequestEnvelope('hello_world', []);
		const auth = async (fields: Record<string, unknown>) => {
			const out = await credentialType.authenticate({ userApiKey: 'u', ...fields }, { method: 'POST', url: '', body });
			return { url: out.url, namespace: parseXml(out.body as string).attributes['xmlns:tns'] };
		};
		expect(await auth({ environment: 'production' })).toEqual({
			url: 'https://secure.maventa.com/apis/v1.1/api',
			namespace: 'https://secure.maventa.com/',
		});
		expect(await auth({})).toEqual({ url: 'https://secure.maventa.com/apis/v1.1/api', namespace: 'https://secure.maventa.com/' });
		expect(await auth({ environment: 'testing' })).toEqual({
			url: 'https://testing.maventa.com/apis/v1.1/api',
			namespace: 'https://testing.maventa.com/',
		});
		expect(await auth({ environment: 'custom', endpointUrl: ' http://x.test:81/apis/v1.1/api ' })).toEqual({
			url: 'http://x.test:81/apis/v1.1/api',
			namespace: 'https://x.test:81/',
		});
		expect(await auth({ environment: 'testing', namespace: ' urn:custom ' })).toEqual({
			url: 'https://testing.maventa.com/apis/v1.1/api',
			namespace: 'urn:custom',
		});
		await expect(auth({ environment: 'custom', endpointUrl: 'not a url' })).rejects.toThrow('not a valid URL');
		await expect(auth({ environment: 'custom', endpointUrl: 'ftp://x.test/' })).rejects.toThrow('https://');
		await expect(auth({ environment: 'testing', namespace: 'urn:\uFFFE' })).rejects.toThrow(
			'The Namespace in the AutoInvoice credential contains a character that cannot be sent in XML (U+FFFE at position 5).',
		);
	});

	it('authenticate merges headers, sets URL and timeout, and fills both placeholders with escaped values', async () => {
		const body = buildRequestEnvelope('consumer_agreement_status', [['reference_nr', NAMESPACE_PLACEHOLDER + API_KEYS_PLACEHOLDER]]);
		const out = await credentialType.authenticate(
			{ ...credentials(), userApiKey: 'k<&>"1', companyUuid: '', namespace: 'urn:a&b' },
			{ method: 'POST', url: '', baseURL: 'http://ignored', headers: { SOAPAction: '"x"' }, body },
		);
		expect(out.url).toBe(`${url}${SOAP_PATH}`);
		expect(out.baseURL).toBeUndefined();
		expect(out.timeout).toBe(2000);
		expect(out.headers).toEqual({ SOAPAction: '"x"' });
		const text = out.body as string;
		expect(text).toContain('xmlns:tns="urn:a&amp;b"');
		expect(text).toContain('<user_api_key xsi:type="xsd:string">k&lt;&amp;&gt;&quot;1</user_api_key>');
		expect(text).not.toContain('<company_uuid');
		// The user's value that mimics both placeholders stays a value.
		const root = parseXml(text);
		const method = findChild(root, 'Body')!.children[0];
		expect(findChild(method, 'reference_nr')!.text).toBe(NAMESPACE_PLACEHOLDER + API_KEYS_PLACEHOLDER);
		expect(method.children.map((c) => c.name)).toEqual(['api_keys', 'reference_nr']);
		// A body without placeholders is left alone.
		const plain = await credentialType.authenticate(credentials(), { method: 'POST', url: '', body: '<x/>' });
		expect(plain.body).toBe('<x/>');
	});
});

describe('AutoInvoice operation files', () => {
	it('export only description and execute (the reference length and output type live in status.ts)', async () => {
		const root = path.join(__dirname, '../../nodes/AutoInvoice');
		const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.operation.ts'));
		expect(files).toEqual([path.join('actions', 'consumerAgreement', 'getStatus.operation.ts')]);
		for (const file of files) {
			const exported = Object.keys(await import(path.join(root, file))).sort();
			expect([file, exported]).toEqual([file, ['description', 'execute']]);
		}
		const status = await import('../../nodes/AutoInvoice/actions/consumerAgreement/status');
		expect(status.MAX_REFERENCE_LENGTH).toBe(50);
	});
});

describe('AutoInvoice: Consumer Agreement → Get Status', () => {
	it('sends exactly one SOAP 1.1 RPC/encoded request with the keys in WSDL order', async () => {
		const out = await runJson({ node, credentialType, credentials: credentials(), params: getStatus(SEED_REFERENCES.ACTIVE) });
		expect(out).toEqual([{ reference_nr: SEED_REFERENCES.ACTIVE, state: 'ACTIVE', ready: true, raw: 'OK: ACTIVE' }]);
		expect(sim.requests).toHaveLength(1);
		const { request, root, body, method } = parsedRequest();
		expect(request.method).toBe('POST');
		expect(request.path).toBe(SOAP_PATH);
		expect(request.query).toEqual({});
		expect(request.headers['content-type']).toBe('text/xml; charset=utf-8');
		expect(request.headers['soapaction']).toBe('"/v1.1/api/consumer_agreement_status"');
		expect(request.rawBody.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);

		expect(root.name).toBe('Envelope');
		expect(root.prefix).toBe('soapenv');
		expect(root.attributes['xmlns:soapenv']).toBe('http://schemas.xmlsoap.org/soap/envelope/');
		expect(root.attributes['xmlns:tns']).toBe(`https://${new URL(url).host}/`);
		expect(getAttribute(body, 'encodingStyle')).toBe('http://schemas.xmlsoap.org/soap/encoding/');
		expect(body.children).toHaveLength(1);
		expect(method.prefix).toBe('tns');
		expect(method.name).toBe('consumer_agreement_status');
		expect(method.children.map((c) => c.name)).toEqual(['api_keys', 'reference_nr']);

		const apiKeys = method.children[0];
		expect(apiKeys.prefix).toBeUndefined();
		expect(getAttribute(apiKeys, 'type')).toBe('tns:ApiKeys');
		expect(apiKeys.children.map(leaf)).toEqual([
			{ name: 'company_uuid', type: 'xsd:string', text: KEYS.companyUuid },
			{ name: 'vendor_api_key', type: 'xsd:string', text: KEYS.vendorApiKey },
			{ name: 'user_api_key', type: 'xsd:string', text: KEYS.userApiKey },
		]);
		expect(leaf(method.children[1])).toEqual({ name: 'reference_nr', type: 'xsd:string', text: SEED_REFERENCES.ACTIVE });
	});

	it('returns state, ready and raw for every state, one item per input item with its own reference', async () => {
		const states = Object.keys(SEED_REFERENCES) as Array<keyof typeof SEED_REFERENCES>;
		const result = await run(
			states.map((state) => getStatus(SEED_REFERENCES[state])),
			{ items: states.map((state) => ({ state })) },
		);
		expect(result.error).toBeUndefined();
		const out = result.output![0];
		expect(out.map((item) => item.json)).toEqual(
			states.map((state) => ({
				reference_nr: SEED_REFERENCES[state],
				state,
				ready: state === 'ACTIVE',
				raw: `OK: ${state}`,
			})),
		);
		expect(out.map((item) => item.pairedItem)).toEqual(states.map((_s, i) => ({ item: i })));
		expect(sim.requests).toHaveLength(states.length);
	});

	it('passes unknown states through, trims the reference and accepts a number', async () => {
		sim.state.consumerAgreements[0].state = 'PAUSED';
		const out = await runJson({
			node,
			credentialType,
			credentials: credentials(),
			params: [getStatus(`  ${SEED_REFERENCES.ACTIVE}\t`), getStatus(Number(SEED_REFERENCES.NEW))],
			items: [{}, {}],
		});
		expect(out).toEqual([
			{ reference_nr: SEED_REFERENCES.ACTIVE, state: 'PAUSED', ready: false, raw: 'OK: PAUSED' },
			{ reference_nr: SEED_REFERENCES.NEW, state: 'NEW', ready: false, raw: 'OK: NEW' },
		]);
	});

	it('uses the namespace override from the credential', async () => {
		await runJson({ node, credentialType, credentials: credentials({ namespace: 'https://testing.maventa.com/' }), params: getStatus(SEED_REFERENCES.ACTIVE) });
		expect(parsedRequest().root.attributes['xmlns:tns']).toBe('https://testing.maventa.com/');
	});

	it('escapes hostile references, which reach AutoInvoice and come back exactly', async () => {
		const hostile = ['a<b', 'R&D', 'x]]>y', `"double" 'single'`, '</reference_nr><x>', 'æøå-ÆØÅ', '&amp;<!--n8n-api-keys-->'];
		for (const [i, reference_nr] of hostile.entries()) {
			sim.state.consumerAgreements.push({ ...sim.state.consumerAgreements[0], reference_nr, state: i % 2 ? 'NEW' : 'ACTIVE' });
		}
		const out = await runJson({
			node,
			credentialType,
			credentials: credentials(),
			params: hostile.map(getStatus),
			items: hostile.map(() => ({})),
		});
		expect(out.map((o) => o.reference_nr)).toEqual(hostile);
		expect(out.map((o) => o.state)).toEqual(hostile.map((_h, i) => (i % 2 ? 'NEW' : 'ACTIVE')));
		expect(sim.calls.map((call) => call.params.reference_nr)).toEqual(hostile);
		for (const [i, request] of sim.requests.entries()) {
			const method = findChild(parseXml(request.rawBody), 'Body')!.children[0];
			expect(method.children.map((c) => c.name)).toEqual(['api_keys', 'reference_nr']);
			expect(findChild(method, 'reference_nr')!.text).toBe(hostile[i]);
			expect(findChild(method, 'api_keys')!.children).toHaveLength(3);
		}
		expect(sim.requests[4].rawBody).toContain('&lt;/reference_nr&gt;&lt;x&gt;');
		expect(sim.requests[5].rawBody).toContain('æøå-ÆØÅ');
	});

	it.each([
		['empty', '', 'is required'],
		['only spaces', '   ', 'is required'],
		['too long', 'x'.repeat(51), 'at most 50 characters'],
		['a line break', '1002\n01', 'control characters'],
		['an object', { ref: 1 }, 'must be text'],
		['null (an expression that resolved to nothing)', null, 'is required'],
	])('rejects a reference that is %s before sending anything', async (_label, value, problem) => {
		const result = await run(getStatus(value));
		expect(result.error.constructor.name).toBe('NodeOperationError');
		expect(result.error.message).toContain("'Reference Number'");
		expect(result.error.message).toContain('item 0');
		expect(result.error.message).toContain(problem);
		expect(result.error.description).toContain('Nothing was sent');
		expect(sim.requests).toHaveLength(0);
	});

	it('names the failing item', async () => {
		const result = await run([getStatus(''), getStatus('')], { items: [{}, {}] });
		expect(result.error.message).toContain('Invalid input in item 0');
		const second = await run([getStatus(SEED_REFERENCES.ACTIVE), getStatus('x'.repeat(60))], { items: [{}, {}] });
		expect(second.error.message).toContain('Invalid input in item 1');
		expect(second.error.context?.itemIndex ?? second.error.itemIndex).toBe(1);
	});

	it('turns ERROR: CONSUMER NOT FOUND (HTTP 200) into a NodeApiError, also for another company’s reference', async () => {
		for (const reference of ['999999', OTHER_COMPANY_REFERENCE]) {
			const result = await run(getStatus(reference));
			expect(result.error.constructor.name).toBe('NodeApiError');
			expect(result.error.message).toBe(`AutoInvoice found no consumer agreement with reference number '${reference}'`);
			expect(result.error.description).toContain('AutoInvoice said: ERROR: CONSUMER NOT FOUND');
			expect(result.error.description).toContain('HTTP status: 200');
			expect(result.error.httpCode).toBe('200');
			expectNoKeys(errorView(result.error));
		}
		expect(sim.requests).toHaveLength(2); // not retried
	});

	it.each([
		['a wrong user key', { userApiKey: WRONG_USER_KEY }, 'USER NOT FOUND', 'User API Key'],
		['a wrong vendor key', { vendorApiKey: WRONG_VENDOR_KEY }, 'VENDOR API KEY DISABLED', 'Vendor API Key'],
		['an unknown company', { companyUuid: '11111111-2222-4333-8444-555555555555' }, 'COMPANY NOT FOUND', 'Company UUID'],
		['a multi-company user without company', { userApiKey: EXTRA_USER_KEYS.multiCompany, companyUuid: '' }, 'NO COMPANY ID GIVEN', 'Company UUID'],
		['an inactive user', { userApiKey: EXTRA_USER_KEYS.inactive }, 'USER NOT ACTIVATED', 'Activate'],
	])('turns %s into a NodeApiError with the provider text, a fix and no key', async (_label, overrides, text, fix) => {
		const result = await runNode({ node, credentialType, credentials: credentials(overrides), params: getStatus(SEED_REFERENCES.ACTIVE) });
		expect(result.error.constructor.name).toBe('NodeApiError');
		expect(result.error.message).toContain('AutoInvoice rejected the credentials');
		expect(result.error.message).toContain(text);
		expect(result.error.description).toContain('AutoInvoice said: ERROR: ');
		expect(result.error.description).toContain(text);
		expect(result.error.description).toContain(fix);
		expect(result.error.httpCode).toBe('200');
		expectNoKeys(errorView(result.error));
		expect(sim.requests).toHaveLength(1);
	});

	it('turns a SOAP Fault (HTTP 500) into a NodeApiError with the faultstring, without retrying', async () => {
		sim.defineMethod('consumer_agreement_status', () => {
			throw new SimFault("undefined method `state' for nil:NilClass & <more>");
		});
		const result = await run(getStatus(SEED_REFERENCES.ACTIVE));
		expect(result.error.constructor.name).toBe('NodeApiError');
		expect(result.error.httpCode).toBe('500');
		expect(result.error.message).toContain('AutoInvoice returned a SOAP fault (HTTP 500)');
		expect(result.error.message).toContain("undefined method `state' for nil:NilClass & <more>");
		expect(result.error.description).toContain('Fault code: env:Server');
		expect(sim.requests).toHaveLength(1);
	});

	it('treats a Fault sent with HTTP 200 (ActionWebService sends faults with send_data) as a failure too', async () => {
		sim.injectFault({ pathIncludes: SOAP_PATH, status: 200, headers: { 'Content-Type': 'text/xml' }, body: faultEnvelope('Internal server error (exception raised)') });
		const result = await run(getStatus(SEED_REFERENCES.ACTIVE));
		expect(result.error.constructor.name).toBe('NodeApiError');
		expect(result.error.httpCode).toBe('200');
		expect(result.error.message).toContain('SOAP fault (HTTP 200)');
		expect(result.error.message).toContain('Internal server error (exception raised)');
	});

	it('redacts keys a Fault might echo', async () => {
		sim.injectFault({
			pathIncludes: SOAP_PATH,
			status: 500,
			headers: { 'Content-Type': 'text/xml' },
			body: faultEnvelope(`bad key ${KEYS.userApiKey} / ${KEYS.vendorApiKey}`),
		});
		const result = await run(getStatus(SEED_REFERENCES.ACTIVE));
		expect(result.error.message).toContain('bad key *** / ***');
		expectNoKeys(errorView(result.error));
	});

	it('redacts a pasted key with stray whitespace, which is sent (and may be echoed) trimmed', async () => {
		sim.injectFault({
			pathIncludes: SOAP_PATH,
			status: 500,
			headers: { 'Content-Type': 'text/xml' },
			body: faultEnvelope(`bad key ${KEYS.userApiKey}`),
		});
		const result = await runNode({
			node,
			credentialType,
			credentials: credentials({ userApiKey: ` ${KEYS.userApiKey}\n` }),
			params: getStatus(SEED_REFERENCES.ACTIVE),
		});
		expect(sim.lastRequest()!.rawBody).toContain(`<user_api_key xsi:type="xsd:string">${KEYS.userApiKey}</user_api_key>`);
		expect(result.error.message).toContain('bad key ***');
		expectNoKeys(errorView(result.error));
	});

	it('reports garbage answers clearly: truncated XML, HTML with 200, plain-text protocol errors', async () => {
		sim.injectFault({ pathIncludes: SOAP_PATH, malformed: true });
		const truncated = await run(getStatus(SEED_REFERENCES.ACTIVE));
		expect(truncated.error.constructor.name).toBe('NodeApiError');
		expect(truncated.error.message).toContain('AutoInvoice sent an answer that is not a SOAP message');
		expect(truncated.error.description).toContain('AutoInvoice said: <?xml');
		expect(truncated.error.description).toContain('Invalid XML');

		sim.injectFault({ pathIncludes: SOAP_PATH, status: 200, headers: { 'Content-Type': 'text/html' }, body: '<html><body>Login</body></html>' });
		const html = await run(getStatus(SEED_REFERENCES.ACTIVE));
		expect(html.error.message).toContain('not a SOAP message');
		expect(html.error.description).toContain('<html><body>Login</body></html>');

		sim.injectFault({ pathIncludes: SOAP_PATH, status: 500, body: 'Internal protocol error: Malformed SOAP or XML-RPC protocol message' });
		const protocol = await run(getStatus(SEED_REFERENCES.ACTIVE));
		expect(protocol.error.message).toContain('did not understand the request as SOAP (HTTP 500)');
		expect(protocol.error.description).toContain('Internal protocol error');
		expect(sim.requests).toHaveLength(3);
	});

	it('reports a wrong path (HTTP 404 HTML) with the endpoint hint', async () => {
		const result = await runNode({
			node,
			credentialType,
			credentials: credentials({ endpointUrl: `${url}/apis/v1.1/wsdl` }),
			params: getStatus(SEED_REFERENCES.ACTIVE),
		});
		expect(result.error.httpCode).toBe('404');
		expect(result.error.message).toContain('(HTTP 404)');
	});

	it('retries a read on 503 and on 429 with Retry-After, then succeeds', async () => {
		sim.injectFault({ pathIncludes: SOAP_PATH, status: 503, body: 'Service Unavailable' });
		sim.injectFault({ pathIncludes: SOAP_PATH, status: 429, headers: { 'Retry-After': '1' }, body: '' });
		const started = Date.now();
		const out = await runJson({ node, credentialType, credentials: credentials(), params: getStatus(SEED_REFERENCES.ACTIVE) });
		expect(out[0].state).toBe('ACTIVE');
		expect(sim.requests).toHaveLength(3);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		// Every attempt carries the full, identical envelope.
		expect(new Set(sim.requests.map((r) => r.rawBody)).size).toBe(1);
	});

	it('gives up after the retries with the last answer', async () => {
		sim.injectFault({ pathIncludes: SOAP_PATH, times: 4, status: 503, headers: { 'Retry-After': '0' }, body: 'AutoInvoice is down for maintenance' });
		const result = await run(getStatus(SEED_REFERENCES.ACTIVE));
		expect(sim.requests).toHaveLength(4);
		expect(result.error.httpCode).toBe('503');
		expect(result.error.description).toContain('AutoInvoice is down for maintenance');
		expect(result.error.description).toContain('Gave up after 4 attempts');
	});

	it('retries a read that timed out (credential timeout 1 s)', async () => {
		sim.injectFault({ pathIncludes: SOAP_PATH, hang: true });
		const out = await runJson({ node, credentialType, credentials: credentials({ timeoutSeconds: 1 }), params: getStatus(SEED_REFERENCES.NEW) });
		expect(out[0].state).toBe('NEW');
		expect(sim.requests).toHaveLength(2);
	});

	it('continues on fail with one item per input, each paired, with per-item references', async () => {
		const result = await run(
			[getStatus(SEED_REFERENCES.ACTIVE), getStatus('999999'), getStatus(''), getStatus(SEED_REFERENCES.REJECTED)],
			{ items: [{}, {}, {}, {}], continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		const out = result.output![0];
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(out[0].json).toMatchObject({ state: 'ACTIVE', ready: true });
		expect(out[1].json.error).toContain("no consumer agreement with reference number '999999'");
		expect(out[1].json.httpCode).toBe('200');
		expect(out[2].json.error).toContain("'Reference Number'");
		expect(out[2].json.error).toContain('item 2');
		expect(out[3].json).toMatchObject({ state: 'REJECTED', ready: false });
		expect(sim.calls.map((c) => c.params.reference_nr)).toEqual([SEED_REFERENCES.ACTIVE, '999999', SEED_REFERENCES.REJECTED]);
		expectNoKeys(out);
	});

	it('reports a credential without an endpoint as a configuration problem, sending nothing', async () => {
		const result = await runNode({ node, credentialType, credentials: credentials({ endpointUrl: '' }), params: getStatus('1') });
		expect(result.error.constructor.name).toBe('NodeOperationError');
		expect(`${result.error.message}\n${result.error.description}`).toContain('Endpoint URL is empty');
		expect(sim.requests).toHaveLength(0);
	});

	it('refuses a key with a character XML cannot carry, naming the field, sending nothing and showing no key', async () => {
		const result = await runNode({
			node,
			credentialType,
			credentials: credentials({ userApiKey: `${KEYS.userApiKey}\uFFFE` }),
			params: getStatus(SEED_REFERENCES.ACTIVE),
		});
		expect(`${result.error.message}\n${result.error.description}`).toContain(
			'The User API Key in the AutoInvoice credential contains a character that cannot be sent in XML (U+FFFE at position 37)',
		);
		expectNoKeys(errorView(result.error));
		expect(sim.requests).toHaveLength(0);
	});

	it('refuses a reference with a character XML cannot carry before sending, never dropping it', async () => {
		for (const reference of ['1002\uFFFE01', '1002\uD80001', '100201\uFFFF']) {
			const result = await run(getStatus(reference));
			expect(result.error.constructor.name).toBe('NodeOperationError');
			expect(result.error.message).toContain('item 0');
			expect(result.error.description).toContain('Nothing was sent');
		}
		expect(sim.requests).toHaveLength(0);
	});

	it('fails on a 200 answer without a return part, and on an empty 200, instead of reporting success', async () => {
		const noReturn =
			'<?xml version="1.0" encoding="utf-8" ?>\n<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Header/><env:Body>' +
			'<n1:consumer_agreement_statusResponse xmlns:n1="https://testing.maventa.com/"></n1:consumer_agreement_statusResponse></env:Body></env:Envelope>';
		sim.injectFault({ pathIncludes: SOAP_PATH, status: 200, headers: { 'Content-Type': 'text/xml; charset=utf-8' }, body: noReturn });
		const result = await run(getStatus(SEED_REFERENCES.ACTIVE));
		expect(result.error.constructor.name).toBe('NodeApiError');
		expect(result.error.message).toBe(
			`AutoInvoice answered without a result while trying to get the status of consumer agreement '${SEED_REFERENCES.ACTIVE}'`,
		);
		expect(result.error.httpCode).toBe('200');
		expect(result.error.description).toBe(
			'The <n1:consumer_agreement_statusResponse> element has no return part.\nHTTP status: 200\n' +
				'Try again later. If this keeps happening, check the Environment and Endpoint URL in the credential (it must be the SOAP endpoint …/apis/v1.1/api).',
		);

		sim.injectFault({ pathIncludes: SOAP_PATH, status: 200, headers: { 'Content-Type': 'text/xml; charset=utf-8' }, body: '' });
		const empty = await run(getStatus(SEED_REFERENCES.ACTIVE));
		expect(empty.error.constructor.name).toBe('NodeApiError');
		expect(empty.error.message).toContain('AutoInvoice answered without a result');
		expect(empty.error.description).toContain('The answer was empty (HTTP 200 without a body).');
		expect(sim.requests).toHaveLength(2); // a 200 is never retried
	});
});

describe('AutoInvoice transport: a write (soapCall with kind "write")', () => {
	// What the request core says after a write that got an unusable 2xx.
	const WRITE_HINT =
		'AutoInvoice may have processed the request, so it was not sent again: check in AutoInvoice before running it again, so nothing is created twice. If this keeps happening, check the base URL or endpoint in the AutoInvoice credential.';
	const ORDER = 'b2c_issuer_agreement_order';
	const call = (params: Array<[string, string]> = [['account_number', '12345678903']]) => {
		const { context } = createContext({ node, credentialType, credentials: credentials(), params: {} });
		return soapCall(context, ORDER, params, {
			kind: 'write',
			action: 'order a B2C issuer agreement',
			itemIndex: 0,
			read: ({ raw }) =>
				typeof raw === 'string' && raw.startsWith('OK')
					? { ok: true, data: raw }
					: { ok: false, failure: { message: 'AutoInvoice sent an unexpected answer while trying to order a B2C issuer agreement' } },
		});
	};
	const caught = async (promise: Promise<unknown>) => {
		try {
			await promise;
		} catch (error) {
			return error as any;
		}
		throw new Error('expected a failure');
	};
	const respond = (body: string) =>
		sim.injectFault({ pathIncludes: SOAP_PATH, status: 200, headers: { 'Content-Type': 'text/xml; charset=utf-8' }, body });
	const envelope = (body: string) =>
		`<?xml version="1.0" encoding="utf-8" ?><env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Header/>${body}</env:Envelope>`;

	it.each([
		['a response element without return', envelope(`<env:Body><n1:${ORDER}Response xmlns:n1="x"/></env:Body>`), `The <n1:${ORDER}Response> element has no return part.`],
		['an empty Body', envelope('<env:Body/>'), 'The SOAP Body is empty.'],
		['an envelope without Body', envelope(''), 'The SOAP envelope has no Body.'],
		['an empty body', '', 'The answer was empty (HTTP 200 without a body).'],
	])('a 200 with %s is a NodeApiError saying it may have been processed', async (_label, body, reason) => {
		respond(body);
		const error = await caught(call());
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.message).toBe('AutoInvoice answered without a result while trying to order a B2C issuer agreement');
		expect(error.description).toBe(`${reason}\nHTTP status: 200\n${WRITE_HINT}`);
		expect(sim.requests).toHaveLength(1);
	});

	it('a 200 the operation cannot use gets the write hint too', async () => {
		respond(envelope(`<env:Body><n1:${ORDER}Response xmlns:n1="x"><return xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/></n1:${ORDER}Response></env:Body>`));
		const error = await caught(call());
		expect(error.message).toBe('AutoInvoice sent an unexpected answer while trying to order a B2C issuer agreement');
		expect(error.description).toBe(`HTTP status: 200\n${WRITE_HINT}`);
	});

	it('a value the envelope cannot carry is a NodeOperationError naming the parameter; nothing is sent', async () => {
		const error = await caught(call([['account_number', '1234\uFFFE5678903']]));
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toBe(
			'Invalid input in item 0: Parameter account_number contains a character that cannot be sent in XML (U+FFFE at position 5)',
		);
		expect(error.description).toBe(
			'Nothing was sent. Fix account_number and run again (a character XML cannot carry often comes from pasted text, or from an expression that cut an emoji in half).',
		);
		expect(error.context?.itemIndex ?? error.itemIndex).toBe(0);
		const lone = await caught(call([['account_number', '\uD800']]));
		expect(lone.message).toBe('Invalid input in item 0: Parameter account_number contains a character that cannot be sent in XML (U+D800 at position 1)');
		expect(sim.requests).toHaveLength(0);
	});
});

describe('AutoInvoice simulator protocol', () => {
	const post = (body: string, headers: Record<string, string> = {}) =>
		fetch(`${url}${SOAP_PATH}`, { method: 'POST', headers: { 'Content-Type': 'text/xml; charset=utf-8', ...headers }, body });
	const envelope = (inner: string) =>
		`<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${inner}</s:Body></s:Envelope>`;

	it('requires a non-empty SOAPAction and a SOAP envelope (plain-text HTTP 500 otherwise)', async () => {
		for (const [body, headers] of [
			[envelope('<hello_world/>'), {}],
			[envelope('<hello_world/>'), { SOAPAction: '""' }],
			['<not-closed', { SOAPAction: '"/v1.1/api/hello_world"' }],
			['<a/>', { SOAPAction: '"/v1.1/api/hello_world"' }],
		] as Array<[string, Record<string, string>]>) {
			const res = await post(body, headers);
			expect(res.status).toBe(500);
			expect(await res.text()).toBe('Internal protocol error: Malformed SOAP or XML-RPC protocol message');
		}
		const get = await fetch(`${url}${SOAP_PATH}`);
		expect(get.status).toBe(500);
	});

	it('dispatches on the first Body child local name, whatever its namespace or the SOAPAction', async () => {
		const res = await post(envelope('<x:hello_world xmlns:x="urn:anything"/>'), { SOAPAction: 'whatever' });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('text/xml; charset=utf-8');
		const text = await res.text();
		expect(text).toContain('<n1:hello_worldResponse');
		expect(text).toContain('<return xsi:type="xsd:string">Hello from Maventa API v1.1</return>');
	});

	it('answers unknown methods and missing api_keys with a Fault (HTTP 500)', async () => {
		const unknown = await post(envelope('<nope/>'), { SOAPAction: '"/v1.1/api/nope"' });
		expect(unknown.status).toBe(500);
		expect(await unknown.text()).toContain('<faultstring>no such web service method &apos;nope&apos;</faultstring>');
		const noKeys = await post(envelope('<consumer_agreement_status><reference_nr>1</reference_nr></consumer_agreement_status>'), {
			SOAPAction: '"/v1.1/api/consumer_agreement_status"',
		});
		expect(noKeys.status).toBe(500);
		expect(await noKeys.text()).toContain('<env:Fault>');
	});
	it('rejects malformed documents with the protocol error, whatever the method', async () => {
		const action = { SOAPAction: '"/v1.1/api/hello_world"' };
		const malformed = [
			'',
			'Internal protocol error',
			envelope('<hello_world>'),
			envelope('<hello_world></world>'),
			envelope('<hello_world a=1/>'),
			envelope('<hello_world a="1" a="2"/>'),
			envelope('<hello_world a="1"b="2"/>'),
			envelope('<hello_world>fish & chips</hello_world>'),
			envelope('<hello_world>&nbsp;</hello_world>'),
			envelope('<hello_world>&#xFFFE;</hello_world>'),
			envelope('<hello_world>&#0;</hello_world>'),
			'<!DOCTYPE s [<!ENTITY x "y">]>' + envelope('<hello_world>&x;</hello_world>'),
			envelope('<hello_world/>') + '<extra/>',
			envelope('<hello_world/>') + 'trailing',
			envelope('<1bad/>'),
			envelope('<hello_world><!-- unterminated </hello_world>'),
		];
		for (const body of malformed) {
			const res = await post(body, action);
			expect({ body, status: res.status, text: await res.text() }).toEqual({
				body,
				status: 500,
				text: 'Internal protocol error: Malformed SOAP or XML-RPC protocol message',
			});
		}
		expect(sim.calls).toHaveLength(0);
	});
});

describe('the simulator’s own XML reader', () => {
	/** The request body the node sends for these parameters (placeholders filled by the credential). */
	const sent = async (params: Array<[string, SoapValue]>) =>
		(
			await credentialType.authenticate(credentials(), {
				method: 'POST',
				url: '',
				body: buildRequestEnvelope('consumer_agreements_query', params),
			})
		).body as string;

	/** Element name, attributes, text and children, as the given reader sees them. */
	const shape = (el: { name: string; prefix?: string; attributes: Record<string, string>; text: string; children: any[] }): unknown => ({
		name: el.prefix ? `${el.prefix}:${el.name}` : el.name,
		attributes: el.attributes,
		text: el.text,
		children: el.children.map(shape),
	});

	const hostile = ['a<b', 'R&D', 'x]]>y', `"double" 'single'`, '</reference_nr><x>', 'æøå 😀', '&amp;<!--n8n-api-keys-->', 'tab\tLF\nCR\r', '  spaces  ', ''];

	it('reads every request the node sends exactly as the node wrote it (and as the node’s own reader does)', async () => {
		for (const value of hostile) {
			const xml = await sent([
				['reference_nr', value],
				['query', { $type: 'ConsumerAgreementQuery', fields: [['state', value], ['name', null], ['count', 7], ['active', true]] }],
				['states', { $arrayOf: 'xsd:string', items: [value, null, 'ACTIVE'] }],
			]);
			const tree = parseXml(xml);
			const method = findChild(findChild(tree, 'Body')!, 'consumer_agreements_query')!;
			expect(method.children.map((c) => c.name)).toEqual(['api_keys', 'reference_nr', 'query', 'states']);
			expect(findChild(method, 'api_keys')!.children.map((c) => [c.name, c.text])).toEqual([
				['company_uuid', KEYS.companyUuid],
				['vendor_api_key', KEYS.vendorApiKey],
				['user_api_key', KEYS.userApiKey],
			]);
			expect(findChild(method, 'reference_nr')!.text).toBe(value);
			const query = findChild(method, 'query')!;
			expect(getAttribute(query, 'type')).toBe('tns:ConsumerAgreementQuery');
			expect(query.children.map((c) => [c.name, c.text, getAttribute(c, 'type') ?? getAttribute(c, 'nil')])).toEqual([
				['state', value, 'xsd:string'],
				['name', '', 'true'],
				['count', '7', 'xsd:int'],
				['active', 'true', 'xsd:boolean'],
			]);
			const states = findChild(method, 'states')!;
			expect(getAttribute(states, 'arrayType')).toBe('xsd:string[3]');
			expect(states.children.map((c) => c.text)).toEqual([value, '', 'ACTIVE']);
			// Two readers that share no code agree on the whole tree.
			expect(shape(tree)).toEqual(shape(nodeParseXml(xml)));
		}
	});
});
