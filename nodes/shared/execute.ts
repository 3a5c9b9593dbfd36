/**
 * The per-item loop every action node uses: expressions resolve per item (operations read their
 * parameters with the item index), every output item carries `pairedItem`, and `continueOnFail()`
 * turns a failed item into an `{ error }` item instead of stopping the workflow.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

export type OperationResult = IDataObject | IDataObject[] | INodeExecutionData[];

export type OperationExecutor = (this: IExecuteFunctions, itemIndex: number) => Promise<OperationResult>;

export interface OperationModule {
	execute: OperationExecutor;
}

/** NodeApiError / NodeOperationError (checked by shape too, in case of two copies of n8n-workflow). */
function isNodeError(error: unknown): boolean {
	if (error instanceof NodeOperationError || error instanceof NodeApiError) return true;
	const name = (error as { constructor?: { name?: string } })?.constructor?.name;
	return name === 'NodeApiError' || name === 'NodeOperationError';
}

function isExecutionData(value: unknown): value is INodeExecutionData {
	return !!value && typeof value === 'object' && 'json' in (value as object);
}

function toItems(result: OperationResult, itemIndex: number): INodeExecutionData[] {
	const list = Array.isArray(result) ? result : [result];
	return list.map((entry) =>
		isExecutionData(entry)
			? { ...entry, pairedItem: entry.pairedItem ?? { item: itemIndex } }
			: { json: entry as IDataObject, pairedItem: { item: itemIndex } },
	);
}

/**
 * Route each input item to `operations[resource][operation]` and collect the results.
 */
export async function routeItems(
	this: IExecuteFunctions,
	operations: Record<string, Record<string, OperationModule>>,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const resource = this.getNodeParameter('resource', i) as string;
			const operation = this.getNodeParameter('operation', i) as string;
			const module = operations[resource]?.[operation];
			if (!module) {
				throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`, {
					itemIndex: i,
				});
			}
			const result = await module.execute.call(this, i);
			out.push(...toItems(result, i));
		} catch (error) {
			if (this.continueOnFail()) {
				const json: IDataObject = { error: (error as Error).message };
				const description = (error as { description?: unknown }).description;
				if (typeof description === 'string' && description) json.description = description;
				const httpCode = (error as { httpCode?: unknown }).httpCode;
				if (typeof httpCode === 'string' && httpCode) json.httpCode = httpCode;
				out.push({ json, pairedItem: { item: i } });
				continue;
			}
			if (isNodeError(error)) {
				// Already a NodeApiError/NodeOperationError carrying its item index and a clean message.
				const nodeError = error as NodeOperationError;
				throw nodeError;
			}
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
		}
	}
	return [out];
}
