/// The deterministic random numbers behind variants: the same on every
/// machine and every Swift version, which `SystemRandomNumberGenerator` and
/// `Hasher` (seeded per process) are not.
///
/// Seeds come from FNV-1a (64-bit) over the UTF-8 bytes of a text; numbers
/// from SplitMix64 (Steele, Lea and Flood, 2014). Both are a few lines of
/// fixed integer arithmetic, written out here so that anyone can reproduce
/// a variant by hand.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The generator's whole state: it advances by the golden-ratio increment.
    public private(set) var state: UInt64

    /// A generator starting from `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// A generator seeded with FNV-1a 64 of `text`.
    public init(seedText text: String) {
        state = SplitMix64.fnv1a(text)
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in [0, 1): the top 53 bits of the next output, as a fraction.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// FNV-1a 64: offset basis 0xcbf29ce484222325, prime 0x100000001b3, one
    /// byte at a time (xor, then multiply).
    public static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
