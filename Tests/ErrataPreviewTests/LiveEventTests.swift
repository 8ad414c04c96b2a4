import ErrataKit
import Testing

@testable import ErrataPreview

@Suite("Live events")
struct LiveEventTests {
    @Test("events are written in the text/event-stream format, with the generation as id")
    func format() {
        #expect(LiveEvent.ok(generation: 3).serverSentEvent == "event: ok\nid: 3\ndata: {\"generation\":3}\n\n")
        #expect(LiveEvent.reload(generation: 4).serverSentEvent == "event: reload\nid: 4\ndata: {\"generation\":4}\n\n")
        #expect(LiveEvent.keepAlive.serverSentEvent == ": keep-alive\n\n")
        #expect(
            LiveEvent.diagnostics(generation: 5, json: "{\n}").serverSentEvent
                == "event: diagnostics\nid: 5\ndata: {\ndata: }\n\n")
    }

    @Test("diagnostics become one line of JSON, sorted, whatever their messages hold")
    func diagnosticsJSON() {
        let diagnostics = [
            Diagnostic(.error, .invalidJSON, "line one\nline two \u{2028} </script>", at: SourceLocation(file: "b.md", line: 2, column: 3)),
            Diagnostic(.warning, .emptySection, "empty", at: SourceLocation(file: "a.md", line: 9, column: 1)),
        ]
        let event = LiveEvent.diagnostics(diagnostics, generation: 7)
        guard case .diagnostics(7, let json) = event else {
            Issue.record("not a diagnostics event: \(event)")
            return
        }
        #expect(json == #"{"diagnostics":[{"column":1,"file":"a.md","line":9,"message":"empty","rule":"empty-section","severity":"warning"},{"column":3,"file":"b.md","line":2,"message":"line one\nline two "#
            + "\u{2028}" + #" </script>","rule":"invalid-json","severity":"error"}]}"#)
        #expect(event.serverSentEvent.hasPrefix("event: diagnostics\nid: 7\ndata: {"))
        #expect(event.serverSentEvent.filter { $0 == "\n" }.count == 4)
    }

    @Test("each diagnostic carries the text of its source line, when it is known, for the overlay to quote")
    func diagnosticsQuoteTheirSourceLine() {
        let broken = SourceLocation(file: "item.md", line: 16, column: 36)
        let diagnostics = [
            Diagnostic(.error, .invalidJSON, "missing `,` after the value on line 16", at: broken),
            Diagnostic(.warning, .emptySection, "empty", at: SourceLocation(file: "item.md", line: 40, column: 1)),
        ]
        let event = LiveEvent.diagnostics(
            diagnostics, generation: 2, sourceLines: [broken: #" "error_code": "ACCESS_NOT_GRANTED""#])
        guard case .diagnostics(2, let json) = event else {
            Issue.record("not a diagnostics event: \(event)")
            return
        }
        #expect(json == #"{"diagnostics":[{"column":36,"file":"item.md","line":16,"message":"missing `,` after the value on line 16","#
            + #""rule":"invalid-json","severity":"error","source":" \"error_code\": \"ACCESS_NOT_GRANTED\""},"#
            + #"{"column":1,"file":"item.md","line":40,"message":"empty","rule":"empty-section","severity":"warning"}]}"#)
    }

    @Test("publish and fail count generations, and a new subscriber hears the current state first")
    func stateEvents() async {
        let state = PreviewState()
        var first = await state.subscribe(lastEventID: nil).events.makeAsyncIterator()
        #expect(await first.next() == .ok(generation: 0))
        await state.publish(TestSite.files)
        #expect(await first.next() == .reload(generation: 1))
        await state.fail([])
        #expect(await first.next() == .diagnostics(generation: 2, json: #"{"diagnostics":[]}"#))

        var second = await state.subscribe(lastEventID: 1).events.makeAsyncIterator()
        #expect(await second.next() == .diagnostics(generation: 2, json: #"{"diagnostics":[]}"#))
        await state.publish(TestSite.files)
        #expect(await second.next() == .reload(generation: 3))
        #expect(await state.snapshot.generation == 3)
    }
}
