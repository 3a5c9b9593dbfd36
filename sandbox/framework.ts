/**
 * A tiny, dependency-light HTTP simulator framework shared by the four provider simulators.
 *
 * Every simulator:
 * - records each request (method, path, query, headers, raw body, parsed form/JSON body),
 * - can be told to add latency or inject faults (status + headers + body, a hang, a malformed
 *   body, a dropped connection) for the next N matching requests,
 * - exposes a small control API under `/__sim/` so that other processes (npm start, benches,
 *   the real-n8n end-to-end tests) can inspect and steer it.
 *
 * Sandbox code is never published: it may use anything Node offers.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SimRequest {
	method: string;
	/** Path without the query string, URL-decoded per segment is NOT applied. */
	path: string;
	/** Query parameters; repeated keys become arrays. */
	query: Record<string, string | string[]>;
	headers: http.IncomingHttpHeaders;
	rawBody: string;
	/** Parsed body: JSON object for application/json, key/value object for forms, otherwise undefined. */
	body: unknown;
	/** Ordered form fields (for form-urlencoded bodies), to check field order. */
	formFields?: Array<[string, string]>;
	receivedAt: number;
	/** The request target exactly as received (path and query, nothing decoded or normalised). */
	rawUrl: string;
	/** Whether a route handler (or the not-found handler) ran for this request, i.e. it was processed. */
	handled: boolean;
}

export interface SimReply {
	status?: number;
	headers?: Record<string, string>;
	/** Objects are sent as JSON; strings and Buffers as they are. */
	body?: unknown;
}

export type SimHandler = (req: SimRequest) => SimReply | Promise<SimReply>;

export interface Route {
	method: string;
	/** Path pattern with `:name` parameters, e.g. `/invoice/organizations/:orgId/customers`. */
	pattern: string;
	handler: (req: SimRequest, params: Record<string, string>) => SimReply | Promise<SimReply>;
}

export interface FaultSpec {
	/** Only requests whose path contains this text (or matches the predicate) are affected. */
	pathIncludes?: string;
	match?: (req: SimRequest) => boolean;
	/** How many matching requests get the fault (default 1). */
	times?: number;
	/** Reply with this status/headers/body instead of the normal handler. */
	status?: number;
	headers?: Record<string, string>;
	body?: unknown;
	/** Never answer (the client must time out). The socket is closed when the simulator stops. */
	hang?: boolean;
	/** Destroy the socket without any answer (connection reset). */
	reset?: boolean;
	/** Reply 200 with a body that is not valid for the protocol. */
	malformed?: boolean;
	/** Extra delay before answering, in milliseconds. */
	delayMs?: number;
	/**
	 * Run the normal handler first (the request is processed: records are created), then answer
	 * with the fault instead (status/body, malformed, hang or reset): "failed after processing".
	 */
	afterHandler?: boolean;
	/** Run the normal handler, then answer with what this returns (in-process use only). */
	transform?: (reply: SimReply, req: SimRequest) => SimReply;
}

export interface SimulatorOptions {
	name: string;
	routes: Route[];
	/** Called for requests no route matches. */
	notFound?: SimHandler;
	/** Body used for `malformed` faults. */
	malformedBody?: string;
	/** Content type used for `malformed` faults. */
	malformedContentType?: string;
	/** Resets the simulator's data to its seed. */
	reset?: () => void;
	/** Extra control routes under /__sim/<name> (e.g. mutating data from another process). */
	control?: Record<string, (body: unknown) => unknown>;
}

interface CompiledRoute extends Route {
	regex: RegExp;
	keys: string[];
}

function compile(route: Route): CompiledRoute {
	const keys: string[] = [];
	const source = route.pattern
		.split('/')
		.map((segment) => {
			if (segment.startsWith(':')) {
				keys.push(segment.slice(1));
				return '([^/]+)';
			}
			return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		})
		.join('/');
	return { ...route, regex: new RegExp(`^${source}/?$`), keys };
}

function parseQuery(search: URLSearchParams): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const [key, value] of search) {
		const existing = out[key];
		if (existing === undefined) out[key] = value;
		else if (Array.isArray(existing)) existing.push(value);
		else out[key] = [existing, value];
	}
	return out;
}

export class Simulator {
	readonly name: string;
	readonly requests: SimRequest[] = [];
	latencyMs = 0;
	private faults: Array<FaultSpec & { remaining: number }> = [];
	private routes: CompiledRoute[];
	private server?: http.Server;
	private sockets = new Set<import('node:net').Socket>();
	private hanging = new Set<http.ServerResponse>();
	url = '';

	constructor(private readonly options: SimulatorOptions) {
		this.name = options.name;
		this.routes = options.routes.map(compile);
	}

	/** Add routes after construction (subclasses build routes that use their own state). */
	addRoutes(routes: Route[]): void {
		this.routes.push(...routes.map(compile));
	}

	/** Whether some route serves this path (with any method). */
	hasPath(path: string): boolean {
		return this.routes.some((route) => route.regex.test(path));
	}

	/** Add latency to every request. */
	setLatency(ms: number): void {
		this.latencyMs = ms;
	}

	/** Inject a fault for the next `times` matching requests. */
	injectFault(fault: FaultSpec): void {
		this.faults.push({ ...fault, remaining: fault.times ?? 1 });
	}

	clearFaults(): void {
		this.faults = [];
	}

	clearRequests(): void {
		this.requests.length = 0;
	}

	/** Drop requests, faults and latency, and restore the seed data. */
	reset(): void {
		this.clearRequests();
		this.clearFaults();
		this.latencyMs = 0;
		this.options.reset?.();
	}

	/** The recorded requests, excluding the control API. */
	lastRequest(): SimRequest | undefined {
		return this.requests[this.requests.length - 1];
	}

