import Foundation
import Testing
@testable import JBPModel

/// A trainee who enters their own distributor's figures on the Chinese page (/t/my-case)
/// reads `error.chinese ?? error.message` beside the field: every rule of model.md §1 a
/// case can break must say, in Chinese, which figure is wrong, what is wrong with it and
/// what a valid value looks like. The English stays as it is (CaseReaderTests).
@Suite("Reading a case: refusals in Chinese")
struct CaseChineseMessagesTests {
    /// One broken rule: hengda-2025 with one figure changed.
    struct Row: Sendable, CustomTestStringConvertible {
        let name: String
        let change: @Sendable (inout Case) -> Void
        /// The key path the refusal names.
        let path: String
        /// Chinese names of the figure (and of what it is compared with) the sentence must contain.
        let says: [String]
        /// Latin words the trainee typed that the sentence quotes back (a channel id).
        let echoes: [String]
        var testDescription: String { name }

        init(_ name: String, path: String, says: [String], echoes: [String] = [], _ change: @escaping @Sendable (inout Case) -> Void) {
            self.name = name
            self.change = change
            self.path = path
            self.says = says
            self.echoes = echoes
        }
    }

    /// Latin words a Chinese sales manager reads as they are.
    static let allowedWords: Set<String> = ["ROI", "SKU", "DSO", "GAP"]

    /// hengda-2025 as the course ships it.
    static func hengda() throws -> Case {
        let path = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("exercises/cases/hengda-2025.yaml")
        return try Case.read(String(contentsOf: path, encoding: .utf8), file: "hengda-2025.yaml")
    }

