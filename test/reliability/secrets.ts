/**
 * The secret scan's runs: the ways a provider might echo a key (in an error or in a success
 * answer), per provider, and running one of them. Used by the suite and by its mutation check
 * (`secret-scan-mutation.test.ts`), which proves the success echoes can make the scan fail.
 *
 * Success echoes put the key where every output keeps it: into secret-named fields (`apiKey`,
 * Konto's `api_key` and a tenant object with its own `api_key`, `bank_username`, `bank_password`)
 * that only Simplify off shows, and into free-text fields that Simplify keeps (names,
 * descriptions, messages, file names), at every depth of the answer. Operations with Simplify run
 * them with Simplify on and off.
 */
import type { IDataObject } from 'n8n-workflow';
import type { ContaSimulator } from '../../sandbox/conta';
import type { FaultSpec, SimReply } from '../../sandbox/framework';
import type { HarnessResult, Params } from '../helpers/harness';
import { caseName, type OpCase, type Provider } from './cases';
import { secretsOf, TENANT_SECRETS, type Lane, type RunOptions } from './kit';
import { TRIGGER_SCENARIOS } from './trigger';

export const PLAIN = { 'Content-Type': 'text/plain; charset=utf-8' };

/** The ways a provider might echo a key back: [form, text holding the key]. */
export function echoForms(secret: string): Array<[string, string]> {
	const filler = 'Account check failed for this request. '.repeat(10).slice(0, 289);
	return [
		['verbatim', `Access denied for key ${secret}`],
		['upper case', `ACCESS DENIED FOR KEY ${secret.toUpperCase()}`],
		['lower case', `access denied for key ${secret.toLowerCase()}`],
		['URL-encoded', `request /v1/check?key=${encodeURIComponent(secret)}&x=1 was refused`],
		['JSON field', `{"api_key":"${secret}","error":"denied"}`],
		['at position 290', `${filler} ${secret} (end of message)`],
		['AutoInvoice style', `USER ${secret.toUpperCase()} NOT FOUND`],
	];
}

const xmlText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Free-text fields of Conta and Konto records that Simplify keeps or an operation passes on. */
const FREE_TEXT = new Set([
	'name',
	'customerName',
	'customerGroupName',
	'customerSupplierName',
	'description',
	'invoiceLineDescription',
	'personalMessage',
	'customerReference',
	'title',
	'filename',
	'address',
	'city',
]);

/**
 * Every object of a JSON answer, at any depth, gets `fieldName: secret` and `note: text`, and
 * `text` (or the bare key when the text is long, so length rules still pass) appended to its
 * free-text fields. `extra` adds more fields per object (Konto's tenant secrets).
 */
export function echoIntoJson(reply: SimReply, secret: string, text: string, fieldName: string, extra: IDataObject = {}): SimReply {
	if (Buffer.isBuffer(reply.body) || typeof reply.body !== 'object' || reply.body === null) return reply;
	const inText = text.length <= 120 ? text : secret;
	const walk = (value: unknown): unknown => {
		if (Array.isArray(value)) return value.map(walk);
		if (!value || typeof value !== 'object') return value;
		const out: Record<string, unknown> = {};
		for (const [key, inner] of Object.entries(value as Record<string, unknown>))
			out[key] = FREE_TEXT.has(key) && typeof inner === 'string' ? `${inner} ${inText}` : walk(inner);
		return { ...out, [fieldName]: secret, note: text, ...extra };
	};
	return { ...reply, body: walk(reply.body) };
}

const KONTO_TENANT = {
	tenant: {
		guid: 'b1c2d3e4-0000-4000-8000-000000000001',
		name: 'Reliability ehf.',
		username: 'reliability',
		api_key: TENANT_SECRETS.apiKey,
		bank_username: TENANT_SECRETS.bankUsername,
		bank_password: TENANT_SECRETS.bankPassword,
	},
	bank_username: TENANT_SECRETS.bankUsername,
	bank_password: TENANT_SECRETS.bankPassword,
};

export interface EchoShape {
	name: string;
	spec: FaultSpec;
	/** A success answer (the operation must still succeed with it). */
	success: boolean;
}

