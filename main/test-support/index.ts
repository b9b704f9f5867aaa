/**
 * Generators for tiny test models and fixtures. Tests only: nothing in the app imports this folder.
 */
export { buildTinyGguf, writeTinyGguf, TINY_CHAT_TEMPLATE, type TinyGgufOptions } from './gguf';
export { buildTinyBertOnnx, type TinyBertModel, type TinyBertOptions, type TinyBertTask } from './onnx-bert';
export { createTinyModelsDir, type TinyModelsDir, type TinyModelsOptions } from './models-dir';
export { buildTar, membersOf, padding, tarHeader, writeGzipBomb, type MemberSpec } from './hostile-bundles';
