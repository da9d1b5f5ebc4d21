/// The case template (`course/downloads/case-template.csv`): a distributor case as a
/// spreadsheet a trainee fills in, one row per figure of model.md §1, and its reader.
///
/// The file has the columns `key,中文名称,单位,取数来源,value`; only `key` and `value`
/// are read, found by their header names. Rows whose key starts with `#` are notes, and
/// so are blank rows. The key scheme is the case's key paths with dots:
///
/// - `id`, `sales.target`, `balance.fixed_assets`, `limits.dso_days`, … as in model.md §1;
/// - `pnl.expenses.<name>` for each expense line (`staff`, `warehouse`, `logistics`,
///   `other`, and any further name without a dot or a space);
/// - `coverage.<n>.<field>` for the channels, `n` = 1, 2, 3, … (the template ships
///   `channelsShipped` of them); a channel whose rows are all empty is not a channel,
///   and the channels are in the order their first filled row appears.
///
/// An empty value means the key has no value, which the case reader takes as absent: a
/// default applies, and a required key is refused as "has no value" at its row (a row
/// taken out is "missing"). Rows may be left out or reordered; a key may not appear twice,
/// and a key the template does not have is refused with the nearest one. Values are read as a person types them in a spreadsheet:
/// surrounding spaces, full-width digits and punctuation (`１２３`, `，`, `％`), thousands
/// separators in their places (`1,234,567.5`), a leading `¥` or `￥` on amounts, and a
/// percentage (`95%` = 0.95) only where the unit is a rate (`比率`): elsewhere `%` is
/// refused, so that `12%` can never be read as 12 by mistake. A bare `95` on a rate row
/// stays 95 and the case reader refuses it as a rate outside [0, 1].
///
/// The rows become the same document the YAML reader makes (each value carrying its row
/// as its line), and `Case.read` reads it: every rule of model.md §1 is checked there,
/// once, for both formats. Its refusals are handed on with the template's key
/// (`coverage.2.covered`, not `coverage[1].covered`) and the row number, which is the
/// spreadsheet's row (the text line too, unless a cell holds a line break).
public enum CaseTemplate {
    /// How a row's value is read, from its unit.
    public enum Kind: Sendable, Equatable {
        /// Kept as typed (trimmed): `id`, names, `currency`.
        case text
        /// An amount of money (`元`, `元/箱`): a leading `¥`/`￥` is allowed.
        case money
        /// A rate or share (`比率`): `0.95` or `95%`.
        case rate
        /// A count or a number of days: neither `¥` nor `%`.
        case number
    }

    /// One row of the template.
    public struct Row: Sendable, Equatable {
        /// The key (`sales.target`, `coverage.1.universe`).
        public let key: String
        /// The section it is listed under (`销售`), also a note row in the file.
        public let section: String
        /// 中文名称: the figure in the trainee's words, with `（选填…）` where it may stay empty.
        public let name: String
        /// 单位: `元`, `元/箱`, `比率`, `天`, `家`, `个`, `单`, `行`, `箱`, `人`, `文字`.
        public let unit: String
        /// 取数来源: where the figure comes from (进销存, 财务报表, 终端检查表, …).
        public let source: String
        /// False where the case reader has a default or the key may be left out (a channel's
        /// rows are required once any row of that channel is filled).
        public let required: Bool

        /// How the value is read.
        public var kind: Kind { CaseTemplate.kind(unit: unit) }
    }

    /// The header row's column names.
    public static let columns = ["key", "中文名称", "单位", "取数来源", "value"]

    /// How many channels the empty template offers (`coverage.1.*` … `coverage.5.*`).
    public static let channelsShipped = 5

    /// A channel's fields in model.md §1's order, with name, unit and source.
    static let channelFields: [(field: String, name: String, unit: String, source: String)] = [
        ("id", "编号（英文字母，各渠道不同，如 modern）", "文字", "自定"),
        ("name", "名称（如 现代渠道）", "文字", "自定"),
        ("universe", "区域内网点总数", "家", "市场普查"),
        ("covered", "活跃网点数（回顾期内有进货的网点）", "家", "进销存"),
        ("target_rate", "目标覆盖率", "比率", "厂家目标"),
        ("sales_per_outlet", "每家活跃网点一年的销售额", "元", "进销存"),
    ]

