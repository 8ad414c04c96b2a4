import ErrataModel

/// Acme's error types and codes: declared once, used to answer requests and checked
/// against the docs.
public enum AcmeErrors {
    public static let invalidRequest = ErrorType(
        id: "INVALID_REQUEST", title: "Invalid request errors", slug: "invalid-request",
        description: "Occur when a request is missing something the API needs or has something it does not accept.")
    public static let rateLimit = ErrorType(
        id: "RATE_LIMIT_EXCEEDED", title: "Rate limit errors", slug: "rate-limit",
        description: "Occur when a client sends more requests than its plan allows.")

    public static let catalog = Catalog(
        types: [invalidRequest, rateLimit],
        codes: [
            ErrorCode(
                code: "MISSING_FIELDS", type: invalidRequest.id, httpStatus: 400,
                errorMessage: "the following required fields are missing: client_id", displayMessage: .null),
            ErrorCode(
                code: "UNKNOWN_FIELDS", type: invalidRequest.id, httpStatus: 400,
                errorMessage: "the request has fields the endpoint does not take", displayMessage: .null),
            ErrorCode(
                code: "INVALID_BODY", type: invalidRequest.id, httpStatus: 400,
                errorMessage: "the request body is not valid JSON", displayMessage: .null),
            ErrorCode(
                code: "TOO_MANY_REQUESTS", type: rateLimit.id, httpStatus: 429,
                errorMessage: "too many requests; try again later", displayMessage: "Please wait a moment and try again."),
            ErrorCode(
                code: "DAILY_LIMIT_REACHED", type: rateLimit.id, httpStatus: 429,
                errorMessage: "the daily request limit is reached", displayMessage: .null),
        ])
}
