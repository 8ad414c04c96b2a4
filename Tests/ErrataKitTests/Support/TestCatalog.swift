import ErrataKit

extension Catalog {
    /// The model the checker's fixture sites are written against: three types and
    /// four codes, declared here so the tests do not move when the real model does.
    static let fixture = Catalog(
        types: [
            ErrorType(
                id: "ITEM_ERROR", title: "Item errors", slug: "item",
                description: "Occur when an Item may be invalid or not supported."),
            ErrorType(
                id: "INSTITUTION_ERROR", title: "Institution errors", slug: "institution",
                description: "Occur when the financial institution cannot be reached."),
            ErrorType(
                id: "INVALID_REQUEST", title: "Invalid Request errors", slug: "invalid-request",
                description: "Occur when a request is malformed."),
        ],
        codes: [
            ErrorCode(
                code: "ACCESS_NOT_GRANTED", type: "ITEM_ERROR", httpStatus: 400,
                errorMessage: "access to this product was not granted for the account",
                displayMessage: "The user did not grant the necessary permissions for this product on their account."),
            ErrorCode(
                code: "INVALID_CREDENTIALS", type: "ITEM_ERROR", httpStatus: 400,
                errorMessage: "the provided credentials were not correct",
                displayMessage: "The provided credentials were not correct. Please try again."),
            ErrorCode(
                code: "INSTITUTION_DOWN", type: "INSTITUTION_ERROR", httpStatus: 400,
                errorMessage: "this institution is not currently responding to this request. please try again soon",
                displayMessage: "This financial institution is not currently responding to requests. We apologize for the inconvenience."),
            ErrorCode(
                code: "INVALID_FIELD", type: "INVALID_REQUEST", httpStatus: 400,
                errorMessage: "the provided field is not valid",
                displayMessage: .null),
        ])

    /// Where messages about ``fixture`` say the model is declared.
    static let fixtureSource = "Tests/ErrataKitTests/Support/TestCatalog.swift"
}