    /// The rows of one channel.
    static func channelRows(_ n: Int) -> [Row] {
        channelFields.map { Row(key: "coverage.\(n).\($0.field)", section: "渠道覆盖", name: "渠道\(n) \($0.name)",
                                unit: $0.unit, source: $0.source, required: true) }
    }

    /// Every row of the empty template, in its order (model.md §1's).
    public static let rows: [Row] = {
        func row(_ key: String, _ section: String, _ name: String, _ unit: String, _ source: String, required: Bool = true) -> Row {
            Row(key: key, section: section, name: name, unit: unit, source: source, required: required)
        }
        var rows = [
            row("id", "基本信息", "案例编号（英文字母、数字和连字符，如 hengda-2025）", "文字", "自定"),
            row("name", "基本信息", "经销商名称", "文字", "营业执照"),
            row("currency", "基本信息", "币种（选填，默认 CNY 人民币）", "文字", "自定", required: false),
            row("days", "基本信息", "回顾期天数（选填，默认 365）", "天", "自定", required: false),
            row("sales.target", "销售", "销售指标", "元", "厂家合同"),
            row("sales.actual", "销售", "实际销售额", "元", "进销存"),
            row("sales.last_year", "销售", "去年同期销售额（选填）", "元", "进销存", required: false),
            row("pnl.cogs", "损益", "销售成本（卖出的货的进货成本）", "元", "财务报表"),
            row("pnl.rebates", "损益", "厂家返利和补贴（选填，默认 0）", "元", "厂家对账单", required: false),
            row("pnl.expenses.staff", "损益", "人员费用（工资、提成、社保）", "元", "人事表", required: false),
            row("pnl.expenses.warehouse", "损益", "仓储费用（仓库租金、水电、仓管）", "元", "财务报表", required: false),
            row("pnl.expenses.logistics", "损益", "物流配送费用（车辆、油费、司机、外包运费）", "元", "物流单据"),
            row("pnl.expenses.other", "损益", "其他运营费用（办公、招待等；不含利息）", "元", "财务报表", required: false),
            row("balance.inventory", "资金占用", "平均库存（按进货成本）", "元", "进销存"),
            row("balance.receivables", "资金占用", "平均应收账款", "元", "财务报表"),
            row("balance.fixed_assets", "资金占用", "固定资产（车辆、货架、仓库设备；选填，默认 0）", "元", "财务报表", required: false),
            row("balance.prepayments", "资金占用", "预付款（如预付厂家的货款；选填，默认 0）", "元", "财务报表", required: false),
            row("balance.payables", "资金占用", "应付账款（选填，默认 0）", "元", "财务报表", required: false),
            row("targets.roi", "目标", "厂家希望经销商达到的投入产出比 ROI", "比率", "厂家目标"),
        ]
        for n in 1...channelsShipped { rows += channelRows(n) }
        rows += [
            row("terminal.must_sell_skus", "终端", "必销 SKU 数（厂家要求每家店都有的品项数）", "个", "厂家目标"),
            row("terminal.audited_outlets", "终端", "检查过的网点数", "家", "终端检查表"),
            row("terminal.distribution_points", "终端", "检查到的必销 SKU 合计（每家店有几个，加起来）", "个", "终端检查表"),
            row("terminal.target_skus_per_outlet", "终端", "目标单店 SKU 数", "个", "厂家目标"),
            row("terminal.sales_per_sku_point", "终端", "一个 SKU 在一家网点一年的销售额", "元", "进销存"),
            row("inventory.target_days", "库存", "目标库存天数", "天", "厂家目标"),
            row("logistics.orders", "物流", "订单数", "单", "物流单据"),
            row("logistics.on_time_orders", "物流", "按约定时间送到的订单数", "单", "物流单据"),
            row("logistics.order_lines", "物流", "订单行数（每张订单的品项行加起来）", "行", "物流单据"),
            row("logistics.filled_lines", "物流", "足量送到的订单行数", "行", "物流单据"),
            row("logistics.cases", "物流", "送货箱数", "箱", "物流单据"),
            row("logistics.target_on_time_rate", "物流", "目标准时送货率", "比率", "厂家目标"),
            row("logistics.target_fill_rate", "物流", "目标订单满足率", "比率", "厂家目标"),
            row("logistics.target_cost_per_case", "物流", "目标每箱物流成本", "元/箱", "厂家目标"),
            row("finance.target_dso_days", "财务", "目标应收账款天数", "天", "厂家目标"),
            row("finance.bad_debts", "财务", "坏账（收不回来的货款；选填，默认 0）", "元", "财务报表", required: false),
            row("team.reps", "团队", "业务员人数", "人", "人事表"),
            row("team.target_sales_per_rep", "团队", "目标人均销售额", "元", "厂家目标"),
            row("costs.variable_rate", "变动费用", "物流以外随销售增长的费用占销售额的比例（提成、装卸、报损；选填，默认 0）", "比率", "财务报表", required: false),
            row("limits.coverage_rate", "计划上限", "12个月内覆盖率最多能提高多少（选填，默认 15 个百分点）", "比率", "双方商定", required: false),
            row("limits.skus_per_outlet", "计划上限", "12个月内单店 SKU 数最多能增加几个（选填，默认 2）", "个", "双方商定", required: false),
            row("limits.sales_per_rep", "计划上限", "12个月内人均销售额最多能提高的比例（选填，默认 25%）", "比率", "双方商定", required: false),
            row("limits.inventory_days", "计划上限", "12个月内库存天数最多能降低的比例（选填，默认 40%）", "比率", "双方商定", required: false),
            row("limits.dso_days", "计划上限", "12个月内应收账款天数最多能降低的比例（选填，默认 30%）", "比率", "双方商定", required: false),
            row("limits.cost_per_case", "计划上限", "12个月内每箱物流成本最多能降低的比例（选填，默认 15%）", "比率", "双方商定", required: false),
        ]
        return rows
    }()

