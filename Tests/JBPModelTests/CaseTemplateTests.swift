import Foundation
import Testing
@testable import JBPModel

/// The case template (course/downloads/case-template.csv) and its reader: a filled-in
/// template is the same case as the YAML, refused by the same rules, named by row and key.
@Suite("The case template")
struct CaseTemplateTests {
    /// The repository, from this file's place in it.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A file of the repository, byte order mark kept (Foundation's `String(contentsOf:)`
    /// drops it).
    static func source(_ path: String) throws -> String {
        try String(decoding: Data(contentsOf: root.appendingPathComponent(path)), as: UTF8.self)
    }

    static let templatePath = "course/downloads/case-template.csv"

    /// hengda-2025 as the course ships it.
    static func hengda() throws -> Case {
        try Case.read(source("exercises/cases/hengda-2025.yaml"), file: "hengda-2025.yaml")
    }

    /// The template filled in with hengda-2025's figures, some of them typed as a person
    /// would (`12,000,000`, `¥10,200,000`, `95%`).
    static func filled() throws -> String {
        let base = try #require(Bundle.module.resourceURL)
        return try String(decoding: Data(contentsOf: base.appendingPathComponent("Fixtures/hengda-2025-template.csv")), as: UTF8.self)
    }

    static func read(_ text: String) -> Result<Case, ModelError> {
        do throws(ModelError) {
            return .success(try CaseTemplate.read(text, file: "template.csv"))
        } catch {
            return .failure(error)
        }
    }

    // MARK: Edits of the filled template, by key

    /// The 1-based line of the row of `key`.
    static func line(of key: String, in text: String) -> Int? {
        lines(text).firstIndex { $0.hasPrefix("\(key),") }.map { $0 + 1 }
    }

    static func lines(_ text: String) -> [String] {
        text.components(separatedBy: "\r\n")
    }

    /// One change to the filled template.
    enum Edit: Sendable, CustomStringConvertible {
        /// The row's value replaced (quoted as needed).
        case set(String, String)
        /// The row's key replaced.
        case rename(String, String)
        /// The row written a second time, after the last row.
        case duplicate(String)
        /// The row taken out.
        case remove(String)

        var description: String {
            switch self {
            case .set(let key, let value): return "\(key) = \(value)"
            case .rename(let key, let to): return "\(key) → \(to)"
            case .duplicate(let key): return "\(key) twice"
            case .remove(let key): return "no \(key)"
            }
        }

        func apply(_ text: String) -> String {
            var lines = CaseTemplateTests.lines(text)
            func at(_ key: String) -> Int {
                guard let i = lines.firstIndex(where: { $0.hasPrefix("\(key),") }) else {
                    Issue.record("no row \(key)")
                    return 0
                }
                return i
            }
            switch self {
            case .set(let key, let value):
                let i = at(key)
                // The first four cells hold no comma and no quote.
                let cells = lines[i].split(separator: ",", maxSplits: 4, omittingEmptySubsequences: false)
                lines[i] = cells.prefix(4).joined(separator: ",") + "," + CaseTemplate.quoted(value)
            case .rename(let key, let to):
                let i = at(key)
                lines[i] = to + lines[i].dropFirst(key.count)
            case .duplicate(let key):
                let i = at(key)
                lines.insert(lines[i], at: lines.count - 1)
            case .remove(let key):
                lines.remove(at: at(key))
            }
            return lines.joined(separator: "\r\n")
        }
    }

    /// The file with every row that is not a note rewritten by `change` (cells in, written
    /// cells out), CRLF and the byte order mark kept.
    static func rewrite(_ text: String, _ change: ([String]) -> [String]) -> String {
        let records = (try? CSV.records(text, file: "t.csv")) ?? []
        return "\u{FEFF}" + records.map { record in
            record.isNote ? record.fields.map(CaseTemplate.quoted).joined(separator: ",") : change(record.fields).joined(separator: ",")
        }.map { $0 + "\r\n" }.joined()
    }

    // MARK: The shipped files