    static let rows: [Row] = [
        Row("days 0", path: "days", says: ["回顾期天数"]) { $0.days = 0 },
        Row("a sales target of 0", path: "sales.target", says: ["销售指标"]) { $0.sales.target = 0 },
        Row("negative sales", path: "sales.actual", says: ["实际销售额"]) { $0.sales.actual = -5 },
        Row("infinite sales", path: "sales.actual", says: ["实际销售额"]) { $0.sales.actual = .infinity },
        Row("last year 0", path: "sales.last_year", says: ["去年同期销售额"]) { $0.sales.lastYear = 0 },
        Row("cost of goods 0", path: "pnl.cogs", says: ["销售成本"]) { $0.pnl.cogs = 0 },
        Row("negative rebates", path: "pnl.rebates", says: ["返利"]) { $0.pnl.rebates = -1 },
        Row("a negative expense line", path: "pnl.expenses.staff", says: ["人员费用"]) { $0.pnl.expenses[0].amount = -540_000 },
        Row("a negative further expense line", path: "pnl.expenses.marketing", says: ["费用", "marketing"], echoes: ["marketing"]) {
            $0.pnl.expenses.append(Case.Expense(name: "marketing", amount: -1))
        },
        Row("missing logistics expense", path: "pnl.expenses.logistics", says: ["物流配送费用"]) {
            $0.pnl.expenses.removeAll { $0.name == "logistics" }
        },
        Row("stock 0", path: "balance.inventory", says: ["平均库存"]) { $0.balance.inventory = 0 },
        Row("negative receivables", path: "balance.receivables", says: ["应收账款", "-5"]) { $0.balance.receivables = -5 },
        Row("negative fixed assets", path: "balance.fixed_assets", says: ["固定资产"]) { $0.balance.fixedAssets = -1 },
        Row("negative prepayments", path: "balance.prepayments", says: ["预付款"]) { $0.balance.prepayments = -1 },
        Row("negative payables", path: "balance.payables", says: ["应付账款"]) { $0.balance.payables = -1 },
        Row("an ROI target of 20", path: "targets.roi", says: ["投入产出比", "20"]) { $0.targets.roi = 20 },
        Row("a negative ROI target", path: "targets.roi", says: ["投入产出比"]) { $0.targets.roi = -0.1 },
        Row("no channel", path: "coverage", says: ["渠道"]) { $0.coverage = [] },
        Row("an empty channel id", path: "coverage[0].id", says: ["第 1 个渠道", "编号"]) { $0.coverage[0].id = "" },
        Row("a channel id with a space", path: "coverage[1].id", says: ["第 2 个渠道", "编号"]) { $0.coverage[1].id = "a b" },
        Row("duplicate channel id", path: "coverage[1].id", says: ["第 2 个渠道", "编号", "第 1 个渠道"], echoes: ["modern"]) {
            $0.coverage[1].id = $0.coverage[0].id
        },
        Row("universe 0", path: "coverage[1].universe", says: ["第 2 个渠道", "网点总数"]) { $0.coverage[1].universe = 0 },
        Row("negative covered", path: "coverage[0].covered", says: ["第 1 个渠道", "活跃网点数"]) { $0.coverage[0].covered = -1 },
        Row("covered above universe", path: "coverage[1].covered", says: ["第 2 个渠道", "活跃网点数", "网点总数", "2500", "2400"]) {
            $0.coverage[1].covered = 2500
        },
        Row("a coverage target of 85", path: "coverage[0].target_rate", says: ["第 1 个渠道", "覆盖率", "85"]) { $0.coverage[0].targetRate = 85 },
        Row("negative sales per outlet", path: "coverage[1].sales_per_outlet", says: ["第 2 个渠道", "销售额"]) {
            $0.coverage[1].salesPerOutlet = -4200
        },
        Row("an amount too large to compute with", path: "coverage[1].sales_per_outlet", says: ["第 2 个渠道", "销售额"]) {
            $0.coverage[1].salesPerOutlet = 1e300
        },
        Row("must-sell SKUs 0", path: "terminal.must_sell_skus", says: ["必销 SKU 数"]) { $0.terminal.mustSellSKUs = 0 },
        Row("audited outlets 0", path: "terminal.audited_outlets", says: ["检查过的网点数"]) { $0.terminal.auditedOutlets = 0 },
        Row("negative distribution points", path: "terminal.distribution_points", says: ["必销 SKU 合计"]) {
            $0.terminal.distributionPoints = -1
        },
        Row("distribution points above outlets × SKUs", path: "terminal.distribution_points", says: ["必销 SKU 合计", "检查过的网点数"]) {
            $0.terminal.distributionPoints = 2401
        },
        Row("negative target SKUs per outlet", path: "terminal.target_skus_per_outlet", says: ["单店 SKU 数"]) {
            $0.terminal.targetSKUsPerOutlet = -1
        },
        Row("negative sales per SKU point", path: "terminal.sales_per_sku_point", says: ["SKU", "销售额"]) { $0.terminal.salesPerSKUPoint = -1 },
        Row("negative target stock days", path: "inventory.target_days", says: ["库存天数"]) { $0.inventory.targetDays = -30 },
        Row("orders 0", path: "logistics.orders", says: ["订单数"]) { $0.logistics.orders = 0 },
        Row("negative on-time orders", path: "logistics.on_time_orders", says: ["按约定时间送到的订单数"]) { $0.logistics.onTimeOrders = -1 },
        Row("on-time orders above orders", path: "logistics.on_time_orders", says: ["按约定时间送到的订单数", "不能超过订单数"]) {
            $0.logistics.onTimeOrders = 19_000
        },
        Row("order lines 0", path: "logistics.order_lines", says: ["订单行数"]) { $0.logistics.orderLines = 0 },
        Row("negative filled lines", path: "logistics.filled_lines", says: ["足量送到的订单行数"]) { $0.logistics.filledLines = -1 },
        Row("filled lines above order lines", path: "logistics.filled_lines", says: ["足量送到的订单行数", "不能超过订单行数"]) {
            $0.logistics.filledLines = 95_000
        },
        Row("cases 0", path: "logistics.cases", says: ["送货箱数"]) { $0.logistics.cases = 0 },
        Row("an on-time target of 1.5", path: "logistics.target_on_time_rate", says: ["准时送货率"]) { $0.logistics.targetOnTimeRate = 1.5 },
        Row("a fill-rate target of 98", path: "logistics.target_fill_rate", says: ["订单满足率"]) { $0.logistics.targetFillRate = 98 },
        Row("a negative cost per case target", path: "logistics.target_cost_per_case", says: ["每箱物流成本"]) {
            $0.logistics.targetCostPerCase = -0.38
        },
        Row("a negative DSO target", path: "finance.target_dso_days", says: ["应收账款天数"]) { $0.finance.targetDSODays = -1 },
        Row("negative bad debts", path: "finance.bad_debts", says: ["坏账"]) { $0.finance.badDebts = -1 },
        Row("no reps", path: "team.reps", says: ["业务员人数"]) { $0.team.reps = 0 },
        Row("a negative sales-per-rep target", path: "team.target_sales_per_rep", says: ["人均销售额"]) { $0.team.targetSalesPerRep = -1 },
        Row("variable rate 1", path: "costs.variable_rate", says: ["变动费用率"]) { $0.costs.variableRate = 1 },
        Row("a negative variable rate", path: "costs.variable_rate", says: ["变动费用率"]) { $0.costs.variableRate = -0.1 },
        Row("a variable rate that is no number", path: "costs.variable_rate", says: ["变动费用率"]) { $0.costs.variableRate = .nan },
        Row("a coverage limit 0", path: "limits.coverage_rate", says: ["覆盖率", "上限", "0.15"]) { $0.limits.coverageRate = 0 },
        Row("a negative DSO limit", path: "limits.dso_days", says: ["应收账款天数", "上限"]) { $0.limits.dsoDays = -1 },
        Row("a sales-per-rep limit too large", path: "limits.sales_per_rep", says: ["人均销售额", "上限"]) { $0.limits.salesPerRep = 1e16 },
        Row("an infinite cost-per-case limit", path: "limits.cost_per_case", says: ["每箱物流成本", "上限"]) { $0.limits.costPerCase = .infinity },
        Row("zero investment", path: "balance", says: ["投资额"]) {
            $0.balance = Case.Balance(inventory: 1, receivables: 0, fixedAssets: 0, prepayments: 0, payables: 1)
        },
        Row("investment gone after closing the stock GAP", path: "balance", says: ["投资额", "库存"]) { $0.balance.payables = 3_000_000 },
        Row("investment gone after closing the receivables GAP", path: "balance", says: ["投资额", "应收账款"]) {
            $0.balance.payables = 3_000_000
            $0.inventory.targetDays = 61
        },
    ]

