import Foundation
import AcmeErrors

// Prints Acme's catalog in the JSON form errata reads; `swift package errata` runs it.
print(String(decoding: AcmeErrors.catalog.jsonData(), as: UTF8.self))