    @Test("the shipped template is the reader's own rows, empty (JBP_TEMPLATE=write rewrites it)")
    func shipped() throws {
        let expected = CaseTemplate.csv()
        if ProcessInfo.processInfo.environment["JBP_TEMPLATE"] == "write" {
            try expected.write(to: Self.root.appendingPathComponent(Self.templatePath), atomically: true, encoding: .utf8)
            let fixture = Self.root.appendingPathComponent("Tests/JBPModelTests/Fixtures/hengda-2025-template.csv")
            if !FileManager.default.fileExists(atPath: fixture.path) {
                try CaseTemplate.csv(filledWith: Self.hengda()).write(to: fixture, atomically: true, encoding: .utf8)
            }
        }
        let text = try Self.source(Self.templatePath)
        #expect(text == expected, "course/downloads/case-template.csv differs from CaseTemplate.csv(): JBP_TEMPLATE=write swift test --filter CaseTemplateTests")
        let bytes = try [UInt8](Data(contentsOf: Self.root.appendingPathComponent(Self.templatePath)))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "the template starts with a UTF-8 byte order mark, for Excel and WPS")
        #expect(text.contains("\r\nkey,中文名称,单位,取数来源,value\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test("the filled fixture has the template's rows, only the values filled in")
    func fixtureMatchesTemplate() throws {
        let template = Self.lines(try Self.source(Self.templatePath))
        let filled = Self.lines(try Self.filled())
        try #require(template.count == filled.count)
        for (empty, full) in zip(template, filled) {
            if empty.hasSuffix(",") {
                #expect(full.hasPrefix(empty), "\(full) is not \(empty) filled in")
            } else {
                #expect(full == empty)
            }
        }
    }

