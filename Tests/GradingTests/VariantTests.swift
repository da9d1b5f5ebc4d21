import Testing
import JBPModel
@testable import Grading

@Suite("Variants: deterministic, within [0.9, 1.1], every case rule kept")
struct VariantTests {
    static func base() throws -> Case {
        try Case.read(try Fixtures.text("cases/hengda-2025.yaml"), file: "hengda-2025.yaml")
    }

    @Test("SplitMix64 and FNV-1a give their published values")
    func generator() {
        // FNV-1a 64 test vectors (Fowler, Noll, Vo): "" and "a".
        #expect(SplitMix64.fnv1a("") == 0xCBF2_9CE4_8422_2325)
        #expect(SplitMix64.fnv1a("a") == 0xAF63_DC4C_8601_EC8C)
        // SplitMix64 from seed 0 (Vigna's reference implementation).
        var generator = SplitMix64(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test("Variant 0 is the case as written")
    func variantZero() throws {
        let base = try Self.base()
        #expect(try Variants.case(base, exercise: "review-hengda", variant: 0) == base)
    }

    @Test("The same exercise and n give the same case twice, byte for byte")
    func deterministic() throws {
        let base = try Self.base()
        for n in [1, 2, 17, 999] {
            let first = try Variants.case(base, exercise: "review-hengda", variant: n).yaml
            let second = try Variants.case(base, exercise: "review-hengda", variant: n).yaml
            #expect(Array(first.utf8) == Array(second.utf8))
        }
        let other = try Variants.case(base, exercise: "review-other", variant: 1)
        #expect(try other != Variants.case(base, exercise: "review-hengda", variant: 1))
    }

    @Test("A pinned variant: the factors are fixed by the documented algorithm")
    func pinned() {
        // 0.9 + 0.2 × (first SplitMix64 output of FNV-1a("review-hengda#1#sales.actual")) / 2^64.
        var generator = SplitMix64(seed: SplitMix64.fnv1a("review-hengda#1#sales.actual"))
        let expected = 0.9 + 0.2 * Double(generator.next() >> 11) * 0x1p-53
        #expect(Variants.factor(exercise: "review-hengda", variant: 1, path: "sales.actual") == expected)
    }

    @Test("Over many n: factors within [0.9, 1.1], whole units, every rule kept, targets untouched")
    func rulesKept() throws {
        let base = try Self.base()
        let lanting = try Case.read(try Fixtures.text("cases/lanting-2025.yaml"), file: "lanting-2025.yaml")
        for original in [base, lanting] {
            var changedSomething = false
            for n in 1...300 {
                let v = try Variants.case(original, exercise: "review-\(original.id)", variant: n)
                try v.validate(file: "variant")  // covered ≤ universe, on_time ≤ orders, investment > 0, ...
                _ = try Review(v)
                let pairs: [(Double, Double)] = [
                    (original.sales.actual, v.sales.actual), (original.sales.target, v.sales.target),
                    (original.pnl.cogs, v.pnl.cogs), (original.balance.inventory, v.balance.inventory),
                    (original.balance.receivables, v.balance.receivables), (original.team.reps, v.team.reps),
                    (original.logistics.orders, v.logistics.orders), (original.coverage[1].universe, v.coverage[1].universe),
                ]
                for (before, after) in pairs {
                    #expect(after == after.rounded())
                    #expect(after >= (before * 0.9).rounded(.down) && after <= (before * 1.1).rounded(.up))
                }
                #expect(v.coverage.allSatisfy { $0.covered <= $0.universe })
                #expect(v.logistics.onTimeOrders <= v.logistics.orders && v.logistics.filledLines <= v.logistics.orderLines)
                #expect(v.terminal.distributionPoints <= v.terminal.auditedOutlets * v.terminal.mustSellSKUs)
                #expect(v.balance.investment > 0)
                // Rates, targets and the period are not scaled.
                #expect(v.targets == original.targets && v.days == original.days)
                #expect(v.inventory == original.inventory && v.team.targetSalesPerRep == original.team.targetSalesPerRep)
                #expect(v.coverage.map(\.targetRate) == original.coverage.map(\.targetRate))
                #expect(v.terminal.mustSellSKUs == original.terminal.mustSellSKUs)
                // One set of books: the gross margin stays within rounding of the original.
                let margin = { (c: Case) in 1 - c.pnl.cogs / c.sales.actual }
                #expect(abs(margin(v) - margin(original)) < 1e-6)
                if v.sales.actual != original.sales.actual { changedSomething = true }
            }
            #expect(changedSomething)
        }
    }

    @Test("Every variant keeps the case's story: variant 0's top opportunities, in order (exercises.md)")
    func storyKept() throws {
        let lanting = try Case.read(try Fixtures.text("cases/lanting-2025.yaml"), file: "lanting-2025.yaml")
        for original in [try Self.base(), lanting] {
            let story = try Review(original).topOpportunities.map(\.area)
            var redrawn = 0
            for n in 1...200 {
                let v = try Variants.case(original, exercise: "review-\(original.id)", variant: n)
                #expect(try Review(v).topOpportunities.map(\.area) == story, "variant \(n)")
                let draw = try #require(Variants.storyDraw(original, exercise: "review-\(original.id)", variant: n))
                #expect(draw.case == v)
                if draw.draw > 0 {
                    redrawn += 1
                    // A redraw is used only because the first draw broke the story.
                    let first = try Variants.scaled(original, exercise: "review-\(original.id)", variant: n, draw: 0)
                    #expect(try Review(first).topOpportunities.map(\.area) != story)
                }
                #expect(!Variants.fallsBack(original, exercise: "review-\(original.id)", variant: n))
            }
            // The fixtures' cases are near enough to ties that some first draws break the story.
            print("review-\(original.id): \(redrawn) of 200 variants redrawn")
        }
    }

    @Test("A redraw takes the next number of each figure's own stream")
    func redrawStream() {
        var generator = SplitMix64(seed: SplitMix64.fnv1a("review-hengda#3#balance.inventory"))
        _ = generator.next()
        let second = 0.9 + 0.2 * Double(generator.next() >> 11) * 0x1p-53
        #expect(Variants.factor(exercise: "review-hengda", variant: 3, path: "balance.inventory", draw: 1) == second)
    }

    /// A case with no GAP at all, every area exactly at its target (top opportunities: none),
    /// over ten channels: a draw keeps that story only if all fourteen at-target figures
    /// stay on the right side after scaling, about one draw in 2^14.
    static func flatCase() throws -> Case {
        var c = try base()
        let channel = c.coverage[0]
        c.coverage = (0..<10).map { i in
            var ch = channel
            (ch.id, ch.name, ch.universe, ch.covered, ch.targetRate) = ("ch\(i)", "渠道\(i)", 100, 60, 0.6)
            return ch
        }
        let review = try Review(c)
        c.terminal.targetSKUsPerOutlet = review.terminal.skusPerOutlet
        c.inventory.targetDays = review.inventory.inventoryDays
        c.finance.targetDSODays = review.finance.dsoDays
        c.logistics.targetCostPerCase = try #require(review.value(ofMetric: "cost_per_case"))
        c.team.targetSalesPerRep = 1
        #expect(try Review(c).topOpportunities.isEmpty)
        return c
    }

    @Test("A case whose story no draw keeps falls back to variant 0, and jbp check says so")
    func fallBack() throws {
        let c = try Self.flatCase()
        let falling = (1...40).filter { Variants.fallsBack(c, exercise: "review-flat", variant: $0) }
        #expect(falling.count >= 30, "\(falling.count) of 40 fall back")
        for n in falling {
            #expect(try Variants.case(c, exercise: "review-flat", variant: n) == c)
        }
        let yaml = """
            id: review-flat
            title: 没有GAP的案例
            kind: review
            case: flat-2025.yaml
            variants: true
            questions:
              - {id: roi, prompt: ROI？, answer: result.roi}
            """
        let exercise = try Fixtures.memory("review-flat", ["exercise.yaml": yaml, "flat-2025.yaml": c.yaml])
        let problems = ExerciseCheck.problems(exercise, samples: [])
        let story = try #require(problems.first { $0.message.hasPrefix("variants: ") })
        #expect(story.message.contains("\(falling.count) of variants 1–40 fall back to variant 0"))
        #expect(story.message.hasSuffix(falling.map(String.init).joined(separator: ", ")))
        // The bundled-like fixture does not fall back.
        #expect(ExerciseCheck.problems(try Fixtures.exercise("review-hengda"), samples: []).allSatisfy { !$0.message.hasPrefix("variants: ") })
    }

    @Test("Portfolio variants keep sales within the market potential")
    func portfolios() throws {
        let base = try Portfolio.read(try Fixtures.text("cases/portfolio-east.yaml"), file: "portfolio-east.yaml")
        for n in 1...100 {
            let p = try Variants.portfolio(base, exercise: "segment-portfolio", variant: n)
            #expect(p.distributors.allSatisfy { $0.sales <= $0.marketPotential && $0.sales == $0.sales.rounded() })
            #expect(p.scaleThreshold == base.scaleThreshold && p.headroomThreshold == base.headroomThreshold)
        }
    }

    @Test("The figures of a variant's perfect answers score full marks, and the case's own do not", arguments: [1, 2, 3, 42, 500])
    func perfectVariantAnswers(n: Int) throws {
        let exercise = try Fixtures.exercise("review-hengda")
        let answers = try perfectAnswers(exercise, variant: n)
        let grade = Grader.grade(exercise, submission: .answers("review-hengda", variant: n, answers))
        #expect(grade.variant == n)
        #expect(grade.score == exercise.maxScore)
        let onBase = Grader.grade(exercise, submission: .answers("review-hengda", variant: n, try perfectAnswers(exercise, variant: 0)))
        #expect(onBase.score < exercise.maxScore)
    }

    @Test("--variant overrides the submission's variant")
    func explicitVariant() throws {
        let exercise = try Fixtures.exercise("review-hengda")
        let answers = try perfectAnswers(exercise, variant: 5)
        let grade = Grader.grade(exercise, variant: 5, submission: .answers("review-hengda", variant: 0, answers))
        #expect(grade.variant == 5 && grade.score == exercise.maxScore)
    }
}
