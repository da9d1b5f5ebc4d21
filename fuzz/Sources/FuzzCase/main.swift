import FuzzDriver
import JBPModel

/// Any bytes as a distributor case file: read, and when it reads, reviewed. Either step may
/// refuse with a `ModelError`; neither may trap (overflow, division, conversion).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCase(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    guard let reviewed = try? Case.read(text, file: "fuzz.yaml") else { return 0 }
    _ = try? Review(reviewed, file: "fuzz.yaml")
    return 0
}

/// The program's entry (SwiftPM names it `FuzzCase_main` on Linux): libFuzzer's driver.
@_cdecl("FuzzCase_main")
public func fuzzCaseMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    jbp_fuzz_main(argc, argv, fuzzCase)
}