    /// The note rows at the top of the template.
    static let preamble = [
        "# 经销商案例模板（生意回顾与联合生意计划）：一行一个数字，只填最后一列 value，前四列不要改。填写说明见 case-template.md，要向经销商要的数据见 data-request.md。",
        "# 金额的单位是元（币种见 currency 行），可以写 1234567、1,234,567 或 ¥1,234,567。单位是“比率”的行写 0.95 或 95%，其他行不能用 %。",
        "# 空着的格子 = 没有这个数：必填的导入时会报出来，选填的用默认值。渠道一组 6 行（coverage.1 到 coverage.5），用几组填几组，整组空着的不算；渠道不够就照样加 coverage.6 的 6 行。",
        "# 以 # 开头的行是说明，导入时跳过。另存时请选「CSV UTF-8（逗号分隔）」。",
    ]

    // MARK: Writing

    /// The template as a file: UTF-8 with a byte order mark (so that Excel and WPS read the
    /// Chinese names as UTF-8), CRLF line ends (RFC 4180), notes, the header and the rows;
    /// each `value` from `filled` when given (what `course/downloads/case-template.csv` is
    /// with nil). A case with more channels or further expense lines gets rows for them;
    /// `limits` equal to the defaults are left empty.
    public static func csv(filledWith filled: Case? = nil) -> String {
        var values: [String: String] = [:]
        var rows = self.rows
        if let c = filled {
            values = self.values(of: c)
            let named = Set(rows.map(\.key))
            let further = c.pnl.expenses.filter { !named.contains("pnl.expenses.\($0.name)") }.map {
                Row(key: "pnl.expenses.\($0.name)", section: "损益", name: "运营费用：\($0.name)", unit: "元", source: "财务报表", required: false)
            }
            if let at = rows.firstIndex(where: { $0.key == "pnl.expenses.other" }) { rows.insert(contentsOf: further, at: at + 1) }
            if c.coverage.count > channelsShipped, let at = rows.lastIndex(where: { $0.key.hasPrefix("coverage.") }) {
                rows.insert(contentsOf: (channelsShipped + 1...c.coverage.count).flatMap(channelRows), at: at + 1)
            }
        }
        var lines = preamble.map(quoted)
        lines.append(columns.joined(separator: ","))
        var section = ""
        for row in rows {
            if row.section != section {
                section = row.section
                lines.append(quoted("# \(section)"))
            }
            lines.append([row.key, row.name, row.unit, row.source, values[row.key] ?? ""].map(quoted).joined(separator: ","))
        }
        return "\u{FEFF}" + lines.map { $0 + "\r\n" }.joined()
    }