    @Test("each broken rule is said in Chinese, naming the figure", arguments: rows)
    func chinese(_ row: Row) throws {
        var broken = try Self.hengda()
        row.change(&broken)
        let error = try #require(refusal { () throws(ModelError) in try broken.validate(file: "case.yaml") }, "\(row.name) passed")
        #expect(error.path == row.path)
        let chinese = try #require(error.chinese, "no Chinese for \(error)")
        Self.expectPlainChinese(chinese, echoes: row.echoes)
        for name in row.says {
            #expect(chinese.contains(name), "\(chinese) does not say \(name)")
        }
        // The English is a different sentence, kept for authors and `jbp check`.
        #expect(!error.message.isEmpty && error.message != chinese)
    }

    /// One line, in Chinese: a CJK character, and no Latin word of three letters or more
    /// but the course's own (ROI, SKU, DSO, GAP) and what the trainee typed.
    static func expectPlainChinese(_ text: String, echoes: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "no Chinese in \(text)", sourceLocation: sourceLocation)
        #expect(!text.contains { $0.isNewline }, "\(text) is more than one line", sourceLocation: sourceLocation)
        var words: [String] = []
        var word = ""
        for scalar in text.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic {
                word.unicodeScalars.append(scalar)
            } else {
                words.append(word)
                word = ""
            }
        }
        words.append(word)
        let english = words.filter { $0.count >= 3 && !allowedWords.contains($0) && !echoes.contains($0) }
        #expect(english.isEmpty, "English words \(english) in \(text)", sourceLocation: sourceLocation)
    }

    /// The page's own way in: the form becomes the case template's rows, whose reader
    /// names a channel by its number in the template and the refusal by its row.
    @Test("through the case template, as the page reads the form", arguments: [
        ("coverage.2.covered", "2500", "第 2 个渠道"),
        ("balance.receivables", "-5", "应收账款不能是负数（-5）"),
        ("coverage.1.target_rate", "85", "实际是 85"),
        ("logistics.on_time_orders", "19000", "不能超过订单数（18000）"),
    ])
    func template(key: String, value: String, says: String) throws {
        var values = CaseTemplate.values(of: try Self.hengda())
        values[key] = value
        var csv = CaseTemplate.columns.joined(separator: ",") + "\r\n"
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            csv += [key, "", "", "", value].map(CaseTemplate.quoted).joined(separator: ",") + "\r\n"
        }
        let error = try #require(refusal { () throws(ModelError) in try CaseTemplate.read(csv, file: "我的经销商") })
        #expect(error.path == key)
        let chinese = try #require(error.chinese, "no Chinese for \(error)")
        #expect(chinese.hasPrefix("第 \(error.line ?? 0) 行："), "\(chinese)")
        #expect(chinese.contains(says), "\(chinese)")
        Self.expectPlainChinese(chinese)
    }
}
