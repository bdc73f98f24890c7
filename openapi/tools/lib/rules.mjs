// The catalogue of breaking-change rules: id -> what it catches. The README documents the reasons,
// and the tests hold one case per id (a rule without a test fails the suite).
export const RULES = {
  "path-removed": "A path, and so every operation on it, no longer exists.",
  "operation-removed": "A method of a path that still exists was removed.",
  "operation-id-changed": "An operation was renamed; generated SDK methods and docs links are named after it.",
  "request-parameter-removed": "A parameter clients send is no longer accepted or honoured.",
  "request-parameter-required": "A parameter is new and required, or was optional and is now required.",
  "request-body-required": "A request body is new and required, or was optional and is now required.",
  "request-media-type-removed": "A request media type (or the whole request body) is no longer accepted.",
  "request-property-required": "A request body field is new and required, or was optional and is now required.",
  "request-property-removed": "A request body field clients send was removed.",
  "request-type-narrowed": "A request value accepts fewer JSON types (or alternatives) than before.",
  "request-constraint-narrowed":
    "A request value is constrained more: lower max*, higher min*, new pattern/format/multipleOf, new enum, uniqueItems, additionalProperties: false.",
  "request-enum-value-removed": "A value a request could carry is no longer accepted.",
  "response-status-removed": "An operation no longer documents a status it used to return.",
  "response-status-added":
    "An existing operation documents a new status; clients switch on the documented, exhaustive set.",
  "response-error-code-removed": "An error `code` is no longer documented for a status.",
  "response-error-code-added":
    "A new error `code` is documented for an existing status; codes per status are an exhaustive set.",
  "response-header-removed": "A response header is no longer sent.",
  "response-header-made-optional": "A response header that was always sent is now optional.",
  "response-media-type-removed": "A response media type is no longer produced.",
  "response-property-removed": "A response field was removed.",
  "response-property-made-optional": "A response field that was always present is now optional.",
  "response-type-widened":
    "A response value can have a JSON type (or alternative) it could not have before, e.g. null.",
  "response-enum-value-removed": "A value a response could carry was removed from its enum.",
};