/** Error and success answers that carry `text` (which holds the secret), per provider. */
export function echoShapes(provider: Provider, secret: string, text: string): EchoShape[] {
	const plain500: FaultSpec = { status: 500, headers: PLAIN, body: text };
	const error = (name: string, spec: FaultSpec): EchoShape => ({ name, spec, success: false });
	const success = (name: string, spec: FaultSpec): EchoShape => ({ name, spec, success: true });
	switch (provider) {
		case 'conta':
			return [
				error('Conta error body (HTTP 400)', { status: 400, body: { category: 'API', name: 'BadRequestException', messages: { EN: text, NO: text } } }),
				error('plain text (HTTP 500)', plain500),
				success('success answer', { transform: (reply) => echoIntoJson(reply, secret, text, 'apiKey') }),
			];
		case 'konto':
			return [
				error('envelope status false (HTTP 200)', { status: 200, body: { status: false, message: text, result: null } }),
				error('plain text (HTTP 500)', plain500),
				success('success answer (tenant secrets in records)', { transform: (reply) => echoIntoJson(reply, secret, text, 'api_key', KONTO_TENANT) }),
			];
		case 'contraccounts':
			return [
				error('ERROR text (HTTP 400)', { status: 400, headers: PLAIN, body: `ERROR: ${text}\n` }),
				error('plain text (HTTP 500)', plain500),
				success('success answer (raw body)', { transform: (reply) => ({ ...reply, body: `${String(reply.body).trim()} ${text}\n` }) }),
			];
		case 'autoinvoice':
			return [
				error('ERROR return (HTTP 200)', {
					transform: (reply) => ({ ...reply, body: String(reply.body).replace(/(<return[^>]*>)[^<]*(<\/return>)/, (_m, a, c) => `${a}${xmlText(`ERROR: ${text}`)}${c}`) }),
				}),
				error('SOAP fault (HTTP 500)', {
					status: 500,
					headers: { 'Content-Type': 'text/xml; charset=utf-8' },
					body: `<?xml version="1.0" encoding="utf-8" ?><env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Body><env:Fault><faultcode>env:Server</faultcode><faultstring>${xmlText(text)}</faultstring></env:Fault></env:Body></env:Envelope>`,
				}),
				success('success answer', { transform: (reply) => ({ ...reply, body: String(reply.body).replace(/(<return[^>]*>)([^<]*)(<\/return>)/, (_m, a, b, c) => `${a}${b} ${xmlText(text)}${c}`) }) }),
			];
	}
}

export interface SecretRun {
	opCase: OpCase;
	label: string;
	spec: FaultSpec;
	continueOnFail: boolean;
	mode: 'manual' | 'trigger';
	/** A success echo: the run must succeed (when the clean run does). */
	success: boolean;
	/** Parameters instead of the case's (Simplify off). */
	params?: Params;
	/** The redirect target path of this run, when it redirects. */
	token?: string;
}

/** Every secret run of a case; `redirectOrigin` is the second origin a redirect points to. */
export function secretRuns(opCase: OpCase, redirectOrigin: string): SecretRun[] {
	const out: SecretRun[] = [];
	const secrets = secretsOf(opCase.provider);
	const trigger = opCase.node === 'contaTrigger';
	const modes: Array<'manual' | 'trigger'> = trigger ? ['trigger', 'manual'] : ['trigger'];
	const onOff = trigger ? [false] : [false, true];
	const simplifyOff = 'simplify' in opCase.params ? { ...opCase.params, simplify: false } : undefined;
	echoForms(secrets[0]).forEach(([form], index) => {
		const secret = secrets[index % secrets.length];
		const text = echoForms(secret)[index][1];
		for (const shape of echoShapes(opCase.provider, secret, text)) {
			const paramSets: Array<[string, Params | undefined]> = shape.success && simplifyOff ? [['', undefined], [', Simplify off', simplifyOff]] : [['', undefined]];
			for (const [simplifyLabel, params] of paramSets)
				for (const continueOnFail of onOff)
					for (const mode of modes)
						out.push({
							opCase,
							label: `${shape.name}, ${form}${simplifyLabel}${continueOnFail ? ', continueOnFail' : ''}${mode === 'manual' ? ', manual' : ''}`,
							spec: shape.spec,
							continueOnFail,
							mode,
							success: shape.success,
							params,
						});
		}
	});
	for (const continueOnFail of onOff) {
		const secret = secrets[0];
		const token = `secret-${caseName(opCase).replace(/\W+/g, '-')}-${continueOnFail ? 'cof' : 'plain'}`;
		out.push({
			opCase,
			label: `redirect whose Location holds the key${continueOnFail ? ', continueOnFail' : ''}`,
			spec: { status: 302, headers: { Location: `${redirectOrigin}/${token}/x?api_key=${encodeURIComponent(secret)}&key=${secret}` } },
			continueOnFail,
			mode: 'trigger',
			success: false,
			token,
		});
	}
	return out;
}

export type RunFn = (lane: Lane, opCase: OpCase, label: string, options?: RunOptions) => Promise<HarnessResult>;

/**
 * One secret run on a freshly reset simulator. A trigger polling for real is seeded first and its
 * data changed, so the echoed poll is a regular one that emits items.
 */
export async function executeSecretRun(lane: Lane, item: SecretRun, run: RunFn): Promise<HarnessResult> {
	const sim = lane.sims[item.opCase.provider];
	sim.reset();
	const staticData: IDataObject = {};
	if (item.opCase.node === 'contaTrigger' && item.mode === 'trigger') {
		const scenario = TRIGGER_SCENARIOS[item.opCase.operation];
		scenario.prepare?.(sim as ContaSimulator, false);
		await run(lane, item.opCase, `${item.label} (seeding poll)`, { staticData });
		scenario.change(sim as ContaSimulator, false);
	}
	sim.injectFault({ ...item.spec, times: 1000 });
	return run(lane, item.opCase, item.label, { continueOnFail: item.continueOnFail, mode: item.mode, staticData, params: item.params });
}
