/**
 * Runs the Conta Trigger's `poll()` against the simulator through the harness (whose context
 * takes a polling trigger's `getNodeParameter(name, fallback, options)`, with no item index).
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { ContaTrigger } from '../../nodes/Conta/ContaTrigger.node';
import { runNode, type Params } from './harness';
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
	const result = await runNode({
		node: contaTrigger,
		credentialType: contaCredentialType,
		credentials: (options.credentials ?? kit.credentials()) as IDataObject,
		params,
		mode: options.mode ?? 'trigger',
		staticData: options.staticData,
	});
	return { ...result, items: (result.output?.[0] ?? []).map((item) => item.json) };
}
