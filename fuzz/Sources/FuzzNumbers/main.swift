import FuzzDriver
import Grading

/// Any bytes as a number a trainee typed: the reader answers a finite number or a problem,
/// never traps, never NaN or Infinity.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNumbers(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    if case .success(let value) = NumberReader.read(text) {
        precondition(value.isFinite, "\(text.debugDescription) read as \(value)")
    }
    return 0
}

/// The program's entry (SwiftPM names it `FuzzNumbers_main` on Linux): libFuzzer's driver.
@_cdecl("FuzzNumbers_main")
public func fuzzNumbersMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    jbp_fuzz_main(argc, argv, fuzzNumbers)
}
