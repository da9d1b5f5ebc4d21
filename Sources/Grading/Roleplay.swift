import JBPModel

/// A `roleplay` exercise (api.md "The classroom"): roles dealt within each group, each with a
/// card only its player reads, and a checklist the observers score the player on.
public struct RoleplayExercise: Sendable {
    /// One part in the role-play. The first role is the one the checklist scores (the player:
    /// the regional manager); the others play against them or observe.
    public struct Role: Sendable {
        public let id: String
        public let name: String
        /// The card, in Markdown: private to whoever plays the role.
        public let card: String
        /// An observer's role: more members than roles in a group all get the last observer role.
        public let observer: Bool
    }

    /// One thing the observers look for.
    public struct Item: Sendable {
        public let id: String
        public let text: String
        public let points: Double
    }

    public let roles: [Role]
    public let checklist: [Item]

    /// The scored role.
    public var player: Role { roles[0] }

    /// The role a member beyond the roles gets: the last observer role, else the last role.
    public var extraRole: Role { roles.last(where: \.observer) ?? roles[roles.count - 1] }
}

/// Grading a role-play: the player's grade is the mean of their observers' checklist scores.
/// Pure: the marks come in, a grade goes out.
public enum RoleplayGrading {
    /// One observer's marks of the player: checklist item id → done or not, and a comment.
    public struct Observation: Sendable, Equatable {
        public var observer: String
        public var marks: [String: Bool]
        public var comment: String?
        public init(observer: String, marks: [String: Bool], comment: String? = nil) {
            self.observer = observer
            self.marks = marks
            self.comment = comment
        }
    }

    /// The observations that are not a checklist's marks: an unknown item, or an item left out,
    /// named in the language asked (one sentence each).
    public static func problems(_ marks: [String: Bool], roleplay: RoleplayExercise, language: Language = .zh) -> [String] {
        let known = Set(roleplay.checklist.map(\.id))
        var problems: [String] = []
        for id in marks.keys.sorted() where !known.contains(id) {
            problems.append(language == .zh ? "检查项 \(id) 不在这个角色扮演的检查表里。" : "Checklist item \(id) is not on this role-play's checklist.")
        }
        for item in roleplay.checklist where marks[item.id] == nil {
            problems.append(language == .zh ? "检查项 \(item.id)（\(item.text)）没有打分：请选“做到了”或“没做到”。" : "Checklist item \(item.id) (\(item.text)) is not marked: choose done or not done.")
        }
        return problems
    }

    /// The player's grade from the observations: each item's points times the share of
    /// observers who saw it done; an item is "correct" when most observers saw it (for the
    /// dashboard's rate per item); the feedback says how many saw it, and the comments follow.
    public static func grade(_ exercise: Exercise, roleplay: RoleplayExercise, observations: [Observation], language: Language = .zh) -> Grade {
        let count = observations.count
        let items = roleplay.checklist.map { item -> GradeItem in
            let done = observations.filter { $0.marks[item.id] == true }.count
            let awarded = count == 0 ? 0 : Grader.rounded(item.points * Double(done) / Double(count))
            let feedback = language == .zh
                ? "\(count) 位观察员中 \(done) 位认为做到了：\(item.text)"
                : "\(done) of \(count) observers saw it done: \(item.text)"
            return GradeItem(id: item.id, points: item.points, awarded: awarded, correct: count > 0 && done * 2 > count, feedback: feedback)
        }
        let score = items.reduce(0) { $0 + $1.awarded }
        return Grade(
            exercise: exercise.id, variant: 0, gradable: count > 0, formatErrors: [], score: Grader.rounded(score), maxScore: exercise.maxScore,
            needsManual: false, items: items)
    }
}
