import ErrataKit
import Foundation
import JSON

// A libFuzzer target for the model file (`--model FILE`): each input is the bytes of
// a model file, read by the JSON parser and the catalog reader as `errata` reads it.
//
// It stops the process — a finding — on a crash, a memory error, or a broken promise:
// - a JSON syntax error or a model diagnostic points outside the input (a line it
//   does not have, or a column past the end of its line);
// - the parser accepts a text Foundation's JSONSerialization refuses (the parser is
//   the stricter of the two: it refuses duplicate keys, lone surrogates, a byte order
//   mark and magnitudes beyond a Double, which Foundation may accept);
// - a catalog read from the input, written back with `errata model`'s writer, does
//   not read back as the same catalog.

/// Whether `line:column` lies in `bytes`: on one of its lines, at one of its bytes or
/// just past the last byte of its line.
func isInside(line: Int, column: Int, of bytes: [UInt8]) -> Bool {
    guard line >= 1, column >= 1 else { return false }
    var currentLine = 1
    var length = 0
    for byte in bytes {
        if byte == UInt8(ascii: "\n") {
            if currentLine == line { break }
            currentLine += 1
            length = 0
        } else if currentLine == line {
            length += 1
        }
    }
    return currentLine == line && column <= length + 1
}

func run(_ bytes: [UInt8]) {
    do {
        _ = try JSONParser.parse(bytes: bytes)
        if (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) == nil {
            fatalError("the parser accepts what JSONSerialization refuses: \(String(decoding: bytes, as: UTF8.self).debugDescription)")
        }
    } catch {
        for position in [error.position] + (error.relatedPosition.map { [$0] } ?? [])
        where !isInside(line: position.line, column: position.column, of: bytes) {
            fatalError("a JSON error outside the input: \(error)")
        }
    }

    let reader = CatalogReader(file: "model.json")
    let catalog: Catalog
    do {
        catalog = try reader.read(Data(bytes))
    } catch {
        for diagnostic in error.diagnostics
        where !isInside(line: diagnostic.location.line, column: diagnostic.location.column, of: bytes) {
            fatalError("a model diagnostic outside the input: \(diagnostic.formatted)")
        }
        return
    }
    do {
        let again = try reader.read(catalog.jsonData())
        if again != catalog {
            fatalError("the catalog does not survive its file form")
        }
    } catch {
        fatalError("the catalog's file form does not read back: \(error)")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}
