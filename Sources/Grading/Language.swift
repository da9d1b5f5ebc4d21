/// The language feedback, format errors and plan-check messages are written in.
///
/// The course is taught in Chinese, so `zh` is the default everywhere; `en`
/// is for trainers who read English (`--lang en`).
public enum Language: String, Sendable, CaseIterable, Codable {
    /// Simplified Chinese, the course's language.
    case zh
    /// English.
    case en

    /// The text of this language among the two given.
    @inlinable
    public func pick(_ zh: String, _ en: String) -> String {
        self == .zh ? zh : en
    }
}
