import Foundation
import Yams

/// A distributor case (model.md §1) laid out as the course shows it: one table per section,
/// with the course's Chinese labels. Built once when the course loads; the `case` block
/// only looks tables up.
public struct CaseTables: Sendable {
    /// The sections a `case` block can name, in the order `all` shows them.
    public static let sections = ["sales", "pnl", "balance", "targets", "coverage", "terminal", "inventory", "logistics", "finance", "team", "costs", "limits"]

    /// Each section's table as HTML.
    public let html: [String: String]

    static let captions: [String: String] = [
        "sales": "销售", "pnl": "损益", "balance": "资金占用(平均余额)", "targets": "厂家目标",
        "coverage": "覆盖", "terminal": "终端", "inventory": "库存", "logistics": "物流",
        "finance": "财务", "team": "团队", "costs": "随销售增长的费用", "limits": "12个月内可信的改变幅度",
    ]

    static let labels: [String: String] = [
        "sales.target": "销售指标", "sales.actual": "实际销售额", "sales.last_year": "去年同期销售额",
        "pnl.cogs": "销售成本", "pnl.rebates": "厂家返利/补贴",
        "pnl.expenses.staff": "运营费用 · 人员", "pnl.expenses.warehouse": "运营费用 · 仓储",
        "pnl.expenses.logistics": "运营费用 · 物流", "pnl.expenses.other": "运营费用 · 其他",
        "balance.inventory": "平均库存(成本价)", "balance.receivables": "平均应收账款",
        "balance.fixed_assets": "固定资产", "balance.prepayments": "预付款", "balance.payables": "应付账款",
        "targets.roi": "目标ROI",
        "coverage.id": "代码", "coverage.name": "渠道", "coverage.universe": "网点总数",
        "coverage.covered": "已覆盖网点", "coverage.target_rate": "目标覆盖率",
        "coverage.sales_per_outlet": "单店年销售额",
        "terminal.must_sell_skus": "必备SKU数", "terminal.audited_outlets": "抽查网点数",
        "terminal.distribution_points": "铺货点数(SKU×网点)", "terminal.target_skus_per_outlet": "目标单店SKU数",
        "terminal.sales_per_sku_point": "单SKU单店年销售额",
        "inventory.target_days": "目标库存天数",
        "logistics.orders": "订单数", "logistics.on_time_orders": "准时送达订单数",
        "logistics.order_lines": "订单行数", "logistics.filled_lines": "满足订单行数", "logistics.cases": "配送箱数",
        "logistics.target_on_time_rate": "目标准时率", "logistics.target_fill_rate": "目标订单满足率",
        "logistics.target_cost_per_case": "目标单箱物流成本",
        "finance.target_dso_days": "目标应收账款天数", "finance.bad_debts": "坏账金额",
        "team.reps": "业务员人数", "team.target_sales_per_rep": "目标人均销售额",
        "costs.variable_rate": "变动费用率(提成、装卸、报损等,占销售额)",
        "limits.coverage_rate": "覆盖率最多提高(百分点)", "limits.skus_per_outlet": "单店SKU最多增加(个)",
        "limits.sales_per_rep": "人均销售额最多提高(比例)", "limits.inventory_days": "库存天数最多降低(比例)",
        "limits.dso_days": "应收账款天数最多降低(比例)", "limits.cost_per_case": "每箱物流成本最多降低(比例)",
    ]

    /// Reads a case file's YAML; the tables show what is written, whatever the model later says of it.
    public init(yaml: String) throws {
        guard let node = try Yams.compose(yaml: yaml), let root = node.mapping else {
            throw CourseError(message: "not a YAML mapping")
        }
        var html: [String: String] = [:]
        for section in Self.sections {
            guard let value = root[section] else { continue }
            let caption = Self.captions[section]
            if section == "coverage", let channels = value.sequence {
                html[section] = Self.channelTable(channels, caption: caption)
            } else if let mapping = value.mapping {
                var rows: [[String]] = []
                Self.flatten(mapping, path: section, into: &rows)
                html[section] = CSVTableRewriter.table(header: ["项目", "数值"], rows: rows, caption: caption)
            } else if let scalar = value.scalar {
                html[section] = CSVTableRewriter.table(header: ["项目", "数值"], rows: [[Self.label(section), Self.format(scalar.string, key: section)]], caption: caption)
            }
        }
        self.html = html
    }

    private static func flatten(_ mapping: Node.Mapping, path: String, into rows: inout [[String]]) {
        for (key, value) in mapping {
            let name = key.string ?? "?"
            let keyPath = "\(path).\(name)"
            if let inner = value.mapping {
                flatten(inner, path: keyPath, into: &rows)
            } else {
                // A limit is a share (or, for coverage, points of a rate): shown in percent, SKUs as written.
                let key = path == "limits" && name != "skus_per_outlet" ? "rate" : name
                rows.append([label(keyPath), format(value.string ?? "", key: key)])
            }
        }
    }

    private static func channelTable(_ channels: Node.Sequence, caption: String?) -> String {
        var columns: [String] = []
        for channel in channels {
            for (key, _) in channel.mapping ?? [:] {
                // The id is the files' and the API's; the trainee reads the channel's name.
                if let name = key.string, name != "id", !columns.contains(name) { columns.append(name) }
            }
        }
        let rows = channels.map { channel in
            columns.map { column in format(channel.mapping?[column]?.string ?? "", key: column) }
        }
        return CSVTableRewriter.table(header: columns.map { label("coverage.\($0)") }, rows: rows, caption: caption)
    }

    private static func label(_ keyPath: String) -> String {
        if let label = labels[keyPath] { return label }
        // A key the course has no label for (an extra expense type, say) shows as written.
        if keyPath.hasPrefix("pnl.expenses.") { return "运营费用 · \(keyPath.dropFirst("pnl.expenses.".count))" }
        return String(keyPath.split(separator: ".").last ?? "")
    }

    /// Rates as percentages, whole amounts with thousands separators, anything else as written.
    static func format(_ text: String, key: String) -> String {
        guard let number = Double(text) else { return text }
        if key.hasSuffix("rate") || key == "roi" {
            return percent(number)
        }
        if number == number.rounded(), abs(number) < 1e15 {
            return grouped(Int64(number))
        }
        return text
    }

    static func percent(_ rate: Double) -> String {
        var text = String(format: "%.2f", rate * 100)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text + "%"
    }

    static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return value < 0 ? "-" + out : out
    }
}

/// A problem with the course files.
public struct CourseError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
