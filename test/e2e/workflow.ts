/**
 * Builds small linear test workflows: Manual Trigger → node → node …
 */
export interface WorkflowNode {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	[extra: string]: unknown;
}

/** A node of this package, e.g. `pkgNode('conta', 'contaApi', 'List', {...}, 'conta-sandbox-cred')`. */
export function pkgNode(
	nodeType: string,
	credentialType: string,
	name: string,
	parameters: Record<string, unknown>,
	credentialId: string,
	extra: Record<string, unknown> = {},
): WorkflowNode {
	return {
		name,
		type: `n8n-nodes-bookkeeping.${nodeType}`,
		typeVersion: 1,
		parameters,
		credentials: { [credentialType]: { id: credentialId, name: credentialId } },
		...extra,
	};
}

/** A workflow that runs `nodes` one after another from a Manual Trigger named "Start". */
export function chain(id: string, name: string, nodes: WorkflowNode[]): Record<string, unknown> {
	const trigger: WorkflowNode = { name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} };
	const all = [trigger, ...nodes].map((node, index) => ({
		...node,
		id: `${id}-node-${index}`,
		position: [index * 260, 0],
	}));
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < all.length - 1; i++) {
		connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name, active: false, nodes: all, connections, settings: { executionOrder: 'v1' } };
}