    /// A case's figures by template key, as the case format writes numbers.
    public static func values(of c: Case) -> [String: String] {
        var values: [String: String] = [:]
        func flatten(_ value: JSONValue, _ key: String) {
            switch value {
            case .object(let members):
                for member in members { flatten(member.value, key.isEmpty ? member.key : "\(key).\(member.key)") }
            case .array(let items):
                for (i, item) in items.enumerated() { flatten(item, "\(key).\(i + 1)") }
            case .string(let text): values[key] = text
            case .number(let x): values[key] = NumberSyntax.text(x)
            case .bool, .null: break
            }
        }
        flatten(c.json, "")
        for (key, value) in c.limits.members where value == Limits.defaults.value(key) {
            values["limits.\(key)"] = nil
        }
        return values
    }

    private typealias Limits = Case.Limits

    /// A field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break.
    public static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return field }
        return "\"" + field.replacingAll("\"", with: "\"\"") + "\""
    }

    // MARK: Reading

    /// Reads a filled-in template from the bytes of the file: UTF-8, with or without a
    /// byte order mark. A file in another encoding (GBK, which Excel's plain "CSV" writes on
    /// a Chinese Windows; UTF-16, its "Unicode text") is refused with how to save it as
    /// UTF-8; then as `read(_:file:)`.
    public static func read(bytes: [UInt8], file: String) throws(ModelError) -> Case {
        try read(text(of: bytes, file: file), file: file)
    }

    /// The text of a template file's bytes, refused unless they are UTF-8.
    public static func text(of bytes: [UInt8], file: String) throws(ModelError) -> String {
        let save = "请在 Excel 里用「另存为 → CSV UTF-8（逗号分隔）」，在 WPS 里选 UTF-8 编码的 CSV，再导入"
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw ModelError(file: file, path: "", message: "the file is UTF-16 (\"Unicode text\"), not a UTF-8 CSV",
                             line: 1, chinese: "文件是 UTF-16 编码（“Unicode 文本”），不是 UTF-8 的 CSV：\(save)")
        }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var line = 1
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): if scalar == "\n" { line += 1 }
            case .emptyInput: break decoding
            case .error:
                throw ModelError(file: file, path: "", message: "line \(line): the file is not UTF-8 (perhaps GBK); save it as \"CSV UTF-8\"",
                                 line: line, chinese: "第 \(line) 行：文件不是 UTF-8 编码（可能是 GBK）：\(save)")
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Reads a filled-in template (CSV text, with or without a byte order mark, CRLF, LF or
    /// CR line ends) into a case, checked by `Case.read` against every rule of model.md §1.
    /// `file` names the file in messages. A refusal's `path` is the template key, its
    /// `line` the row, and its `message` (and `chinese`, where the case reader has one)
    /// starts with the row: `line 12: …`, `第 12 行：…`.
    public static func read(_ text: String, file: String) throws(ModelError) -> Case {
        var reader = Reader(file: file)
        let root = try reader.document(CSV.records(text, file: file))
        do {
            return try Case.read(Field(file: file, path: "", tree: root))
        } catch {
            throw reader.located(error)
        }
    }

    /// How a value of this unit is read.
    static func kind(unit: String) -> Kind {
        switch unit {
        case "文字": return .text
        case "元", "元/箱": return .money
        case "比率": return .rate
        default: return .number
        }
    }

    /// The template's known keys and how each is read; nil for a key the template does not have.
    static func kind(of key: String) -> Kind? {
        if let row = fixed[key] { return row.kind }
        let parts = key.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 3, parts[0] == "coverage", channelNumber(parts[1]) != nil,
           let field = channelFields.first(where: { $0.field == parts[2] }) {
            return kind(unit: field.unit)
        }
        if parts.count == 3, parts[0] == "pnl", parts[1] == "expenses", !parts[2].isEmpty, !parts[2].contains(where: \.isWhitespace) {
            return .money
        }
        return nil
    }

    /// The rows that are not a channel's, by key.
    private static let fixed: [String: Row] = {
        var rows: [String: Row] = [:]
        for row in Self.rows where !row.key.hasPrefix("coverage.") { rows[row.key] = row }
        return rows
    }()

    /// `n` of `coverage.<n>.…`: a positive whole number written without leading zeros.
    static func channelNumber(_ text: Substring) -> Int? {
        guard let n = Int(text), n >= 1, n <= 9999, String(n) == text else { return nil }
        return n
    }

    /// The rows of a file turned into a document, remembering each key's row and each
    /// channel's number, so that the case reader's refusals can be put in the file's terms.
    private struct Reader {
        let file: String
        /// The row of every key seen, empty or not.
        var rowOfKey: [String: Int] = [:]
        /// The number `n` of `coverage[i]`, by i: the channels with a value, in the order
        /// of their first value.
        var channelNumbers: [Int] = []
        /// Each channel's rows, empty ones too.
        var channelRows: [Int: [(field: String, tree: Tree, line: Int)]] = [:]

        init(file: String) { self.file = file }

        func fail(_ line: Int, _ key: String, _ message: String, _ chinese: String) -> ModelError {
            ModelError(file: file, path: key, message: "line \(line): \(message)", line: line, chinese: "第 \(line) 行：\(chinese)")
        }

        mutating func document(_ records: [CSV.Record]) throws(ModelError) -> Tree {
            let header = "key,中文名称,单位,取数来源,value"
            var rest = records[...]
            // Notes and blank rows before the header.
            while let first = rest.first, first.isBlank || first.isNote { rest = rest.dropFirst() }
            guard let head = rest.first else {
                throw ModelError(file: file, path: "", message: "no header row (\(header))", chinese: "找不到表头（\(header)）：文件是空的，或只有说明行")
            }
            let names = head.fields.map { $0.trimmingSpacesAndNewlines().lowercased() }
            guard let keyColumn = names.firstIndex(of: "key"), let valueColumn = names.firstIndex(of: "value") else {
                let tabs = head.fields.contains { $0.contains("\t") } ? "；这一行像是用制表符分隔的，请另存为 CSV UTF-8（逗号分隔）" : ""
                throw ModelError(file: file, path: "", message: "line \(head.line): expected the header row \(header)", line: head.line,
                                 chinese: "第 \(head.line) 行：应是表头 \(header)（以 # 开头的说明行除外）\(tabs)")
            }
            let width = names.count
            let root = Node(line: head.line)
            for record in rest.dropFirst() where !record.isBlank && !record.isNote {
                let line = record.line
                func column(_ i: Int) -> String { i < record.fields.count ? record.fields[i].trimmingSpacesAndNewlines() : "" }
                let key = column(keyColumn), raw = column(valueColumn)
                // A note: its first cell starts with # (the `where` above), or its key does.
                if key.hasPrefix("#") { continue }
                let shownKey = key.count > 40 ? String(key.prefix(40)) + "…" : key
                if let extra = record.fields.dropFirst(width).first(where: { !$0.trimmingSpacesAndNewlines().isEmpty }) {
                    throw fail(line, shownKey, "more cells than the header has (\(NumberSyntax.shown(extra.trimmingSpacesAndNewlines())) after the value column); a number with commas must be quoted",
                               "这一行比表头多了格子（多出“\(NumberSyntax.shown(extra.trimmingSpacesAndNewlines()))”）：带逗号的数要加引号，或写成不带逗号的数")
                }
                if key.isEmpty {
                    guard raw.isEmpty else {
                        throw fail(line, "", "a value without a key", "这一行填了 value，但没有 key")
                    }
                    continue
                }
                if key.lowercased() == "key" {
                    throw fail(line, "", "a second header row (there can be only one)", "又一行表头（表头只能有一行）")
                }
                if let first = rowOfKey[key] {
                    throw fail(line, shownKey, "duplicate key (also on line \(first))", "\(shownKey) 重复了（第 \(first) 行已经有这个 key）")
                }
                guard let kind = CaseTemplate.kind(of: key) else {
                    throw unknown(key: shownKey, line: line)
                }
                rowOfKey[key] = line
                let parts = key.split(separator: ".").map(String.init)
                // An empty value is YAML's null, which the case reader takes as absent (a
                // default applies; a required key "has no value" at its row), except for an
                // expense line, where null would not be an amount: an empty one is left out.
                let tree = raw.isEmpty ? Tree.scalar("", plain: true, line: line) : try value(raw, kind: kind, key: key, line: line)
                if parts[0] == "coverage" {
                    _ = root.child("coverage", line: line)
                    guard let n = channelNumber(Substring(parts[1])) else { continue }
                    if channelRows[n] == nil { channelRows[n] = [] }
                    channelRows[n]?.append((parts[2], tree, line))
                    if !raw.isEmpty, !channelNumbers.contains(n) { channelNumbers.append(n) }
                } else {
                    var node = root
                    for part in parts.dropLast() { node = node.child(part, line: line) }
                    let expense = parts.count == 3 && parts[1] == "expenses"
                    if !raw.isEmpty || !expense { node.set(parts[parts.count - 1], tree, line: line) }
                }
            }
            // The channels with a value, in the order of their first value; all their rows.
            if let list = root.children["coverage"] {
                for n in channelNumbers {
                    let rows = channelRows[n] ?? []
                    let channel = list.child("\(n)", line: rows.first?.line ?? list.line)
                    for row in rows { channel.set(row.field, row.tree, line: row.line) }
                }
            }
            return root.tree
        }

        /// An unknown key, with the nearest known one as a suggestion.
        func unknown(key: String, line: Int) -> ModelError {
            var known = CaseTemplate.rows.map(\.key).filter { !$0.hasPrefix("coverage.") }
            let parts = key.split(separator: ".", omittingEmptySubsequences: false)
            // A channel's row is suggested a field of the same channel; a channel without a
            // usable number is told the scheme.
            let n = parts.count >= 2 && parts[0] == "coverage" ? channelNumber(parts[1]) : 1
            if let n {
                known += channelFields.map { "coverage.\(n).\($0.field)" }
                if let suggestion = Spelling.closest(to: key, among: known) {
                    return fail(line, key, "unknown key (did you mean \(suggestion)?)", "没有这个 key（是不是 \(suggestion)？）")
                }
            }
            if parts.first == "coverage" {
                return fail(line, key, "unknown key (a channel's keys are coverage.<n>.<field>, n = 1, 2, 3, …, field one of: \(channelFields.map(\.field).joined(separator: ", ")))",
                            "没有这个 key（渠道的 key 是 coverage.编号.字段，编号是 1、2、3……，字段是 \(channelFields.map(\.field).joined(separator: "、")) 之一）")
            }
            return fail(line, key, "unknown key (the template's keys are in its first column; see case-template.md)",
                        "没有这个 key（可用的 key 就是模板第一列里的那些，见 case-template.md）")
        }

        /// A value as the case document holds it: text quoted, a number plain in the
        /// case format's syntax. What is not a number after the spreadsheet habits are
        /// undone goes on as text, for the case reader's "expected a number".
        func value(_ raw: String, kind: Kind, key: String, line: Int) throws(ModelError) -> Tree {
            guard kind != .text else { return .scalar(raw, plain: false, line: line) }
            var text = String(String.UnicodeScalarView(raw.unicodeScalars.map(CaseTemplate.halfWidth))).trimmingSpacesAndNewlines()
            var percent = false
            if text.hasSuffix("%") {
                guard kind == .rate else {
                    let unit = CaseTemplate.rows.first { $0.key == key }?.unit ?? (kind == .money ? "元" : "数量")
                    throw fail(line, key, "\(NumberSyntax.shown(raw)): a percentage is only allowed where the unit is a rate (比率), and this row's unit is \(unit)",
                               "\(NumberSyntax.shown(raw))：只有单位是“比率”的行能写百分数，这一行的单位是“\(unit)”")
                }
                percent = true
                text = String(text.dropLast()).trimmingSpacesAndNewlines()
            }
            var sign = ""
            func takeSign() {
                if sign.isEmpty, let first = text.first, first == "-" || first == "+" { sign = String(first); text.removeFirst() }
            }
            takeSign()
            if kind == .money, let first = text.first, first == "¥" || first == "￥" {
                text.removeFirst()
                takeSign()
            }
            if text.contains(",") {
                guard CaseTemplate.isGrouped(text) else {
                    throw fail(line, key, "\(NumberSyntax.shown(raw)): misplaced comma (thousands separators go every three digits, as in 1,234,567.5; the decimal mark is a point)",
                               "\(NumberSyntax.shown(raw))：逗号的位置不对（千位分隔符每三位一个，如 1,234,567.5；小数点用“.”）")
                }
                text.removeAll { $0 == "," }
            }
            // A percentage is the number shifted two places: `95.5e-2`, read exactly as 0.955.
            if percent, text.contains(where: { $0 == "e" || $0 == "E" }) { return .scalar(raw.trimmingSpacesAndNewlines(), plain: false, line: line) }
            let number = sign + text + (percent ? "e-2" : "")
            guard NumberSyntax.isNumber(number) else { return .scalar(raw.trimmingSpacesAndNewlines(), plain: false, line: line) }
            return .scalar(number, plain: true, line: line)
        }

        /// The case reader's refusal in the template's terms: its path as a template key
        /// (`coverage[1].covered` is `coverage.<n of the second channel>.covered`) and the
        /// line of that key's row when the file has one (a required key left empty), the
        /// row also at the head of the message, as the template's own refusals have it.
        func located(_ error: ModelError) -> ModelError {
            var located = error
            if located.path.hasPrefix("coverage["), let close = located.path.firstIndex(of: "]"),
               let i = Int(located.path[located.path.index(located.path.startIndex, offsetBy: 9)..<close]), channelNumbers.indices.contains(i) {
                located.path = "coverage.\(channelNumbers[i])" + located.path[located.path.index(after: close)...]
            }
            // "duplicate channel id modern (also coverage[0])": the other channel by its number too.
            for (i, n) in channelNumbers.enumerated() where located.message.contains("coverage[\(i)]") {
                located.message = located.message.replacingAll("coverage[\(i)]", with: "coverage.\(n)")
            }
            if let line = rowOfKey[located.path] { located.line = line }
            if let line = located.line {
                located.message = "line \(line): \(located.message)"
                located.chinese = located.chinese.map { "第 \(line) 行：\($0)" }
            }
            return located
        }
    }

    /// Full-width digits and number punctuation (a Chinese input method's) as ASCII.
    static func halfWidth(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0xFF10...0xFF19, 0xFF05, 0xFF0B, 0xFF0C, 0xFF0D, 0xFF0E: return Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar
        case 0x2212: return "-"
        default: return scalar
        }
    }

    /// Digits grouped by thousands before the point (`1,234,567` or `12,345.25`), no comma after it.
    static func isGrouped(_ text: String) -> Bool {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        if parts.count == 2, parts[1].contains(",") { return false }
        let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
        guard let first = groups.first, (1...3).contains(first.count) else { return false }
        return groups.allSatisfy { $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
            && groups.dropFirst().allSatisfy { $0.count == 3 }
    }
}

