/**
 * AutoInvoice (Visma AutoInvoice / Maventa) simulator: the SOAP 1.1 RPC/encoded API v1.1 as the
 * Rails ActionWebService + soap4r server behind it is expected to behave (api/autoinvoice.md
 * sections 1 and 5):
 * - `POST /apis/v1.1/api`; `GET` answers 500 `GET not supported`.
 * - A non-empty `SOAPAction` header is required (quotes stripped); without one, or with a body
 *   that is not a SOAP envelope, the answer is HTTP 500 plain text
 *   `Internal protocol error: Malformed SOAP or XML-RPC protocol message`.
 * - The method is the local name of the first Body child (its namespace is ignored, as is the
 *   SOAPAction value). Unknown methods and server exceptions become a SOAP Fault with HTTP 500.
 * - Answers are soap4r-shaped: empty Header, `<n1:{method}Response>` holding one
 *   `<return xsi:type="…">`. Business errors are `ERROR: …` strings with HTTP 200.
 * - Every method but `hello_world` checks the `api_keys` struct: `ERROR: USER NOT FOUND`,
 *   `ERROR: USER NOT ACTIVATED`, `ERROR: VENDOR API KEY DISABLED`,
 *   `ERROR: USER BELONGS TO MULTIPLE COMPANIES, NO COMPANY ID GIVEN`, `ERROR: COMPANY NOT FOUND`,
 *   `ERROR: USER HAS NO RIGHTS TO COMPANY`, `ERROR: COMPANY ACCOUNT IS LOCKED`.
 *
 * Methods: `hello_world`, `consumer_agreement_status`. Add more with `defineMethod` (the state
 * and the value helpers are exported for that). Requests are read with the simulator's own XML
 * reader (`./xml`), never with the node's.
 */
import { Simulator, type SimReply, type SimRequest } from '../framework';
import { SANDBOX_KEYS } from '../credentials';
import { escapeXml, findChild, getAttribute, parseXml, type SimXmlElement } from './xml';

export const SOAP_PATH = '/apis/v1.1/api';

const ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
const ENC_NS = 'http://schemas.xmlsoap.org/soap/encoding/';
const XSD_NS = 'http://www.w3.org/2001/XMLSchema';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
const XML_HEADERS = { 'Content-Type': 'text/xml; charset=utf-8' };
const PROTOCOL_ERROR = 'Internal protocol error: Malformed SOAP or XML-RPC protocol message';

// ---------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------

export type ConsumerAgreementState = 'REQUEST_SENT' | 'NEW' | 'ACCEPTED' | 'ACTIVE' | 'DELETED' | 'REJECTED' | 'ERROR';

export interface SimCompany {
	uuid: string;
	name: string;
	locked?: boolean;
}

export interface SimUser {
	apiKey: string;
	companyUuids: string[];
	activated: boolean;
}

export interface SimConsumerAgreement {
	companyUuid: string;
	reference_nr: string;
	customer_nr: string;
	name: string;
	phone: string;
	email: string;
	/** Usually a ConsumerAgreementState; tests may set anything to check pass-through. */
	state: string;
	/** Last change, YYYYMMDDHHMMSS (UTC). */
	updated: string;
}

export interface AutoInvoiceState {
	companies: SimCompany[];
	users: SimUser[];
	/** Vendor API keys that are enabled. An empty vendor key is accepted (non-partner account). */
	vendorApiKeys: string[];
	consumerAgreements: SimConsumerAgreement[];
}

/** A second company, which the sandbox user cannot see, and extra users for key-error tests. */
export const OTHER_COMPANY_UUID = '0c8d6a4e-2f1b-4a7c-8e5d-9b3a1c2d4e5f';
export const EXTRA_USER_KEYS = {
	/** Belongs to the sandbox company and the other company: needs a company UUID. */
	multiCompany: 'c4d5e6f7-0a1b-4c2d-8e3f-405162738495',
	/** Exists but is not activated. */
	inactive: 'd0e1f2a3-b4c5-4d6e-8f70-8192a3b4c5d6',
} as const;

/** One seeded consumer agreement per state (sandbox company), by state. */
export const SEED_REFERENCES: Record<ConsumerAgreementState, string> = {
	ACTIVE: '100201',
	REQUEST_SENT: '100202',
	NEW: '100203',
	ACCEPTED: '100204',
	DELETED: '100205',
	REJECTED: '100206',
	ERROR: '100207',
};

/** A reference that exists only in the other company. */
export const OTHER_COMPANY_REFERENCE = '200301';

