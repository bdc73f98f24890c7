// The operations of a bundle, as the one spec model reads them (scripts/codegen/spec-model.mjs).
// The model is read once per document object: every suite, scenario and check shares it.
import { readSpecModel } from "../../../../scripts/codegen/spec-model.mjs";
import type { OpenApiDocument, OperationModel, SpecModel } from "./types.js";

export type { BucketRule, OperationModel, ParameterModel, RateLimitRule, ResponseModel } from "./types.js";

const models = new WeakMap<object, SpecModel>();

export function specModel(doc: OpenApiDocument): SpecModel {
  let model = models.get(doc);
  if (!model) models.set(doc, (model = readSpecModel(doc)));
  return model;
}

export function listOperations(doc: OpenApiDocument): OperationModel[] {
  return specModel(doc).operations;
}

export function operationById(doc: OpenApiDocument, operationId: string): OperationModel {
  return specModel(doc).operation(operationId);
}
