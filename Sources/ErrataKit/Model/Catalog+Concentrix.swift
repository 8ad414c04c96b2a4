public extension ErrorType {
    static let item = ErrorType(
        id: "ITEM_ERROR", title: "Item errors", slug: "item",
        description: "Occur when an Item may be invalid or not supported on Concentrix's platform.")
    static let institution = ErrorType(
        id: "INSTITUTION_ERROR", title: "Institution errors", slug: "institution",
        description: "Occur when there are errors for the requested financial institution.")
    static let invalidRequest = ErrorType(
        id: "INVALID_REQUEST", title: "Invalid request errors", slug: "invalid-request",
        description: "Occur when a request is not valid: it uses fields the API version does not support, or data such as an account number that is not correct.")
    static let invalidInput = ErrorType(
        id: "INVALID_INPUT", title: "Invalid input errors", slug: "invalid-input",
        description: "Occur when a request's input cannot be used: a token, key, identifier or setting that is not valid, access the client ID or the user has not granted, or incorrect micro-deposit codes.")
}

public extension Catalog {
    /// Concentrix's error model.
    static let concentrix = Catalog(
        types: [.item, .institution, .invalidRequest, .invalidInput],
        codes: [
            ErrorCode(
                code: "ACCESS_NOT_GRANTED", type: ErrorType.item.id, httpStatus: 400,
                errorMessage: "access to this product was not granted for the account",
                displayMessage: "The user did not grant the necessary permissions for this product on their account."),
            ErrorCode(
                code: "INSTANT_MATCH_FAILED", type: ErrorType.item.id, httpStatus: 400,
                errorMessage: "Item cannot be verified through Instant Match. Ensure you are correctly enabling all auth features in Link.",
                displayMessage: .null),
            ErrorCode(
                code: "INSUFFICIENT_CREDENTIALS", type: ErrorType.item.id, httpStatus: 400,
                errorMessage: "insufficient authorization was provided to complete the request",
                displayMessage: "INSUFFICIENT_CREDENTIALS"),
            ErrorCode(
                code: "INVALID_CREDENTIALS", type: ErrorType.item.id, httpStatus: 400,
                errorMessage: "the provided credentials were not correct",
                displayMessage: "The provided credentials were not correct. Please try again."),
            ErrorCode(
                code: "INSTITUTION_DOWN", type: ErrorType.institution.id, httpStatus: 400,
                errorMessage: "this institution is not currently responding to this request. please try again soon",
                displayMessage: "This financial institution is not currently responding to requests. We apologize for the inconvenience."),
            ErrorCode(
                code: "INSTITUTION_NO_LONGER_SUPPORTED", type: ErrorType.institution.id, httpStatus: 400,
                errorMessage: "this institution is no longer supported",
                displayMessage: "This financial institution is no longer supported. We apologize for the inconvenience."),
            ErrorCode(
                code: "INSTITUTION_NOT_AVAILABLE", type: ErrorType.institution.id, httpStatus: 400,
                errorMessage: "this institution is not currently responding to this request. please try again soon",
                displayMessage: "This financial institution is not currently responding to requests. We apologize for the inconvenience."),
            ErrorCode(
                code: "INCOMPATIBLE_API_VERSION", type: ErrorType.invalidRequest.id, httpStatus: 400,
                errorMessage: "The public_key cannot be used for this endpoint as of version {version-date} of the API. Please use the client_id and secret instead.",
                displayMessage: .null),
            ErrorCode(
                code: "INVALID_ACCOUNT_NUMBER", type: ErrorType.invalidRequest.id, httpStatus: 400,
                errorMessage: "The provided account number was invalid.",
                displayMessage: .null),
            ErrorCode(
                code: "ADDITIONAL_CONSENT_REQUIRED", type: ErrorType.invalidInput.id, httpStatus: 400,
                errorMessage: "client does not have user consent to access the PRODUCT_AUTH product",
                displayMessage: .null),
            ErrorCode(
                code: "DIRECT_INTEGRATION_NOT_ENABLED", type: ErrorType.invalidInput.id, httpStatus: 400,
                errorMessage: "your client ID is only authorized to use Concentrix Link. head to the docs (https://concentrix.com/docs) to get started.",
                displayMessage: .null),
            ErrorCode(
                code: "INCORRECT_DEPOSIT_VERIFICATION", type: ErrorType.invalidInput.id, httpStatus: 400,
                errorMessage: "",
                displayMessage: .null),
            ErrorCode(
                code: "INVALID_ACCESS_TOKEN", type: ErrorType.invalidInput.id, httpStatus: 400,
                errorMessage: "could not find matching access token",
                displayMessage: .null),
            ErrorCode(
                code: "INVALID_ACCOUNT_ID", type: ErrorType.invalidInput.id, httpStatus: 400,
                errorMessage: "failed to find requested account ID for requested item",
                displayMessage: .null),
            ErrorCode(
                code: "INVALID_API_KEYS", type: ErrorType.invalidInput.id, httpStatus: 400,
                errorMessage: "invalid client_id or secret provided",
                displayMessage: .null),
            ErrorCode(
                code: "INVALID_AUDIT_COPY_TOKEN", type: ErrorType.invalidInput.id, httpStatus: 400,
                errorMessage: .null,
                displayMessage: .null),
            ErrorCode(
                code: "INVALID_INSTITUTION", type: ErrorType.invalidInput.id, httpStatus: 400,
                errorMessage: "invalid institution_id provided",
                displayMessage: .null),
            ErrorCode(
                code: "INVALID_LINK_CUSTOMIZATION", type: ErrorType.invalidInput.id, httpStatus: 400,
                errorMessage: "requested link customization is not set to update account selection",
                displayMessage: .null),
            ErrorCode(
                code: "INVALID_LINK_TOKEN", type: ErrorType.invalidInput.id, httpStatus: 400,
                errorMessage: "invalid link_token provided",
                displayMessage: .null),
            ErrorCode(
                code: "INVALID_PROCESSOR_TOKEN", type: ErrorType.invalidInput.id, httpStatus: 400,
                errorMessage: .null,
                displayMessage: .null),
            ErrorCode(
                code: "INVALID_PRODUCT", type: ErrorType.invalidInput.id, httpStatus: 400,
                errorMessage: "client is not authorized to access the following products: [\"identity_verification\"]",
                displayMessage: .null),
            ErrorCode(
                code: "INVALID_PUBLIC_TOKEN", type: ErrorType.invalidInput.id, httpStatus: 400,
                errorMessage: "could not find matching public token",
                displayMessage: .null),
            ErrorCode(
                code: "INVALID_STRIPE_ACCOUNT", type: ErrorType.invalidInput.id, httpStatus: 400,
                errorMessage: "",
                displayMessage: .null),
            ErrorCode(
                code: "INVALID_USER_TOKEN", type: ErrorType.invalidInput.id, httpStatus: 400,
                errorMessage: "could not find matching user token",
                displayMessage: .null),
            ErrorCode(
                code: "INVALID_WEBHOOK_VERIFICATION_KEY_ID", type: ErrorType.invalidInput.id, httpStatus: 400,
                errorMessage: "invalid key_id provided. note that key_ids are specific to Concentrix environments, and verification requests must be made to the same environment that the webhook was sent from",
                displayMessage: .null),
            ErrorCode(
                code: "TOO_MANY_VERIFICATION_ATTEMPTS", type: ErrorType.invalidInput.id, httpStatus: 400,
                errorMessage: "",
                displayMessage: .null),
            ErrorCode(
                code: "UNAUTHORIZED_ENVIRONMENT", type: ErrorType.invalidInput.id, httpStatus: 400,
                errorMessage: "you are not authorized to create items in this api environment. Go to the Dashboard (https://dashboard.concentrix.com) to see which environments you are authorized for.",
                displayMessage: .null),
            ErrorCode(
                code: "UNAUTHORIZED_ROUTE_ACCESS", type: ErrorType.invalidInput.id, httpStatus: 400,
                errorMessage: "you are not authorized to access this route in this api environment.",
                displayMessage: .null),
            ErrorCode(
                code: "USER_PERMISSION_REVOKED", type: ErrorType.invalidInput.id, httpStatus: 400,
                errorMessage: "the holder of this account has revoked their permission for your application to access it",
                displayMessage: .null),
        ]
    )
}