/// A document being built from the template's rows: a map (or, for `coverage`, a list of
/// channel maps by number) whose members keep the order of their first row.
private final class Node {
    let line: Int
    var order: [String] = []
    var children: [String: Node] = [:]
    var leaves: [String: (tree: Tree, line: Int)] = [:]

    init(line: Int) { self.line = line }

    func child(_ key: String, line: Int) -> Node {
        if let node = children[key] { return node }
        let node = Node(line: line)
        children[key] = node
        order.append(key)
        return node
    }

    func set(_ key: String, _ tree: Tree, line: Int) {
        leaves[key] = (tree, line)
        order.append(key)
    }

    /// As the YAML reader would have it; `coverage` as a list.
    var tree: Tree {
        .map(order.map { key in
            if let leaf = leaves[key] { return Tree.Entry(key: key, line: leaf.line, value: leaf.tree) }
            let node = children[key]!
            let value: Tree = key == "coverage"
                ? .list(node.order.map { node.children[$0]!.tree }, line: node.line)
                : node.tree
            return Tree.Entry(key: key, line: node.line, value: value)
        }, line: line)
    }
}

/// A small RFC 4180 reader: JBPModel is pure (Yams only), and the CSV.swift package the
/// course renderer uses is not among its dependencies; the template needs no more than
/// this, plus what spreadsheets write: a byte order mark, CRLF, LF or CR line ends.
enum CSV {
    /// One row: its 1-based number (the spreadsheet's row) and its fields, unquoted.
    struct Record {
        let line: Int
        let fields: [String]

