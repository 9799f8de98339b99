/** How `recoupe review` picks pairs, apart from the selection code so that the command line can list them cheaply. */
export type Strategy = 'nearest' | 'uncertain' | 'random';
export const STRATEGIES: readonly Strategy[] = ['nearest', 'uncertain', 'random'];
