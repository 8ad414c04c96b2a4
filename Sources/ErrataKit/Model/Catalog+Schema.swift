extension Catalog {
    /// The model file's form as a JSON Schema (draft 2020-12), which `errata model
    /// --schema` prints, so that editors can check `model.json` as it is written. It
    /// says what ``CatalogReader`` accepts, except what a schema cannot: a type, slug
    /// or code declared twice, and a code of an undeclared type.
    public static let jsonSchema = #"""
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "$id": "https://errata.dev/schema/model.json",
      "title": "Errata error model",
      "description": "The error types and codes an API returns, which Errata checks its docs against.",
      "type": "object",
      "additionalProperties": false,
      "required": ["types", "codes"],
      "properties": {
        "types": {
          "description": "The error types, in the order the docs present them.",
          "type": "array",
          "items": {
            "type": "object",
            "additionalProperties": false,
            "required": ["id", "title", "slug", "description"],
            "properties": {
              "id": {"description": "The value of error_type, such as ITEM_ERROR.", "type": "string", "minLength": 1},
              "title": {"description": "The heading the docs give the type.", "type": "string", "minLength": 1},
              "slug": {"description": "The last part of the type page's address.", "type": "string", "minLength": 1},
              "description": {"description": "One line saying when errors of this type occur.", "type": "string"}
            }
          }
        },
        "codes": {
          "description": "The error codes.",
          "type": "array",
          "items": {
            "type": "object",
            "additionalProperties": false,
            "required": ["code", "type"],
            "properties": {
              "code": {
                "description": "The value of error_code: capital letters, digits and underscores, starting with a letter.",
                "type": "string",
                "pattern": "^[A-Z][A-Z0-9_]*$"
              },
              "type": {"description": "The id of the code's error type.", "type": "string", "minLength": 1},
              "http_status": {
                "description": "The HTTP status the API answers with; null or absent when unknown.",
                "type": ["integer", "null"],
                "minimum": 100,
                "maximum": 599
              },
              "error_message": {
                "description": "The error_message the API returns; null when it returns null, absent when unknown.",
                "type": ["string", "null"]
              },
              "display_message": {
                "description": "The display_message the API returns; null when it returns null, absent when unknown.",
                "type": ["string", "null"]
              }
            }
          }
        }
      }
    }
    """#
}
