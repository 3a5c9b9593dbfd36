/**
 * Starts the four provider simulators together (used by `npm start`, the integration tests and
 * the real-n8n end-to-end tests). Each provider's simulator comes from `createSimulator()` in
 * `sandbox/<provider>/index.ts`.
 */
import type { Simulator } from './framework';
import { PROVIDERS, type Provider } from './credentials';
import { createSimulator as createConta } from './conta';
import { createSimulator as createKonto } from './konto';
import { createSimulator as createContraccounts } from './contraccounts';
import { createSimulator as createAutoinvoice } from './autoinvoice';

export interface Sandbox {
	sims: Record<Provider, Simulator>;
	urls: Record<Provider, string>;
	close(): Promise<void>;
}

const factories: Record<Provider, () => Simulator> = {
	conta: createConta,
	konto: createKonto,
	contraccounts: createContraccounts,
	autoinvoice: createAutoinvoice,
};

/**
 * Starts every simulator. Ports default to 0 (random free port); pass `SANDBOX_PORTS` for the
 * fixed ports `npm start` uses. If one simulator fails to start, the ones already started are
 * stopped again before the error is thrown.
 */
export async function startAll(opts?: {
	ports?: Partial<Record<Provider, number>>;
	host?: string;
}): Promise<Sandbox> {
	const host = opts?.host ?? '127.0.0.1';
	const sims = {} as Record<Provider, Simulator>;
	const urls = {} as Record<Provider, string>;
	const started: Simulator[] = [];
	try {
		for (const provider of PROVIDERS) {
			const sim = factories[provider]();
			urls[provider] = await sim.start(opts?.ports?.[provider] ?? 0, host);
			started.push(sim);
			sims[provider] = sim;
		}
	} catch (error) {
		await Promise.all(started.map((sim) => sim.stop()));
		throw error;
	}
	return {
		sims,
		urls,
		async close() {
			await Promise.all(started.map((sim) => sim.stop()));
		},
	};
}
