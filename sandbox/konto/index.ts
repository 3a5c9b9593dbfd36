// PLACEHOLDER: replaced by the provider's simulator
import { Simulator } from '../framework';

export function createSimulator(): Simulator {
	return new Simulator({ name: 'konto', routes: [] });
}
