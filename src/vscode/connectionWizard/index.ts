export { askNewConnection } from './addConnection';
export { askConnectionChanges } from './editConnection';
export type { WizardDeps } from './wizardDeps';
