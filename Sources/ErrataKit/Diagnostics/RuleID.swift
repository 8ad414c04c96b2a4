/// The identifier of a check, printed in brackets after each diagnostic so a writer
/// can look it up or silence it. These names are a contract with CI scripts: never
/// rename one.
public enum RuleID: String, Sendable, Hashable, CaseIterable {
    // Codes against the model
    case unknownCode = "unknown-code"
    case wrongType = "wrong-type"
    case duplicateCode = "duplicate-code"
    case undocumentedCode = "undocumented-code"
    case codeName = "code-name"
    case lookalikeHeading = "lookalike-heading"
    // JSON samples
    case missingSample = "missing-sample"
    case invalidJSON = "invalid-json"
    case sampleSchema = "sample-schema"
    case sampleCodeMismatch = "sample-code-mismatch"
    case sampleTypeMismatch = "sample-type-mismatch"
    case sampleStatusMismatch = "sample-status-mismatch"
    case missingStatus = "missing-status"
    case sampleMessageMismatch = "sample-message-mismatch"
    // Links and the hand-written overview
    case brokenLink = "broken-link"
    case brokenAnchor = "broken-anchor"
    case overviewMismatch = "overview-mismatch"
    // Pages
    case emptySection = "empty-section"
    case missingDescription = "missing-description"
    case unorderedCodes = "unordered-codes"
    case unusedDisable = "unused-disable"
    case frontMatter = "front-matter"
    case invalidUTF8 = "invalid-utf8"
    case invalidText = "invalid-text"
    case inputLimit = "input-limit"
    case pageAddress = "page-address"
    case addressConflict = "address-conflict"
    case layout = "layout"
    case secondTitle = "second-title"
    // The preview: what stops a rebuild besides the docs themselves
    case templateError = "template-error"
    case config = "config"
    case ioError = "io-error"
    // The model file
    case modelFile = "model-file"

    /// The severity the rule reports with (before `--strict`).
    public var defaultSeverity: Diagnostic.Severity {
        switch self {
        case .undocumentedCode, .missingSample, .emptySection, .missingDescription, .unorderedCodes, .unusedDisable, .secondTitle: .warning
        default: .error
        }
    }

    /// Whether an `errata-disable` comment may silence the rule. Not for what would let
    /// a hostile page through, or what `errata build` refuses whatever the comments say:
    /// a page over the input limits, an address that leads elsewhere than it says or
    /// that another file of the site takes, a model code no heading can name, and a
    /// layout that cannot render the page.
    public var canBeDisabled: Bool {
        self != .inputLimit && self != .pageAddress && self != .addressConflict && self != .codeName && self != .layout
    }

    /// One line saying what the rule checks, for `--format sarif` and the docs.
    public var summary: String {
        switch self {
        case .unknownCode: "A code section names a code the model does not have."
        case .wrongType: "A code is documented under another error type than the model gives it."
        case .duplicateCode: "A code is documented more than once."
        case .undocumentedCode: "A code in the model has no section in the docs."
        case .codeName: "A model code is not capital letters, digits and underscores starting with a letter, or differs from another only in case."
        case .lookalikeHeading: "A `###` heading looks like an error code but holds an invisible or look-alike character."
        case .missingSample: "A code section has no JSON sample."
        case .invalidJSON: "A JSON sample is not valid JSON."
        case .sampleSchema: "A JSON sample lacks a field, has an extra one, or has one of the wrong JSON type."
        case .sampleCodeMismatch: "A JSON sample's error_code differs from its section's code."
        case .sampleTypeMismatch: "A JSON sample's error_type differs from the code's type in the model."
        case .sampleStatusMismatch: "A JSON sample's `// http code` differs from the model's HTTP status."
        case .missingStatus: "A JSON sample does not start with a `// http code NNN` line."
        case .sampleMessageMismatch: "A JSON sample's error_message or display_message differs from the model's."
        case .brokenLink: "A link points to a page the site does not have."
        case .brokenAnchor: "A link points to an anchor its target page does not have."
        case .overviewMismatch: "A hand-written overview table disagrees with the documented codes."
        case .emptySection: "A code or sub-section has no content."
        case .missingDescription: "A code section does not say what the error means before its sample."
        case .unorderedCodes: "The codes on a page are not in alphabetical order."
        case .unusedDisable: "An errata-disable comment silences nothing."
        case .frontMatter: "A page's front matter is not valid YAML or has an unknown key or error_type."
        case .invalidUTF8: "A page is not valid UTF-8 text."
        case .invalidText: "A page starts with a byte-order mark or contains a NUL byte."
        case .inputLimit: "A page or its front matter is larger, has longer lines, or nests deeper than Errata reads."
        case .pageAddress: "A page's path or a model code has a character its web address cannot hold as it is."
        case .addressConflict: "Two files of the site would be published at the same address, compared ignoring case."
        case .config: "The project file (errata.yml) has an unknown key or a value of the wrong type."
        case .layout: "A page's layout has no template, or its template does not render the page's code sections."
        case .secondTitle: "A `#` heading in a page's body, which makes a second title beside the page's own."
        case .templateError: "A template is missing or cannot be parsed or rendered."
        case .ioError: "A file or folder the build needs cannot be read."
        case .modelFile: "The --model file is not JSON, or not a model: an unknown or missing key, a value of the wrong type or range, or a repeated type, slug or code."
        }
    }
}
