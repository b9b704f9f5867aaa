/**
 * Generators for tiny test models and fixtures, and the test doubles. Tests only: nothing in the app imports
 * this folder (lint refuses it).
 */
// From the file, not eval's index: every test that wants a temp folder imports this face, and eval's index
// loads the whole pipeline.
export { ScriptedLlm, type ScriptedLlmOptions } from '../core/eval/scripted-llm';
export { buildTinyGguf, writeTinyGguf, TINY_CHAT_TEMPLATE, type TinyGgufOptions } from './gguf';
export { buildTinyBertOnnx, type TinyBertModel, type TinyBertOptions, type TinyBertTask } from './onnx-bert';
export { createTinyModelsDir, type TinyModelsDir, type TinyModelsOptions } from './models-dir';
export { buildTar, membersOf, padding, tarHeader, writeGzipBomb, type MemberSpec } from './hostile-bundles';
export { hashFile, hashTree, listFiles, tempDir, tempStore, userErrorCode } from './fs';
export { answeringLlm } from './answering-llm';
export { until } from './until';
