/**
 * Runs the Conta Trigger's `poll()` against the simulator the way n8n does: an IPollFunctions
 * context whose `getNodeParameter(name, fallback, options)` has no item index (the harness's
 * execute-style context is reused for everything else: credentials, HTTP, static data, mode).
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import get from 'lodash/get';
import { ContaTrigger } from '../../nodes/Conta/ContaTrigger.node';
import { createContext, type Params } from './harness';
import type { ContaTestKit } from './conta';
import { contaCredentialType } from './conta';

export const contaTrigger = new ContaTrigger();

export interface PollResult {
	output: INodeExecutionData[][] | null;
	error?: any;
	/** The JSON of the emitted items ([] when the poll returned null). */
	items: IDataObject[];
	staticData: IDataObject;
}

/** One poll with `params`, sharing `staticData` across calls the way n8n keeps it per node. */
export async function pollTrigger(
	kit: ContaTestKit,
	params: Params,
	options: { staticData?: IDataObject; mode?: 'manual' | 'trigger'; credentials?: Record<string, unknown> } = {},
): Promise<PollResult> {
	const { context, staticData } = createContext({
		node: contaTrigger,
		credentialType: contaCredentialType,
		credentials: (options.credentials ?? kit.credentials()) as IDataObject,
		params,
		mode: options.mode ?? 'trigger',
		staticData: options.staticData,
	});
	context.getNodeParameter = (name: string, fallback?: unknown, opts?: { extractValue?: boolean }) => {
		let value = get(params, name);
		if (value === undefined) {
			if (fallback !== undefined) return fallback;
			throw new Error(`Could not get parameter "${name}"`);
		}
		if (opts?.extractValue && value && typeof value === 'object' && '__rl' in (value as object)) {
			value = (value as { value: unknown }).value;
		}
		return value;
	};
	try {
		const output = (await contaTrigger.poll.call(context)) as INodeExecutionData[][] | null;
		return { output, items: (output?.[0] ?? []).map((item) => item.json), staticData };
	} catch (error) {
		return { output: null, error, items: [], staticData };
	}
}