        /// No field holds anything but spaces.
        var isBlank: Bool { fields.allSatisfy { $0.trimmingSpacesAndNewlines().isEmpty } }
        /// The first field starts with `#`.
        var isNote: Bool { fields.first?.trimmingSpacesAndNewlines().hasPrefix("#") ?? false }
    }

    /// The rows of `text`. A quote opens a quoted field only at the start of a field; `""`
    /// inside one is a quote; after the closing quote only spaces may come before the next
    /// comma or line end. An unclosed quote is refused, naming the row it opens on.
    static func records(_ text: String, file: String) throws(ModelError) -> [Record] {
        let scalars = Array(text.unicodeScalars)
        var i = scalars.first == "\u{FEFF}" ? 1 : 0
        var records: [Record] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var inQuotes = false, closed = false
        var line = 1, quoteLine = 1
        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            closed = false
        }
        func endRecord() {
            endField()
            records.append(Record(line: line, fields: fields))
            fields = []
            line += 1
        }
        while i < scalars.count {
            let c = scalars[i]
            i += 1
            if inQuotes {
                if c == "\"" {
                    if i < scalars.count, scalars[i] == "\"" {
                        field.append("\"")
                        i += 1
                    } else {
                        inQuotes = false
                        closed = true
                    }
                } else {
                    field.append(c)
                }
                continue
            }
            switch c {
            case ",":
                endField()
            case "\r", "\n":
                if c == "\r", i < scalars.count, scalars[i] == "\n" { i += 1 }
                endRecord()
            case "\"" where field.isEmpty && !closed:
                inQuotes = true
                quoteLine = line
            case " " where closed, "\t" where closed:
                // Spaces between a closing quote and the next comma are dropped.
                continue
            default:
                if closed {
                    throw ModelError(file: file, path: "", message: "line \(line): text after a closing quote", line: line,
                                     chinese: "第 \(line) 行：引号结束后、逗号之前还有字符（格子里的引号要写成两个 \"\"）")
                }
                field.append(c)
            }
        }
        if inQuotes {
            throw ModelError(file: file, path: "", message: "line \(quoteLine): a quote that is never closed", line: quoteLine,
                             chinese: "第 \(quoteLine) 行：引号没有配对（开了引号没有关上）")
        }
        if !field.isEmpty || !fields.isEmpty || closed { endRecord() }
        return records
    }
}

extension String {
    /// Every occurrence of `target` replaced, left to right (without Foundation).
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
