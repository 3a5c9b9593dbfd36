import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { routeItems, type OperationModule } from '../../shared/execute';
import * as customer from './customer/Customer.resource';

/** resource → operation → module. A new operation is one file plus one line in its resource file. */
export const operations: Record<string, Record<string, OperationModule>> = {
	customer: customer.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return routeItems.call(this, operations);
}
