// The model's types (Catalog, ErrorType, ErrorCode, ErrorResponse) live in the
// ErrataModel library, which an API's own code can depend on alone; everything that
// uses ErrataKit sees them too.
@_exported import ErrataModel
