/** Public API of evals: scenario files (docs/formats/eval-scenario.md) run through the real pipeline. */
export {
  loadScenarios,
  parseScenarioFile,
  ScenarioSchema,
  type LoadedScenario,
  type Scenario,
} from './scenario';
export {
  checkExpect,
  findLeaks,
  runEval,
  type EvalReport,
  type EvalStats,
  type RunEvalOptions,
} from './runner';
export { ScriptedLlm, type ScriptedLlmOptions } from './scripted-llm';
