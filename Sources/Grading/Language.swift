/// The language feedback, format errors and plan-check messages are written in.
///
/// The course is taught in Chinese, so `zh` is the default everywhere; `en`
/// is for trainers who read English (`--lang en`).
public enum Language: String, Sendable, CaseIterable, Codable {
    /// Simplified Chinese, the course's language.
    case zh
    /// English.
    case en

    /// The text of this language among the two given. Only the one picked is
    /// built: feedback is written for every item of every grade.
    @inlinable
    public func pick(_ zh: @autoclosure () -> String, _ en: @autoclosure () -> String) -> String {
        self == .zh ? zh() : en()
    }
}