export function seedAutoInvoice(): AutoInvoiceState {
	const company: string = SANDBOX_KEYS.autoinvoice.companyUuid;
	const agreement = (
		reference_nr: string,
		state: ConsumerAgreementState,
		name: string,
		customer_nr: string,
		companyUuid = company,
	): SimConsumerAgreement => ({
		companyUuid,
		reference_nr,
		customer_nr,
		name,
		phone: `+47 9${customer_nr.slice(-7).padStart(7, '0')}`,
		email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.no`,
		state,
		updated: '20260101120000',
	});
	return {
		companies: [
			{ uuid: company, name: 'Fjordkraft Demo AS' },
			{ uuid: OTHER_COMPANY_UUID, name: 'Nordlys Handel AS' },
		],
		users: [
			{ apiKey: SANDBOX_KEYS.autoinvoice.userApiKey, companyUuids: [company], activated: true },
			{ apiKey: EXTRA_USER_KEYS.multiCompany, companyUuids: [company, OTHER_COMPANY_UUID], activated: true },
			{ apiKey: EXTRA_USER_KEYS.inactive, companyUuids: [company], activated: false },
		],
		vendorApiKeys: [SANDBOX_KEYS.autoinvoice.vendorApiKey],
		consumerAgreements: [
			agreement(SEED_REFERENCES.ACTIVE, 'ACTIVE', 'Kari Nordmann', '10001'),
			agreement(SEED_REFERENCES.REQUEST_SENT, 'REQUEST_SENT', 'Ola Nordmann', '10002'),
			agreement(SEED_REFERENCES.NEW, 'NEW', 'Åse Ærlig', '10003'),
			agreement(SEED_REFERENCES.ACCEPTED, 'ACCEPTED', 'Bjørn Berg', '10004'),
			agreement(SEED_REFERENCES.DELETED, 'DELETED', 'Per Hansen', '10005'),
			agreement(SEED_REFERENCES.REJECTED, 'REJECTED', 'Lise Olsen', '10006'),
			agreement(SEED_REFERENCES.ERROR, 'ERROR', 'Nils Johansen', '10007'),
			agreement(OTHER_COMPANY_REFERENCE, 'ACTIVE', 'Anne Lund', '20001', OTHER_COMPANY_UUID),
		],
	};
}

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

/** A request parameter as read from the envelope. */
export type SimParam = string | null | SimParam[] | { [member: string]: SimParam };

/** A value to put in a response: strings, ints, booleans, nil, structs and arrays. */
export type SimValue =
	| string
	| number
	| boolean
	| null
	| { $type: string; fields: Array<[string, SimValue]> }
	| { $arrayOf: string; items: SimValue[] };

export const struct = (type: string, fields: Array<[string, SimValue]>): SimValue => ({ $type: type, fields });
export const array = (itemType: string, items: SimValue[]): SimValue => ({ $arrayOf: itemType, items });

function qualify(type: string): string {
	return type.includes(':') ? type : `n1:${type}`;
}

function writeValue(name: string, value: SimValue, out: string[]): void {
	if (value === null) {
		out.push(`<${name} xsi:nil="true"/>`);
	} else if (typeof value === 'string') {
		out.push(`<${name} xsi:type="xsd:string">${escapeXml(value)}</${name}>`);
	} else if (typeof value === 'number') {
		out.push(`<${name} xsi:type="${Number.isInteger(value) ? 'xsd:int' : 'xsd:double'}">${value}</${name}>`);
	} else if (typeof value === 'boolean') {
		out.push(`<${name} xsi:type="xsd:boolean">${value}</${name}>`);
	} else if ('$arrayOf' in value) {
		out.push(
			`<${name} xmlns:n2="${ENC_NS}" xsi:type="n2:Array" n2:arrayType="${qualify(value.$arrayOf)}[${value.items.length}]">`,
		);
		for (const item of value.items) writeValue('item', item, out);
		out.push(`</${name}>`);
	} else {
		out.push(`<${name} xsi:type="${qualify(value.$type)}">`);
		for (const [member, inner] of value.fields) writeValue(member, inner, out);
		out.push(`</${name}>`);
	}
}

/** A soap4r-style response envelope for `method` returning `value`. */
export function responseEnvelope(method: string, namespace: string, value: SimValue): string {
	const out: string[] = [
		'<?xml version="1.0" encoding="utf-8" ?>\n',
		`<env:Envelope xmlns:xsd="${XSD_NS}"\n    xmlns:env="${ENV_NS}"\n    xmlns:xsi="${XSI_NS}">\n`,
		'  <env:Header/>\n  <env:Body>\n',
		`    <n1:${method}Response xmlns:n1="${escapeXml(namespace)}"\n        env:encodingStyle="${ENC_NS}">\n      `,
	];
	writeValue('return', value, out);
	out.push(`\n    </n1:${method}Response>\n  </env:Body>\n</env:Envelope>\n`);
	return out.join('');
}

/** A SOAP 1.1 Fault envelope (sent with HTTP 500). */
export function faultEnvelope(faultstring: string, faultcode = 'env:Server'): string {
	return (
		'<?xml version="1.0" encoding="utf-8" ?>\n' +
		`<env:Envelope xmlns:xsd="${XSD_NS}"\n    xmlns:env="${ENV_NS}"\n    xmlns:xsi="${XSI_NS}">\n` +
		'  <env:Body>\n    <env:Fault>\n' +
		`      <faultcode>${escapeXml(faultcode)}</faultcode>\n` +
		`      <faultstring>${escapeXml(faultstring)}</faultstring>\n` +
		'    </env:Fault>\n  </env:Body>\n</env:Envelope>\n'
	);
}

function readParam(element: SimXmlElement): SimParam {
	const nil = getAttribute(element, 'nil');
	if (nil === 'true' || nil === '1') return null;
	if (element.children.length === 0) return element.text;
	if (element.children.every((child) => child.name === 'item')) return element.children.map(readParam);
	const out: { [member: string]: SimParam } = {};
	for (const child of element.children) {
		if (child.name === '__proto__') continue;
		out[child.name] = readParam(child);
	}
	return out;
}

// ---------------------------------------------------------------------------------------------
// Simulator
// ---------------------------------------------------------------------------------------------

export interface SoapCall {
	method: string;
	/** The SOAPAction header without quotes. */
	soapAction: string;
	/** Parameters by element name (api_keys included), in request order in `order`. */
	params: Record<string, SimParam>;
	order: string[];
	/** The namespace the simulator answers with (`https://<Host header>/`). */
	namespace: string;
	request: SimRequest;
}

export interface KeyCheck {
	/** `ERROR: …` when the keys or the account are refused. */
	error?: string;
	company?: SimCompany;
	user?: SimUser;
}

export type SoapMethodHandler = (call: SoapCall, sim: AutoInvoiceSimulator) => SimValue;

/** Thrown by handlers to produce a SOAP Fault (HTTP 500), like a Ruby exception would. */
export class SimFault extends Error {}

export class AutoInvoiceSimulator extends Simulator {
	state: AutoInvoiceState = seedAutoInvoice();
	/** Every SOAP call that reached a method (after the protocol checks). */
	readonly calls: SoapCall[] = [];
	private readonly methods = new Map<string, SoapMethodHandler>();

	constructor() {
		super({
			name: 'autoinvoice',
			routes: [],
			reset: () => {
				this.state = seedAutoInvoice();
				this.calls.length = 0;
				this.methods.clear();
				this.defineBuiltins();
			},
			// A SOAP answer cut off in the middle.
			malformedBody:
				'<?xml version="1.0" encoding="utf-8" ?>\n<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Body><n1:consumer_agreement_statusResponse xmlns:n1="https://testing.maventa.com/"><return xsi:type="xsd:string">OK: ACT',
			malformedContentType: 'text/xml; charset=utf-8',
			notFound: (req) => this.notFound(req),
			control: {
				state: () => this.state,
				'add-consumer-agreement': (body) => {
					const agreement = {
						companyUuid: SANDBOX_KEYS.autoinvoice.companyUuid,
						customer_nr: '',
						name: '',
						phone: '',
						email: '',
						state: 'NEW',
						updated: '20260101120000',
						...(body as Partial<SimConsumerAgreement>),
					} as SimConsumerAgreement;
					this.state.consumerAgreements.push(agreement);
					return agreement;
				},
				'set-consumer-state': (body) => {
					const { reference_nr, state } = body as { reference_nr: string; state: string };
					const found = this.state.consumerAgreements.find((a) => a.reference_nr === reference_nr);
					if (found) found.state = state;
					return found ?? { error: 'not found' };
				},
			},
		});
		this.addRoutes([
			{ method: 'POST', pattern: SOAP_PATH, handler: (req) => this.handleSoap(req) },
			{ method: 'GET', pattern: SOAP_PATH, handler: () => ({ status: 500, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: 'GET not supported' }) },
		]);
		this.defineBuiltins();
	}

	/** The methods the simulator implements itself (restored by `reset()`). */
	private defineBuiltins(): void {
		this.defineMethod('hello_world', () => 'Hello from Maventa API v1.1');
		this.defineMethod('consumer_agreement_status', (call) => this.consumerAgreementStatus(call));
	}

	/**
	 * Adds (or replaces) a SOAP method; `reset()` drops added methods and restores the built-in
	 * ones. The handler returns the `return` value or throws SimFault. */
	defineMethod(name: string, handler: SoapMethodHandler): void {
		this.methods.set(name, handler);
	}

	/** Checks the `api_keys` struct the way AutoInvoice does (user, vendor, then company). */
	checkKeys(call: SoapCall): KeyCheck {
		const keys = call.params.api_keys;
		if (keys === undefined || keys === null || typeof keys !== 'object' || Array.isArray(keys)) {
			// Ruby would call a method on nil here.
			throw new SimFault("undefined method `user_api_key' for nil:NilClass");
		}
		const text = (value: SimParam | undefined) => (typeof value === 'string' ? value.trim() : '');
		const userKey = text(keys.user_api_key);
		const vendorKey = text(keys.vendor_api_key);
		const companyUuid = text(keys.company_uuid);
		const user = this.state.users.find((u) => u.apiKey === userKey && userKey !== '');
		if (!user) return { error: 'ERROR: USER NOT FOUND' };
		if (!user.activated) return { error: 'ERROR: USER NOT ACTIVATED' };
		if (vendorKey !== '' && !this.state.vendorApiKeys.includes(vendorKey)) return { error: 'ERROR: VENDOR API KEY DISABLED' };
		let company: SimCompany | undefined;
		if (companyUuid === '') {
			if (user.companyUuids.length > 1) return { error: 'ERROR: USER BELONGS TO MULTIPLE COMPANIES, NO COMPANY ID GIVEN' };
			company = this.state.companies.find((c) => c.uuid === user.companyUuids[0]);
			if (!company) return { error: 'ERROR: COMPANY NOT FOUND' };
		} else {
			company = this.state.companies.find((c) => c.uuid === companyUuid);
			if (!company) return { error: 'ERROR: COMPANY NOT FOUND' };
			if (!user.companyUuids.includes(company.uuid)) return { error: 'ERROR: USER HAS NO RIGHTS TO COMPANY' };
		}
		if (company.locked) return { error: 'ERROR: COMPANY ACCOUNT IS LOCKED' };
		return { company, user };
	}

	private consumerAgreementStatus(call: SoapCall): SimValue {
		const keys = this.checkKeys(call);
		if (keys.error) return keys.error;
		const reference = call.params.reference_nr;
		const referenceNr = typeof reference === 'string' ? reference : '';
		const agreement = this.state.consumerAgreements.find(
			(a) => a.companyUuid === keys.company!.uuid && a.reference_nr === referenceNr,
		);
		return agreement ? `OK: ${agreement.state}` : 'ERROR: CONSUMER NOT FOUND';
	}

	private handleSoap(req: SimRequest): SimReply {
		const soapAction = String(req.headers['soapaction'] ?? '')
			.replace(/^"/, '')
			.replace(/"$/, '')
			.trim();
		if (soapAction === '') return this.protocolError();
		let root: SimXmlElement;
		try {
			root = parseXml(req.rawBody);
		} catch {
			return this.protocolError();
		}
		const body = root.name === 'Envelope' ? findChild(root, 'Body') : undefined;
		const element = body?.children[0];
		if (!element) return this.protocolError();

		const method = element.name;
		const params: Record<string, SimParam> = {};
		const order: string[] = [];
		for (const child of element.children) {
			if (child.name === '__proto__') continue;
			params[child.name] = readParam(child);
			order.push(child.name);
		}
		const host = String(req.headers.host ?? 'localhost');
		const call: SoapCall = { method, soapAction, params, order, namespace: `https://${host}/`, request: req };
		const handler = this.methods.get(method);
		if (!handler) return this.fault(`no such web service method '${method}'`);
		this.calls.push(call);
		try {
			return { status: 200, headers: XML_HEADERS, body: responseEnvelope(method, call.namespace, handler(call, this)) };
		} catch (error) {
			return this.fault(error instanceof SimFault ? error.message : `Internal server error: ${(error as Error).message}`);
		}
	}

	private protocolError(): SimReply {
		return { status: 500, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: PROTOCOL_ERROR };
	}

	private fault(message: string): SimReply {
		return { status: 500, headers: XML_HEADERS, body: faultEnvelope(message) };
	}

	private notFound(req: SimRequest): SimReply {
		return {
			status: 404,
			headers: { 'Content-Type': 'text/html; charset=utf-8' },
			body: `<!DOCTYPE html><html><body><h1>Routing Error</h1><p>No route matches [${req.method}] "${escapeXml(req.path)}"</p></body></html>`,
		};
	}
}

export function createSimulator(): AutoInvoiceSimulator {
	return new AutoInvoiceSimulator();
}
