export { createTrainer, type Trainer } from './trainer.js';
export { createModelRegistry, type ModelRegistry } from './registry.js';
