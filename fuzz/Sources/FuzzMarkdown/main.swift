import FuzzDriver
import CourseMarkdown

/// Any bytes as Markdown, rendered as course text (raw HTML kept) and as a trainee's text
/// (raw HTML dropped): the renderer must return, never trap. A trainee's rendering must never
/// let a script tag through.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdown(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    let renderer = MarkdownRenderer()
    _ = renderer.render(text, trust: .course).html { _ in "" }
    let trainee = renderer.render(text, trust: .trainee).html { _ in "" }
    precondition(!trainee.lowercased().contains("<script"), "a script tag survived trainee rendering")
    return 0
}

/// The program's entry (SwiftPM names it `FuzzMarkdown_main` on Linux): libFuzzer's driver.
@_cdecl("FuzzMarkdown_main")
public func fuzzMarkdownMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    jbp_fuzz_main(argc, argv, fuzzMarkdown)
}
