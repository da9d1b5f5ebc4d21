import Foundation

/// 分组与积分榜 (api.md "The classroom"): the trainer forms groups from the roster, by hand or
/// dealt at random, kept for both days; a group's score is the sum of its members' best scores;
/// the leaderboard is the trainer's, and the trainees' too while the trainer shows it.
extension Classroom {
    /// The most groups a session can have: more than a room holds tables.
    static let mostGroups = 50

    /// A group as the trainer gives it: a name and its members.
    public struct GroupRequest: Sendable {
        public var name: String
        public var traineeIds: [Int64]
        public init(name: String, traineeIds: [Int64]) {
            self.name = name
            self.traineeIds = traineeIds
        }
    }

    /// Sets the session's groups: `groups` by hand, or `count` groups dealt at random from the
    /// roster (sizes differ by at most one). Replaces the groups there were. A trainee of
    /// another session, a trainee named twice, a name given twice or an empty name is a 422
    /// naming it, and changes nothing.
    public func setGroups(session id: Int64, groups: [GroupRequest]?, count: Int?) async throws -> [ClassGroup] {
        let session = try await self.session(id)
        try Self.refuseIfArchived(session)
        let roster = try await store.trainees(session: id)
        let wanted: [(name: String, traineeIds: [Int64])]
        switch (groups, count) {
        case (nil, let count?):
            guard !roster.isEmpty else {
                throw AppError.conflict("Nobody has joined yet: groups are dealt from the roster.", zh: "还没有学员加入：分组要从学员名单里分。")
            }
            guard count >= 1, count <= min(roster.count, Self.mostGroups) else {
                throw AppError(
                    .unprocessableContent, "count is a number of groups from 1 to \(min(roster.count, Self.mostGroups)) (one trainee at least in each).",
                    zh: "count 应为 1 到 \(min(roster.count, Self.mostGroups)) 之间的组数（每组至少一人）。")
            }
            var dealt = Array(repeating: [Int64](), count: count)
            for (index, trainee) in roster.shuffled().enumerated() { dealt[index % count].append(trainee.id) }
            wanted = dealt.enumerated().map { (Self.groupName(number: $0.offset + 1), $0.element.sorted()) }
        case (let groups?, nil):
            guard groups.count <= Self.mostGroups else {
                throw AppError(.unprocessableContent, "At most \(Self.mostGroups) groups.", zh: "最多 \(Self.mostGroups) 个组。")
            }
            let members = Set(roster.map(\.id))
            var seenNames: Set<String> = []
            var placed: [Int64: String] = [:]
            var checked: [(name: String, traineeIds: [Int64])] = []
            for (index, group) in groups.enumerated() {
                let name = group.name.trimmingCharacters(in: .whitespacesAndNewlines)
                guard Self.isValidName(name) else {
                    throw AppError(.unprocessableContent, "groups[\(index)].name: a group's name is 1 to 40 printable characters.", zh: "第 \(index + 1) 组的名称应为 1 到 40 个可打印字符。")
                }
                guard seenNames.insert(name).inserted else {
                    throw AppError(.unprocessableContent, "groups[\(index)].name: \(name) is the name of another group too.", zh: "组名“\(name)”重复了。")
                }
                for trainee in group.traineeIds {
                    guard members.contains(trainee) else {
                        throw AppError(.unprocessableContent, "groups[\(index)]: trainee \(trainee) is not in this session.", zh: "第 \(index + 1) 组：学员 \(trainee) 不在这个课堂里。")
                    }
                    if let other = placed[trainee] {
                        throw AppError(.unprocessableContent, "groups[\(index)]: trainee \(trainee) is in \(other) already.", zh: "第 \(index + 1) 组：学员 \(trainee) 已经在“\(other)”里了。")
                    }
                    placed[trainee] = name
                }
                checked.append((name, group.traineeIds))
            }
            wanted = checked
        default:
            throw AppError.badRequest("Send either groups (by hand) or count (dealt at random).", zh: "请给出 groups（手动分组）或 count（随机分组）中的一个。")
        }
        return try await store.replaceGroups(session: id, groups: wanted)
    }

    /// The session's trainees' names by id (groups, role-plays and the workshop name members).
    public func traineeNames(session id: Int64) async throws -> [Int64: String] {
        Dictionary(try await store.trainees(session: id).map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    /// 第1组, 第2组 …: what the trainer renames if they like.
    static func groupName(number: Int) -> String { "第\(number)组" }

    /// One line of the leaderboard.
    public struct Standing<Subject: Sendable>: Sendable {
        public var subject: Subject
        public var score: Double
    }

    /// The leaderboard: groups by the sum of their members' best scores, trainees by the sum of
    /// their best scores, highest first (ties in joining order, group order).
    public struct Leaderboard: Sendable {
        public var groups: [Standing<ClassGroup>]
        public var trainees: [Standing<Trainee>]
        public var visible: Bool
    }

    public func leaderboard(session id: Int64) async throws -> Leaderboard {
        let session = try await self.session(id)
        let roster = try await store.trainees(session: id)
        let results = ResultsBook.results(trainees: roster, submissions: try await store.submissions(session: id, exercise: nil))
        let total = Dictionary(uniqueKeysWithValues: results.map { ($0.traineeId, $0.total) })
        let trainees = roster.enumerated()
            .sorted { (total[$0.element.id] ?? 0, -$0.offset) > (total[$1.element.id] ?? 0, -$1.offset) }
            .map { Standing(subject: $0.element, score: total[$0.element.id] ?? 0) }
        let groups = try await store.groups(session: id).enumerated()
            .map { (offset: $0.offset, group: $0.element, score: $0.element.traineeIds.reduce(0) { $0 + (total[$1] ?? 0) }) }
            .sorted { ($0.score, -$0.offset) > ($1.score, -$1.offset) }
            .map { Standing(subject: $0.group, score: $0.score) }
        return Leaderboard(groups: groups, trainees: trainees, visible: session.leaderboardVisible)
    }

    /// The leaderboard as a trainee sees it: a 404 while the trainer hides it.
    public func leaderboard(for trainee: Trainee) async throws -> Leaderboard {
        let board = try await leaderboard(session: trainee.sessionId)
        guard board.visible else {
            throw AppError.notFound("The trainer has not shown the leaderboard.", zh: "讲师还没有公布积分榜。")
        }
        return board
    }

    /// Shows or hides the leaderboard to the session's trainees and on the big screen.
    public func setLeaderboardVisible(session id: Int64, visible: Bool) async throws -> CourseSession {
        try Self.refuseIfArchived(try await self.session(id))
        guard let session = try await store.setLeaderboardVisible(session: id, visible: visible) else {
            throw AppError.notFound("There is no such session.", zh: "没有这个课堂。")
        }
        return session
    }
}