    /// Every key a case can have (model.md §1), from the case reader's own writer, which
    /// writes every key with the defaults written out: hengda-2025 has every optional key,
    /// four expense lines and two channels.
    @Test("every key model.md §1 allows is a row of the template, and the template has no other")
    func everyKey() throws {
        var c = try Self.hengda()
        c.limits = Case.Limits(coverageRate: 0.1, skusPerOutlet: 1, salesPerRep: 0.2, inventoryDays: 0.3, dsoDays: 0.2, costPerCase: 0.1)
        let values = CaseTemplate.values(of: c)
        let keys = Set(CaseTemplate.rows.map(\.key))
        for key in values.keys.sorted() {
            #expect(keys.contains(key), "\(key) is not a row of the template")
        }
        for key in keys.sorted() where !key.hasPrefix("coverage.") || key.hasPrefix("coverage.1.") {
            #expect(values[key] != nil, "\(key) is a row of the template but no key of a case")
        }
        for top in Case.keys {
            #expect(keys.contains(top) || keys.contains { $0.hasPrefix("\(top).") }, "no row for \(top)")
        }
        for limit in Case.Limits.keys {
            #expect(keys.contains("limits.\(limit)"))
        }
        // Every channel the template offers has the same rows.
        for n in 1...CaseTemplate.channelsShipped {
            #expect(CaseTemplate.rows.filter { $0.key.hasPrefix("coverage.\(n).") }.map { $0.key.split(separator: ".").last.map(String.init) ?? "" }
                    == ["id", "name", "universe", "covered", "target_rate", "sales_per_outlet"])
        }
    }

    @Test("the data request asks for every figure of the template but the limits and the id")
    func dataRequest() throws {
        let text = try Self.source("course/downloads/data-request.md")
        for row in CaseTemplate.rows where !row.key.hasPrefix("limits.") && !["id", "currency"].contains(row.key) {
            let parts = row.key.split(separator: ".")
            let key = parts.first == "coverage" ? "coverage.n.\(parts[2])" : row.key
            #expect(text.contains("`\(key)`"), "data-request.md does not ask for \(key)")
        }
    }

    @Test("the rows' units say how a value is read: 比率 for every rate, 元 for every amount")
    func units() {
        let rates = ["targets.roi", "coverage.1.target_rate", "logistics.target_on_time_rate", "logistics.target_fill_rate",
                     "costs.variable_rate", "limits.coverage_rate", "limits.sales_per_rep", "limits.inventory_days",
                     "limits.dso_days", "limits.cost_per_case"]
        let texts = ["id", "name", "currency", "coverage.1.id", "coverage.1.name"]
        for row in CaseTemplate.rows where !row.key.hasPrefix("coverage.") || row.key.hasPrefix("coverage.1.") {
            let expected: CaseTemplate.Kind = rates.contains(row.key) ? .rate : texts.contains(row.key) ? .text
                : ["元", "元/箱"].contains(row.unit) ? .money : .number
            #expect(row.kind == expected, "\(row.key): \(row.unit)")
            #expect(!row.name.isEmpty && !row.source.isEmpty)
        }
    }

    // MARK: Reading

    @Test("the filled-in hengda template is hengda-2025.yaml's case, and so its review")
    func hengda() throws {
        let yaml = try Self.hengda()
        let csv = try CaseTemplate.read(Self.filled(), file: "hengda-2025-template.csv")
        #expect(csv == yaml)
        let a = try Review(csv), b = try Review(yaml)
        #expect(a.result.roi == b.result.roi)
        #expect(a.result.roiGap == b.result.roiGap)
        #expect(a.result == b.result)
        #expect(a.coverage.gapOutlets == b.coverage.gapOutlets)
        #expect(a.terminal.gapSKUsPerOutlet == b.terminal.gapSKUsPerOutlet)
        #expect(a.inventory.gapDays == b.inventory.gapDays)
        #expect(a.finance.gapDays == b.finance.gapDays)
        #expect(a.team.gapPerRep == b.team.gapPerRep)
        #expect((a.coverage, a.terminal, a.inventory, a.logistics, a.finance, a.team) == (b.coverage, b.terminal, b.inventory, b.logistics, b.finance, b.team))
        #expect(a.opportunities.map(\.roiDelta) == b.opportunities.map(\.roiDelta))
        #expect(a.json == b.json)
    }

    /// The same file as a spreadsheet or an editor may save it.
    static let variants: [(String, @Sendable (String) -> String)] = [
        ("without the byte order mark", { String($0.dropFirst()) }),
        ("LF line ends", { $0.replacingOccurrences(of: "\r\n", with: "\n") }),
        ("CR line ends (old Excel for Mac)", { $0.replacingOccurrences(of: "\r\n", with: "\r") }),
        ("LF, no BOM, no last line end", { String($0.dropFirst().replacingOccurrences(of: "\r\n", with: "\n").dropLast()) }),
        ("every cell quoted", { text in
            CaseTemplateTests.rewrite(text) { $0.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" } }
        }),
        ("commas and quotes in the Chinese names", {
            $0.replacingOccurrences(of: "sales.target,销售指标,", with: "sales.target,\"销售指标, 即\"\"任务\"\"\",")
                .replacingOccurrences(of: "\r\npnl.cogs,销售成本（卖出的货的进货成本）,", with: "\r\npnl.cogs,\"销售成本,\r\n不含税\",")
        }),
        ("trailing empty cells, as Excel pads rows", { text in
            CaseTemplateTests.lines(text).map { $0.isEmpty ? $0 : $0 + ",," }.joined(separator: "\r\n")
        }),
        ("blank rows and notes between the rows", {
            $0.replacingOccurrences(of: "\r\nsales.actual,", with: "\r\n\r\n,,,,\r\n# 备注：去年的数\r\n   \r\nsales.actual,")
        }),
        ("the columns in another order", { text in
            CaseTemplateTests.rewrite(text) { cells in
                var cells = cells
                if cells.count == 5 { cells.swapAt(0, 4) }
                return cells.map(CaseTemplate.quoted)
            }
        }),
        ("the template's own writer", { _ in CaseTemplate.csv(filledWith: try? CaseTemplateTests.hengda()) }),
        ("values typed with spaces and full-width digits", {
            $0.replacingOccurrences(of: ",人,人事表,12", with: ",人,人事表,  １２ ")
                .replacingOccurrences(of: "单,物流单据,18000", with: "单,物流单据,\"18，000\"")
        }),
    ]

    @Test("BOM, line ends, quoting and padding do not change the case", arguments: variants.indices)
    func variant(_ index: Int) throws {
        let (name, change) = Self.variants[index]
        let text = change(try Self.filled())
        #expect(text != (try Self.filled()) || name == "the template's own writer", "\(name) changed nothing")
        let read = Self.read(text)
        #expect(try read.get() == Self.hengda(), "\(name)")
    }

    @Test("the empty template is refused, naming the first missing required key and its row")
    func empty() throws {
        let text = try Self.source(Self.templatePath)
        let error = try #require(Self.read(text).failure)
        #expect(error.path == "id")
        #expect(error.line == Self.line(of: "id", in: text))
        #expect(error.chinese == "第 \(error.line ?? 0) 行：没有填写（必填）")
        #expect(error.description == "template.csv: id: line \(error.line ?? 0): has no value (required)")
    }

    /// A bad template: the filled one with one edit, the key and row it is refused at, and
    /// what the refusal says (its Chinese where the case reader has Chinese, else English).
    struct Bad: Sendable, CustomTestStringConvertible {
        let name: String
        let edit: Edit
        /// The key of the refusal.
        let key: String
        /// The row of this key (the last one for a duplicate); nil: the refusal has no row.
        let rowOf: String?
        let says: String
        var testDescription: String { name }

        init(_ name: String, _ edit: Edit, key: String, rowOf: String? = "", says: String) {
            self.name = name
            self.edit = edit
            self.key = key
            self.rowOf = rowOf == "" ? key : rowOf
            self.says = says
        }
    }

    static let bad: [Bad] = [
        Bad("a letter in a number", .set("sales.actual", "1020000O"), key: "sales.actual", says: "应为数字，实际是文字“1020000O”"),
        Bad("a number in words", .set("team.reps", "十二"), key: "team.reps", says: "应为数字，实际是文字“十二”"),
        Bad("a negative amount", .set("pnl.cogs", "-8874000"), key: "pnl.cogs", says: "销售成本不能是负数（-8874000）"),
        Bad("a negative amount in yuan", .set("balance.inventory", "¥-1,460,000"), key: "balance.inventory", says: "平均库存不能是负数（-1460000）"),
        Bad("an unknown key", .rename("sales.last_year", "sales.lastyear"), key: "sales.lastyear", says: "没有这个 key（是不是 sales.last_year？）"),
        Bad("an unknown channel field", .rename("coverage.2.universe", "coverage.2.univers"), key: "coverage.2.univers", says: "没有这个 key（是不是 coverage.2.universe？）"),
        Bad("a channel without a number", .rename("coverage.2.universe", "coverage.two.universe"), key: "coverage.two.universe", says: "没有这个 key（渠道的 key 是 coverage.编号.字段"),
        Bad("an unknown section", .rename("team.reps", "people.reps"), key: "people.reps", says: "没有这个 key（可用的 key 就是模板第一列里的那些"),
        Bad("a duplicated key", .duplicate("sales.actual"), key: "sales.actual", rowOf: nil, says: "sales.actual 重复了（第 "),
        Bad("a channel row with a missing id", .set("coverage.2.id", ""), key: "coverage.2.id", says: "没有填写（必填）"),
        Bad("a channel row taken out", .remove("coverage.1.name"), key: "coverage.1.name", rowOf: "coverage.1.id", says: "缺少（必填）"),
        Bad("covered above universe", .set("coverage.2.covered", "2500"), key: "coverage.2.covered", says: "第 2 个渠道（传统渠道）的活跃网点数是 2500，不能超过这个渠道的区域内网点总数（2400）"),
        Bad("two channels with one id", .set("coverage.2.id", "modern"), key: "coverage.2.id", says: "第 2 个渠道（传统渠道）的编号“modern”和第 1 个渠道的编号重复了"),
        Bad("a rate as a bare 95", .set("coverage.1.target_rate", "95"), key: "coverage.1.target_rate", says: "目标覆盖率应在 0 到 1 之间（比率写成小数，0.95 表示 95%），实际是 95"),
        Bad("a rate above 100 %", .set("targets.roi", "120%"), key: "targets.roi", says: "目标投入产出比 ROI 应在 0 到 1 之间（比率写成小数，0.95 表示 95%），实际是 1.2"),
        Bad("a percentage where the unit is yuan", .set("sales.actual", "12%"), key: "sales.actual", says: "只有单位是“比率”的行能写百分数，这一行的单位是“元”"),
        Bad("a percentage where the unit is days", .set("inventory.target_days", "30%"), key: "inventory.target_days", says: "这一行的单位是“天”"),
        Bad("a decimal comma", .set("logistics.target_cost_per_case", "0,38"), key: "logistics.target_cost_per_case", says: "逗号的位置不对"),
        Bad("a misgrouped thousands separator", .set("sales.target", "12,00,000"), key: "sales.target", says: "逗号的位置不对"),
        Bad("a required key left empty", .set("logistics.cases", ""), key: "logistics.cases", says: "没有填写（必填）"),
        Bad("a required row taken out", .remove("logistics.cases"), key: "logistics.cases", rowOf: "logistics", says: "缺少（必填）"),
        Bad("days not whole", .set("days", "365.5"), key: "days", says: "365.5 不是正整数（1…100000）"),
        Bad("a logistics expense typed under another name", .rename("pnl.expenses.logistics", "pnl.expenses.logistcs"),
            key: "pnl.expenses.logistics", rowOf: "pnl.expenses.staff", says: "缺少（必填）；logistcs 是不是想写 logistics？"),
        Bad("a second header", .rename("team.reps", "key"), key: "", rowOf: "key", says: "又一行表头"),
    ]

    @Test("a bad template is refused with the row and the key", arguments: bad)
    func refused(_ row: Bad) throws {
        let filled = try Self.filled()
        let text = row.edit.apply(filled)
        let error = try #require(Self.read(text).failure, "\(row.name) was read")
        #expect(error.path == row.key)
        let expectedLine: Int?
        switch (row.rowOf, row.edit) {
        case (nil, _): expectedLine = Self.lines(text).count - 1
        case ("key", .rename(let key, _)): expectedLine = Self.line(of: key, in: filled)
        case ("logistics", _): expectedLine = Self.line(of: "logistics.orders", in: text)
        case (let key?, _): expectedLine = Self.line(of: key, in: text)
        }
        #expect(error.line == expectedLine)
        let said = error.chinese ?? error.message
        #expect(said.contains(row.says), "\(said)")
        #expect(said.hasPrefix(error.chinese == nil ? "line \(expectedLine ?? 0): " : "第 \(expectedLine ?? 0) 行："), "\(said)")
        #expect(!error.description.contains("\n"))
    }

    /// model.md §1's required keys are the reader's: a row left empty is refused exactly
    /// where the template says 必填 (the other rows take their defaults).
    @Test("a row may be left empty exactly when the template says it may")
    func required() throws {
        let filled = try Self.filled()
        for row in CaseTemplate.rows where Self.line(of: row.key, in: filled) != nil {
            guard !filled.contains("\r\n\(row.key),\(row.name),\(row.unit),\(row.source),\r\n") else { continue }
            let text = Edit.set(row.key, "").apply(filled)
            switch Self.read(text) {
            case .success:
                #expect(!row.required, "\(row.key) is 必填 but may be left empty")
            case .failure(let error):
                #expect(row.required, "\(row.key) may be left empty but was refused: \(error)")
                #expect(error.path == row.key)
                #expect(error.line == Self.line(of: row.key, in: text))
            }
        }
    }

    @Test("a value is read as it is typed: thousands separators, yuan, percentages, full-width digits")
    func typed() throws {
        let cases: [(key: String, typed: String, read: (Case) -> Double)] = [
            ("sales.actual", "10,200,000.00", { $0.sales.actual }),
            ("sales.actual", "￥10,200,000", { $0.sales.actual }),
            ("sales.actual", "１０２０００００", { $0.sales.actual }),
            ("sales.actual", "+10200000", { $0.sales.actual }),
            ("sales.actual", "1.02E+07", { $0.sales.actual }),
            ("coverage.1.target_rate", "95.00%", { $0.coverage[0].targetRate }),
            ("coverage.1.target_rate", "0.95", { $0.coverage[0].targetRate }),
            ("coverage.1.target_rate", "９５％", { $0.coverage[0].targetRate }),
            ("costs.variable_rate", "1%", { $0.costs.variableRate }),
        ]
        let yaml = try Self.hengda()
        for (key, typed, read) in cases {
            let c = try CaseTemplate.read(Edit.set(key, typed).apply(Self.filled()), file: "t.csv")
            #expect(read(c) == read(yaml), "\(key) = \(typed)")
        }
        let precise = try CaseTemplate.read(Edit.set("logistics.target_fill_rate", "0.5%").apply(Self.filled()), file: "t.csv")
        #expect(precise.logistics.targetFillRate == 0.005)
    }

    @Test("a channel left empty is no channel; the channels keep the order of their rows")
    func channels() throws {
        var text = try Self.filled()
        // Channel 2 moves to the template's channel 4; channel 3 and 5 stay empty.
        for field in ["id", "name", "universe", "covered", "target_rate", "sales_per_outlet"] {
            let value = try #require(Self.lines(text).first { $0.hasPrefix("coverage.2.\(field),") }?.split(separator: ",").last.map(String.init))
            text = Edit.set("coverage.4.\(field)", value).apply(Edit.set("coverage.2.\(field)", "").apply(text))
        }
        #expect(try Self.read(text).get() == Self.hengda())
        // A problem in the second channel is named by its row in the file: coverage.4.
        let error = try #require(Self.read(Edit.set("coverage.4.covered", "2500").apply(text)).failure)
        #expect(error.path == "coverage.4.covered")
        #expect(error.line == Self.line(of: "coverage.4.covered", in: text))
        // No channel at all.
        var none = text
        for n in [1, 4] { for field in ["id", "name", "universe", "covered", "target_rate", "sales_per_outlet"] { none = Edit.set("coverage.\(n).\(field)", "").apply(none) } }
        let noChannel = try #require(Self.read(none).failure)
        #expect(noChannel.path == "coverage")
        #expect(noChannel.message.hasSuffix("has no channel (at least one is needed)"))
    }

    @Test("a case with more channels, further expenses and limits writes to a template that reads back equal")
    func roundTrip() throws {
        var c = try Self.hengda()
        for i in 3...8 {
            c.coverage.append(Case.Channel(id: "c\(i)", name: "渠道, \"\(i)\"", universe: Double(10 * i), covered: Double(i), targetRate: 0.5, salesPerOutlet: 1234.5))
        }
        c.pnl.expenses.append(Case.Expense(name: "marketing", amount: 12_000))
        c.pnl.expenses.append(Case.Expense(name: "租金", amount: 1))
        c.limits.dsoDays = 0.2
        c.sales.lastYear = nil
        c.name = "名字，带\"引号\"，和逗号,"
        let text = CaseTemplate.csv(filledWith: c)
        #expect(text.contains("\r\ncoverage.8.sales_per_outlet,"))
        #expect(text.contains("\r\npnl.expenses.租金,"))
        #expect(try Self.read(text).get() == c)
    }

    @Test("bytes: UTF-8 with or without BOM is read; GBK and UTF-16 are refused with how to save as UTF-8")
    func bytes() throws {
        let text = try Self.filled()
        let utf8 = Array(text.utf8)
        #expect(try CaseTemplate.read(bytes: utf8, file: "t.csv") == Self.hengda())
        #expect(try CaseTemplate.read(bytes: Array(utf8.dropFirst(3)), file: "t.csv") == Self.hengda())
        // 恒达 in GBK, on the third line.
        let gbk = Array("# a\n# b\n".utf8) + [0xBA, 0xE3, 0xB4, 0xEF] + Array("\n".utf8)
        let error = try #require(refusal { () throws(ModelError) in try CaseTemplate.read(bytes: gbk, file: "t.csv") })
        #expect(error.line == 3)
        #expect(error.chinese?.hasPrefix("第 3 行：文件不是 UTF-8 编码") == true)
        #expect(error.chinese?.contains("CSV UTF-8") == true)
        let utf16 = [UInt8(0xFF), 0xFE] + Array("k\0e\0y\0".utf8)
        let error16 = try #require(refusal { () throws(ModelError) in try CaseTemplate.read(bytes: utf16, file: "t.csv") })
        #expect(error16.chinese?.contains("UTF-16") == true)
    }

    /// Files that are not a filled template at all: one refusal, never a crash.
    @Test("a file that is not a template is refused with one line", arguments: [
        ("", "", nil, "找不到表头"),
        ("\u{FEFF}# 只有说明\r\n,,,,\r\n", "", nil, "找不到表头"),
        ("id: hengda-2025\nname: 恒达\n", "", 1, "第 1 行：应是表头 key,中文名称,单位,取数来源,value"),
        ("key\t中文名称\t单位\t取数来源\tvalue\nid\t\t\t\thengda\n", "", 1, "制表符"),
        ("key,value\nid,\"hengda\n", "", 2, "第 2 行：引号没有配对"),
        ("key,value\nid,\"heng\"da\n", "", 2, "第 2 行：引号结束后"),
        ("key,value\nsales.actual,10,200,000\n", "sales.actual", 2, "第 2 行：这一行比表头多了格子（多出“200”）"),
        ("key,value\n,5\n", "", 2, "第 2 行：这一行填了 value，但没有 key"),
        ("key,value\n" + String(repeating: "k", count: 500) + ",1\n", String(repeating: "k", count: 40) + "…", 2, "没有这个 key"),
        ("key,value\nname,x\n", "id", 1, "第 1 行：缺少（必填）"),
    ] as [(String, String, Int?, String)])
    func hostile(text: String, key: String, line: Int?, says: String) throws {
        let error = try #require(Self.read(text).failure)
        #expect(error.path == key)
        #expect(error.line == line)
        #expect(error.chinese?.contains(says) == true, "\(error.chinese ?? error.message)")
        #expect(!error.description.contains("\n"))
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