	async start(port = 0, host = '127.0.0.1'): Promise<string> {
		this.server = http.createServer((req, res) => {
			void this.handle(req, res);
		});
		this.server.keepAliveTimeout = 5000;
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve, reject) => {
			this.server!.once('error', reject);
			this.server!.listen(port, host, () => resolve());
		});
		const address = this.server.address() as AddressInfo;
		this.url = `http://${host}:${address.port}`;
		return this.url;
	}

	async stop(): Promise<void> {
		for (const res of this.hanging) res.destroy();
		this.hanging.clear();
		for (const socket of this.sockets) socket.destroy();
		if (!this.server) return;
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
		this.server = undefined;
	}

	private takeFault(req: SimRequest): FaultSpec | undefined {
		const index = this.faults.findIndex(
			(fault) =>
				fault.remaining > 0 &&
				(fault.pathIncludes === undefined ||
					req.path.includes(fault.pathIncludes) ||
					req.rawBody.includes(fault.pathIncludes)) &&
				(fault.match === undefined || fault.match(req)),
		);
		if (index === -1) return undefined;
		const fault = this.faults[index];
		fault.remaining -= 1;
		if (fault.remaining <= 0) this.faults.splice(index, 1);
		return fault;
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks).toString('utf8');
		const url = new URL(req.url ?? '/', 'http://sim.local');
		const contentType = String(req.headers['content-type'] ?? '');
		let body: unknown;
		let formFields: Array<[string, string]> | undefined;
		if (contentType.includes('application/json') && rawBody) {
			try {
				body = JSON.parse(rawBody);
			} catch {
				body = undefined;
			}
		} else if (contentType.includes('application/x-www-form-urlencoded')) {
			formFields = [...new URLSearchParams(rawBody)];
			body = Object.fromEntries(formFields);
		}
		const simReq: SimRequest = {
			method: req.method ?? 'GET',
			path: url.pathname,
			query: parseQuery(url.searchParams),
			headers: req.headers,
			rawBody,
			body,
			formFields,
			receivedAt: Date.now(),
			rawUrl: req.url ?? '/',
			handled: false,
		};

		if (simReq.path.startsWith('/__sim/')) {
			this.control(simReq, res);
			return;
		}
		this.requests.push(simReq);

		const fault = this.takeFault(simReq);
		const delay = this.latencyMs + (fault?.delayMs ?? 0);
		if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));

		let handledReply: SimReply | undefined;
		if (fault?.afterHandler || fault?.transform) handledReply = await this.dispatch(simReq);
		if (fault?.transform) {
			this.send(res, fault.transform(handledReply!, simReq));
			return;
		}

		if (fault?.hang) {
			this.hanging.add(res);
			res.on('close', () => this.hanging.delete(res));
			return;
		}
		if (fault?.reset) {
			req.socket.destroy();
			return;
		}
		let reply: SimReply;
		if (fault?.malformed) {
			reply = {
				status: 200,
				headers: { 'Content-Type': this.options.malformedContentType ?? 'application/json' },
				body: this.options.malformedBody ?? '{"status": tru',
			};
		} else if (fault && (fault.status !== undefined || fault.body !== undefined)) {
			reply = { status: fault.status ?? 200, headers: fault.headers, body: fault.body };
		} else {
			reply = handledReply ?? (await this.dispatch(simReq));
		}
		this.send(res, reply);
	}

	private async dispatch(req: SimRequest): Promise<SimReply> {
		req.handled = true;
		for (const route of this.routes) {
			if (route.method !== req.method) continue;
			const match = route.regex.exec(req.path);
			if (!match) continue;
			const params: Record<string, string> = {};
			route.keys.forEach((key, i) => (params[key] = decodeURIComponent(match[i + 1])));
			try {
				return await route.handler(req, params);
			} catch (error) {
				return { status: 500, body: { error: `simulator error: ${(error as Error).message}` } };
			}
		}
		if (this.options.notFound) return this.options.notFound(req);
		return { status: 404, body: { error: 'not found' } };
	}

	private send(res: http.ServerResponse, reply: SimReply): void {
		const status = reply.status ?? 200;
		const headers: Record<string, string> = { ...(reply.headers ?? {}) };
		let payload: string | Buffer = '';
		if (Buffer.isBuffer(reply.body)) payload = reply.body;
		else if (typeof reply.body === 'string') payload = reply.body;
		else if (reply.body !== undefined) {
			payload = JSON.stringify(reply.body);
			if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
				headers['Content-Type'] = 'application/json; charset=utf-8';
			}
		}
		headers['Content-Length'] = String(Buffer.byteLength(payload));
		res.writeHead(status, headers);
		res.end(payload);
	}

	private control(req: SimRequest, res: http.ServerResponse): void {
		const action = req.path.slice('/__sim/'.length);
		let body: unknown = {};
		try {
			body = req.rawBody ? JSON.parse(req.rawBody) : {};
		} catch {
			body = {};
		}
		let result: unknown = { ok: true };
		switch (action) {
			case 'requests':
				result = this.requests;
				break;
			case 'reset':
				this.reset();
				break;
			case 'clear-requests':
				this.clearRequests();
				break;
			case 'fault':
				this.injectFault(body as FaultSpec);
				break;
			case 'latency':
				this.setLatency(Number((body as { ms?: number }).ms ?? 0));
				break;
			default: {
				const fn = this.options.control?.[action];
				if (!fn) {
					this.send(res, { status: 404, body: { error: `unknown control action ${action}` } });
					return;
				}
				result = fn(body);
			}
		}
		this.send(res, { status: 200, body: result ?? { ok: true } });
	}
}
