import Foundation
import Testing
@testable import JBPModel

/// The text of a fixture file (the spec's example files are copied under Fixtures/).
func fixture(_ name: String) throws -> String {
    let base = try #require(Bundle.module.resourceURL)
    let url = base.appendingPathComponent("Fixtures").appendingPathComponent(name)
    return try String(contentsOf: url, encoding: .utf8)
}

/// The worked example's case, read from example-case.yaml.
func exampleCase() throws -> Case {
    try Case.read(fixture("example-case.yaml"), file: "example-case.yaml")
}

func exampleReview() throws -> Review {
    try Review(exampleCase())
}

/// model.md §8's figures are printed to about seven significant digits: they must agree
/// to 1e-6, relative for figures above 1.
func isClose(_ actual: Double, _ expected: Double, tolerance: Double = 1e-6) -> Bool {
    abs(actual - expected) <= tolerance * max(1, abs(expected))
}

/// The error a throwing call refused with, or nil if it did not throw.
func refusal<T>(_ body: () throws(ModelError) -> T) -> ModelError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}
