import Foundation
import JBPModel

extension Exercise {
    /// Keys every exercise may have.
    static let commonKeys = ["id", "title", "module", "kind", "attempts", "reveal"]

    /// Loads the exercise in `folder` (its last path component is the
    /// exercise id). `read` returns the text of a file named relative to the
    /// folder (`exercise.yaml`, `../cases/hengda-2025.yaml`): the caller owns
    /// the disk (or the database, or a bundle), so loading stays pure.
    ///
    /// Every key is checked: an unknown key, a missing one, a value of the
    /// wrong type, a case or portfolio that breaks a rule of the model, or
    /// a quiz answer that is not among its choices is refused with the file,
    /// the line (where the YAML reader gives it) and the key path.
    public static func load(folder: String, read: (String) throws -> String) throws(ExerciseProblem) -> Exercise {
        let id = FilePaths.lastComponent(folder)
        let file = FilePaths.join(folder, "exercise.yaml")
        let text = try FilePaths.read("exercise.yaml", as: file, with: read)
        var exercise = try located(file) { () throws(ModelError) -> Exercise in
            let root = try Document.parse(text, file: file)
            let top = try root.openMap()
            guard let kindField = top["kind"] else { throw root.error("kind is missing (required)") }
            let kindName = try kindField.string()
            guard let kind = Kind(rawValue: kindName) else {
                throw kindField.error("unknown kind \(kindName) (expected one of: \(Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            let keys = commonKeys + kindKeys(kind)
            let map = try root.map(keys: keys)
            let declaredID = try map.required("id").string()
            guard declaredID == id else {
                throw try map.required("id").error("is \(declaredID), but the folder is \(id) (the folder name is the exercise id)")
            }
            let title = try map.required("title").string()
            let module = try map["module"]?.string()
            let attempts = try map["attempts"]?.wholeNumber(in: 0...1_000_000) ?? 0
            var reveal = Reveal.afterSubmit
            if let field = map["reveal"] {
                let name = try field.string()
                guard let value = Reveal(rawValue: name) else {
                    throw field.error("unknown reveal \(name) (expected one of: \(Reveal.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                reveal = value
            }
            let content = try readContent(kind, map, folder: folder, read: read)
            return Exercise(id: id, title: title, module: module, attempts: attempts, reveal: reveal,
                            content: content, file: file, baseKey: .empty)
        }
        exercise.baseKey = try AnswerKey(exercise, variant: 0)
        return exercise
    }

    /// The keys of each kind, besides the common ones.
    static func kindKeys(_ kind: Kind) -> [String] {
        switch kind {
        case .review: return ["case", "variants", "questions"]
        case .segmentation: return ["portfolio", "points_per_distributor", "variants"]
        case .plan: return ["case", "budget_cap", "weights", "rubric", "group"]
        case .quiz: return ["questions"]
        case .text: return ["prompt", "checks", "rubric"]
        case .roleplay: return ["roles", "checklist"]
        }
    }

    private static func readContent(_ kind: Kind, _ map: FieldMap, folder: String,
                                    read: (String) throws -> String) throws(ModelError) -> Content {
        switch kind {
        case .review:
            let (caseFile, base) = try readCase(map.required("case"), folder: folder, read: read)
            let variants = try map["variants"]?.bool() ?? false
            var questions: [ReviewQuestion] = []
            for item in try map.required("questions").list() {
                let q = try item.map(keys: ["id", "prompt", "answer", "points", "tolerance", "decimals", "unit"])
                var inPoints = false
                if let unit = q["unit"] {
                    guard try unit.string() == "points" else {
                        throw unit.error("the only unit a question states is points (percentage points, 百分点); other units are read from the prompt")
                    }
                    inPoints = true
                }
                var decimals: Int?
                if let field = q["decimals"] {
                    let n = try field.number()
                    guard n == n.rounded(), (0...6).contains(n) else { throw field.error("\(JSONValue.numberText(n) ?? "?") is not a whole number of decimals from 0 to 6") }
                    decimals = Int(n)
                }
                questions.append(ReviewQuestion(
                    id: try q.required("id").string(),
                    prompt: try q.required("prompt").string(),
                    answer: try q.required("answer").string(),
                    points: try points(q["points"]),
                    tolerance: try q["tolerance"].map(readTolerance),
                    decimals: decimals, inPoints: inPoints,
                    line: item.line))
            }
            try unique(questions.map(\.id), map.required("questions"))
            return .review(ReviewExercise(caseFile: caseFile, base: base, variants: variants, questions: questions))

        case .segmentation:
            let field = try map.required("portfolio")
            let relative = try field.string()
            let portfolioFile = FilePaths.join(folder, relative)
            let text = try readReferenced(relative, as: portfolioFile, field: field, read: read)
            let portfolio = try Portfolio.read(text, file: portfolioFile)
            return .segmentation(SegmentationExercise(
                portfolioFile: portfolioFile, portfolio: portfolio,
                pointsPerDistributor: try points(map["points_per_distributor"]),
                variants: try map["variants"]?.bool() ?? false))

        case .plan:
            let caseField = try map.required("case")
            let (caseFile, base): (String, Case?) = try caseField.string() == "own"
                ? ("own", nil) : try readCase(caseField, folder: folder, read: read)
            let capField = try map.required("budget_cap")
            let cap = try capField.number()
            guard cap >= 0 else { throw capField.error("\(cap) is negative (must be 0 or more)") }
            var weights: [PlanCheck: Double] = [:]
            if let field = map["weights"] {
                let known = PlanCheck.allCases.map(\.rawValue)
                for member in try field.map(keys: known).members {
                    guard let check = PlanCheck(rawValue: member.key) else { continue }
                    weights[check] = try points(member.field)
                }
            }
            let rubric = try readRubric(map)
            if let field = map["rubric"] {
                // A rubric item is an item of the grade beside the checks: one id each.
                try unique(PlanCheck.allCases.map(\.rawValue) + rubric.map(\.id), field)
            }
            let group = try map["group"]?.bool() ?? false
            if group, base == nil {
                throw caseField.error("a group's workshop plan is written for a course case, not for each trainee's own distributor (case: own)")
            }
            return .plan(PlanExercise(caseFile: caseFile, base: base, budgetCap: cap, weights: weights, rubric: rubric, group: group))

        case .quiz:
            var questions: [QuizQuestion] = []
            for item in try map.required("questions").list() {
                let q = try item.map(keys: ["id", "prompt", "choices", "answer", "points", "explain"])
                let choicesField = try q.required("choices")
                var choices: [(key: String, text: String)] = []
                for member in try choicesField.openMap().members {
                    choices.append((member.key, try member.field.string()))
                }
                guard choices.count >= 2 else { throw choicesField.error("needs at least two choices") }
                let answerField = try q.required("answer")
                let multiple = (try? answerField.list()) != nil
                let answer = try answerField.stringList()
                guard !answer.isEmpty else { throw answerField.error("names no choice") }
                for key in answer where !choices.contains(where: { $0.key == key }) {
                    throw answerField.error("\(key) is not one of the choices (\(choices.map(\.key).joined(separator: ", ")))")
                }
                questions.append(QuizQuestion(
                    id: try q.required("id").string(), prompt: try q.required("prompt").string(),
                    choices: choices, answer: answer, multiple: multiple || answer.count > 1,
                    points: try points(q["points"]), explain: try q["explain"]?.string()))
            }
            try unique(questions.map(\.id), map.required("questions"))
            return .quiz(QuizExercise(questions: questions))

        case .text:
            var checks: [TextCheck] = []
            var counts: [String: Int] = [:]
            for item in try map["checks"]?.list() ?? [] {
                let rules = ["max_chars", "min_chars", "contains_number", "mentions_any"]
                let c = try item.map(keys: rules + ["points", "id"])
                let present = rules.filter { c[$0] != nil }
                guard present.count == 1, let name = present.first, let field = c[name] else {
                    throw item.error("a check needs exactly one of: \(rules.joined(separator: ", "))")
                }
                let rule: TextCheck.Rule
                switch name {
                case "max_chars": rule = .maxChars(try field.wholeNumber(in: 1...1_000_000))
                case "min_chars": rule = .minChars(try field.wholeNumber(in: 0...1_000_000))
                case "contains_number":
                    guard try field.bool() else { throw field.error("can only be true (leave the check out otherwise)") }
                    rule = .containsNumber
                default:
                    let terms = try field.stringList()
                    guard !terms.isEmpty else { throw field.error("names no term") }
                    rule = .mentionsAny(terms)
                }
                counts[name, default: 0] += 1
                let id = try c["id"]?.string() ?? (counts[name] == 1 ? name : "\(name)-\(counts[name]!)")
                checks.append(TextCheck(id: id, rule: rule, points: try points(c["points"])))
            }
            let rubric = try readRubric(map)
            if let field = map["checks"] ?? map["rubric"] {
                try unique(checks.map(\.id) + rubric.map(\.id), field)
            }
            return .text(TextExercise(prompt: try map.required("prompt").string(), checks: checks, rubric: rubric))

        case .roleplay:
            return .roleplay(try readRoleplay(map))
        }
    }

    /// `roles[]` (`id`, `name`, `card`, `observer`) and `checklist[]` (`id`, `text`, `points`).
    private static func readRoleplay(_ map: FieldMap) throws(ModelError) -> RoleplayExercise {
        let rolesField = try map.required("roles")
        var roles: [RoleplayExercise.Role] = []
        for item in try rolesField.list() {
            let r = try item.map(keys: ["id", "name", "card", "observer"])
            roles.append(RoleplayExercise.Role(
                id: try r.required("id").string(), name: try r.required("name").string(), card: try r.required("card").string(),
                observer: try r["observer"]?.bool() ?? false))
        }
        guard roles.count >= 2 else { throw rolesField.error("needs at least two roles (the first is the one the checklist scores)") }
        guard !roles[0].observer else { throw rolesField.error("the first role is the one scored: it cannot be an observer") }
        try unique(roles.map(\.id), rolesField)
        let checklistField = try map.required("checklist")
        var checklist: [RoleplayExercise.Item] = []
        for item in try checklistField.list() {
            let c = try item.map(keys: ["id", "text", "points"])
            checklist.append(RoleplayExercise.Item(id: try c.required("id").string(), text: try c.required("text").string(), points: try points(c["points"])))
        }
        guard !checklist.isEmpty else { throw checklistField.error("needs at least one item") }
        try unique(checklist.map(\.id), checklistField)
        return RoleplayExercise(roles: roles, checklist: checklist)
    }

    /// `rubric[]` (`id`, `text`, `points`): what the trainer scores by hand.
    private static func readRubric(_ map: FieldMap) throws(ModelError) -> [RubricItem] {
        var rubric: [RubricItem] = []
        for item in try map["rubric"]?.list() ?? [] {
            let r = try item.map(keys: ["id", "text", "points"])
            rubric.append(RubricItem(id: try r.required("id").string(), text: try r.required("text").string(),
                                     points: try points(r.required("points"))))
        }
        return rubric
    }

    /// `case:`: the path relative to the folder, read and checked by the model.
    private static func readCase(_ field: Field, folder: String,
                                 read: (String) throws -> String) throws(ModelError) -> (String, Case) {
        let relative = try field.string()
        let caseFile = FilePaths.join(folder, relative)
        let text = try readReferenced(relative, as: caseFile, field: field, read: read)
        return (caseFile, try Case.read(text, file: caseFile))
    }

    private static func readReferenced(_ relative: String, as name: String, field: Field,
                                       read: (String) throws -> String) throws(ModelError) -> String {
        do {
            return try read(relative)
        } catch {
            throw field.error("\(relative) cannot be read (\(FilePaths.reason(error)))")
        }
    }

    /// `points:` (default 1): a number, 0 or more.
    private static func points(_ field: Field?) throws(ModelError) -> Double {
        guard let field else { return 1 }
        let value = try field.number()
        guard value >= 0 else { throw field.error("\(value) is negative (points must be 0 or more)") }
        return value
    }

    /// `tolerance: {abs: 0.01}` or `{rel: 0.02}`.
    private static func readTolerance(_ field: Field) throws(ModelError) -> Tolerance {
        let map = try field.map(keys: ["abs", "rel"])
        switch (map["abs"], map["rel"]) {
        case (let abs?, nil):
            let bound = try abs.number()
            guard bound >= 0 else { throw abs.error("must be 0 or more") }
            return .absolute(bound)
        case (nil, let rel?):
            let bound = try rel.number()
            guard bound >= 0 else { throw rel.error("must be 0 or more") }
            return .relative(bound)
        default:
            throw field.error("needs exactly one of abs or rel")
        }
    }

    private static func unique(_ ids: [String], _ field: Field) throws(ModelError) {
        var seen = Set<String>()
        for id in ids where !seen.insert(id).inserted {
            throw field.error("the id \(id) is used twice")
        }
    }

    /// Runs `body`, turning the model's refusal into an ``ExerciseProblem``.
    static func located<T>(_ file: String, _ body: () throws(ModelError) -> T) throws(ExerciseProblem) -> T {
        do {
            return try body()
        } catch {
            let message = error.path.isEmpty ? error.message : "\(error.path): \(error.message)"
            throw ExerciseProblem(file: error.file.isEmpty ? file : error.file, line: error.line, message: message)
        }
    }
}

/// Lexical paths for messages: no file system is touched.
enum FilePaths {
    /// `folder/relative` with `.` and `..` resolved (`ex/a/../cases/c.yaml` → `ex/cases/c.yaml`).
    static func join(_ folder: String, _ relative: String) -> String {
        if relative.hasPrefix("/") { return normalize(relative) }
        return normalize(folder.isEmpty ? relative : folder + "/" + relative)
    }

    static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part == "..", absolute {
                continue
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    static func lastComponent(_ path: String) -> String {
        let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
        return trimmed.split(separator: "/").last.map(String.init) ?? trimmed
    }

    static func read(_ relative: String, as name: String, with read: (String) throws -> String) throws(ExerciseProblem) -> String {
        do {
            return try read(relative)
        } catch {
            throw ExerciseProblem(file: name, message: "cannot be read (\(reason(error)))")
        }
    }

    /// An error in a few words (Foundation's file errors are long).
    static func reason(_ error: any Error) -> String {
        if let problem = error as? ExerciseProblem { return problem.message }
        let text = error.localizedDescription
        return text.count > 160 ? String(text.prefix(160)) + "…" : text
    }
}
