import Testing
@testable import JBPModel

/// Every refusal is one line: `FILE: key.path: problem`.
@Suite("Reading a case: refusals")
struct CaseReaderTests {
    /// A broken case: the example with one piece of text replaced.
    struct Broken: CustomTestStringConvertible, Sendable {
        let name: String
        let replace: String
        let with: String
        let message: String
        var testDescription: String { name }
    }

    static let coverageBlock = """
        coverage:
          - id: modern
            name: 现代渠道
            universe: 120
            covered: 96
            target_rate: 0.95
            sales_per_outlet: 38000
          - id: traditional
            name: 传统渠道
            universe: 2400
            covered: 1150
            target_rate: 0.60
            sales_per_outlet: 4200

        """

    static let broken: [Broken] = [
        Broken(name: "a variable rate of 100 %", replace: "variable_rate: 0.01", with: "variable_rate: 1",
               message: "case.yaml: costs.variable_rate: 1 is not a share of sales in [0, 1) (0.01 is 1 % of sales)"),
        Broken(name: "a negative variable rate", replace: "variable_rate: 0.01", with: "variable_rate: -0.1",
               message: "case.yaml: costs.variable_rate: -0.1 is not a share of sales in [0, 1) (0.01 is 1 % of sales)"),
        Broken(name: "a typo under costs", replace: "variable_rate: 0.01", with: "varable_rate: 0.01",
               message: "case.yaml: costs.varable_rate: unknown key (did you mean variable_rate?)"),
        Broken(name: "a limit of zero", replace: "variable_rate: 0.01", with: "variable_rate: 0.01\nlimits: {coverage_rate: 0}",
               message: "case.yaml: limits.coverage_rate: 0 is not above zero (a limit is the largest credible change in 12 months, e.g. 0.15)"),
        Broken(name: "a negative limit", replace: "variable_rate: 0.01", with: "variable_rate: 0.01\nlimits: {dso_days: -1}",
               message: "case.yaml: limits.dso_days: -1 is not above zero (a limit is the largest credible change in 12 months, e.g. 0.3)"),
        Broken(name: "a typo under limits", replace: "variable_rate: 0.01", with: "variable_rate: 0.01\nlimits: {inventry_days: 0.3}",
               message: "case.yaml: limits.inventry_days: unknown key (did you mean inventory_days?)"),
        Broken(name: "limits that are not a map", replace: "variable_rate: 0.01", with: "variable_rate: 0.01\nlimits: 5",
               message: "case.yaml: limits: expected a map, found the number 5"),
        Broken(name: "a typo in a key", replace: "  receivables: 1118000", with: "  recievables: 1118000",
               message: "case.yaml: balance.recievables: unknown key (did you mean receivables?)"),
        Broken(name: "an unknown top-level key", replace: "currency: CNY", with: "currency: CNY\nregion: 华东",
               message: "case.yaml: region: unknown key (expected one of: id, name, currency, days, sales, pnl, balance, targets, coverage, terminal, inventory, logistics, finance, team, costs, limits)"),
        Broken(name: "covered above universe", replace: "covered: 1150", with: "covered: 2500",
               message: "case.yaml: coverage[1].covered: 2500 is more than universe 2400"),
        Broken(name: "a missing required key", replace: "  actual: 10200000\n", with: "",
               message: "case.yaml: sales.actual: missing (required)"),
        Broken(name: "a required key without value", replace: "  actual: 10200000", with: "  actual:",
               message: "case.yaml: sales.actual: has no value (required)"),
        Broken(name: "a missing section", replace: "team:\n  reps: 12\n  target_sales_per_rep: 950000\n", with: "",
               message: "case.yaml: team: missing (required)"),
        Broken(name: "a negative amount", replace: "cogs: 8874000", with: "cogs: -1",
               message: "case.yaml: pnl.cogs: -1 is negative (must be 0 or more)"),
        Broken(name: "a negative expense line", replace: "staff: 540000", with: "staff: -540000",
               message: "case.yaml: pnl.expenses.staff: -540000 is negative (must be 0 or more)"),
        Broken(name: "more on-time orders than orders", replace: "on_time_orders: 15840", with: "on_time_orders: 19000",
               message: "case.yaml: logistics.on_time_orders: 19000 is more than orders 18000"),
        Broken(name: "more filled lines than order lines", replace: "filled_lines: 85500", with: "filled_lines: 95000",
               message: "case.yaml: logistics.filled_lines: 95000 is more than order_lines 90000"),
        Broken(name: "more distribution points than audited outlets × SKUs", replace: "distribution_points: 1440", with: "distribution_points: 2401",
               message: "case.yaml: terminal.distribution_points: 2401 is more than audited_outlets × must_sell_skus 2400"),
        Broken(name: "a rate written as a percentage", replace: "target_rate: 0.95", with: "target_rate: 95",
               message: "case.yaml: coverage[0].target_rate: 95 is not a rate between 0 and 1 (rates are fractions: 0.95, not 95)"),
        Broken(name: "a target ROI written as a percentage", replace: "roi: 0.20", with: "roi: 20",
               message: "case.yaml: targets.roi: 20 is not a rate between 0 and 1 (rates are fractions: 0.95, not 95)"),
        Broken(name: "zero reps (sales per rep divides by it)", replace: "reps: 12", with: "reps: 0",
               message: "case.yaml: team.reps: is 0, but a formula divides by it (must be above zero)"),
        Broken(name: "zero last year (growth divides by it)", replace: "last_year: 9600000", with: "last_year: 0",
               message: "case.yaml: sales.last_year: is 0, but a formula divides by it (must be above zero)"),
        Broken(name: "zero cases", replace: "cases: 680000", with: "cases: 0",
               message: "case.yaml: logistics.cases: is 0, but a formula divides by it (must be above zero)"),
        Broken(name: "investment not above zero", replace: "payables: 0", with: "payables: 3198000",
               message: "case.yaml: balance: investment (inventory + receivables + fixed_assets + prepayments − payables) is 0, must be above zero"),
        Broken(name: "investment gone once the excess stock is released", replace: "payables: 0", with: "payables: 2500000",
               message: "case.yaml: balance: investment after closing the inventory GAP would be -32630.136986301397, must stay above zero (a formula divides by it)"),
        Broken(name: "days not whole", replace: "days: 365", with: "days: 365.5",
               message: "case.yaml: days: 365.5 is not a positive whole number (1…100000)"),
        Broken(name: "days zero", replace: "days: 365", with: "days: 0",
               message: "case.yaml: days: 0 is not a positive whole number (1…100000)"),
        Broken(name: "two channels with one id", replace: "id: traditional", with: "id: modern",
               message: "case.yaml: coverage[1].id: duplicate channel id modern (also coverage[0])"),
        Broken(name: "no channel", replace: coverageBlock, with: "coverage: []\n",
               message: "case.yaml: coverage: has no channel (at least one is needed)"),
        Broken(name: "logistics expenses misspelt", replace: "    logistics: 306000", with: "    logistcs: 306000",
               message: "case.yaml: pnl.expenses.logistics: missing (required); is logistcs meant to be logistics?"),
        Broken(name: "text where a number belongs", replace: "actual: 10200000", with: "actual: 一千万",
               message: "case.yaml: sales.actual: expected a number, found the text \"一千万\""),
        Broken(name: "a quoted number", replace: "actual: 10200000", with: "actual: \"10200000\"",
               message: "case.yaml: sales.actual: expected a number, found the text \"10200000\""),
        Broken(name: "thousands separators", replace: "actual: 10200000", with: "actual: 10,200,000",
               message: "case.yaml: sales.actual: expected a number, found the text \"10,200,000\""),
        Broken(name: "NaN", replace: "actual: 10200000", with: "actual: .nan",
               message: "case.yaml: sales.actual: .nan is not a finite number"),
        Broken(name: "infinity", replace: "actual: 10200000", with: "actual: .inf",
               message: "case.yaml: sales.actual: .inf is not a finite number"),
        Broken(name: "a 400-digit number", replace: "actual: 10200000", with: "actual: 1" + String(repeating: "0", count: 400),
               message: "case.yaml: sales.actual: 100000000000000000000000… is too large a number"),
        Broken(name: "an amount too large to compute with", replace: "sales_per_outlet: 4200", with: "sales_per_outlet: 1e300",
               message: "case.yaml: coverage[1].sales_per_outlet: 1e+300 is too large (at most 10^15)"),
        Broken(name: "a runaway key", replace: "currency: CNY", with: "currency: CNY\n" + String(repeating: "k", count: 1000) + ": 1",
               message: "case.yaml: " + String(repeating: "k", count: 40) + "…: unknown key (expected one of: id, name, currency, days, sales, pnl, balance, targets, coverage, terminal, inventory, logistics, finance, team, costs, limits)"),
        Broken(name: "a list where a map is expected", replace: "sales:\n  target: 12000000\n  actual: 10200000\n  last_year: 9600000", with: "sales: [12000000, 10200000]",
               message: "case.yaml: sales: expected a map, found a list"),
        Broken(name: "a map where a list is expected", replace: coverageBlock, with: "coverage: {modern: 1}\n",
               message: "case.yaml: coverage: expected a list, found a map"),
        Broken(name: "a map where a number is expected", replace: "cogs: 8874000", with: "cogs: {a: 1}",
               message: "case.yaml: pnl.cogs: expected a number, found a map"),
        Broken(name: "a duplicated key", replace: "currency: CNY", with: "currency: CNY\ncurrency: USD",
               message: "case.yaml: line 3: duplicate key currency"),
        Broken(name: "broken YAML", replace: "  target: 12000000", with: "  target: [12000000",
               message: "case.yaml: line 7, column 9: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence)"),
    ]

    @Test("a broken case is refused with one line", arguments: broken)
    func refused(_ row: Broken) throws {
        let text = try fixture("example-case.yaml")
        #expect(text.contains(row.replace), "the fixture no longer contains \(row.replace)")
        let brokenText = text.replacingOccurrences(of: row.replace, with: row.with)
        let error = try #require(refusal { () throws(ModelError) in try Case.read(brokenText, file: "case.yaml") })
        #expect(error.description == row.message)
        #expect(!error.description.contains("\n"))
    }

    @Test("a refusal knows its line")
    func line() throws {
        let text = try fixture("example-case.yaml").replacingOccurrences(of: "covered: 1150", with: "covered: 2500")
        let error = try #require(refusal { () throws(ModelError) in try Case.read(text, file: "case.yaml") })
        #expect(error.line == 35)
        #expect(error.file == "case.yaml")
        #expect(error.path == "coverage[1].covered")
    }

    /// Input that is not a case at all: still one line, never a crash.
    @Test("hostile input is refused with one line", arguments: [
        ("", "case.yaml: the file is empty"),
        ("# only a comment\n", "case.yaml: the file is empty"),
        ("- 1\n- 2\n", "case.yaml: expected a map, found a list"),
        ("42", "case.yaml: expected a map, found the number 42"),
        ("null", "case.yaml: expected a map, found nothing"),
        ("[" + String(repeating: "[", count: 5000), "case.yaml: line 1, column 1: invalid YAML: Maximum nesting level reached, set with yaml_set_max_nest_level()) (while parsing)"),
        ("{x: " + String(repeating: "[", count: 900) + String(repeating: "]", count: 900) + "}", "case.yaml: x: unknown key (expected one of: id, name, currency, days, sales, pnl, balance, targets, coverage, terminal, inventory, logistics, finance, team, costs, limits)"),
        ("a: &a [1, 2]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n",
         "case.yaml: too many values (more than 1000000, aliases expanded)"),
        ("{\"id\": ", "case.yaml: line 2, column 1: invalid YAML: did not find expected node content (while parsing a flow node)"),
        ("\u{FEFF}id: x\n", "case.yaml: name: missing (required)"),
    ])
    func hostile(text: String, message: String) {
        let error = refusal { () throws(ModelError) in try Case.read(text, file: "case.yaml") }
        #expect(error?.description == message)
    }

    @Test("JSON is read like YAML")
    func json() throws {
        let c = try exampleCase()
        let text = c.json.text(pretty: true)
        #expect(try Case.read(text, file: "case.json") == c)
        #expect(try Case.read(c.json.text(pretty: false), file: "case.json") == c)
        let tabbed = text.replacingOccurrences(of: "  ", with: "\t")
        #expect(try Case.read(tabbed, file: "case.json") == c)
    }

    @Test("a case written as YAML reads back equal, keys in model.md's order")
    func roundTrip() throws {
        let c = try exampleCase()
        let yaml = c.yaml
        #expect(try Case.read(yaml, file: "variant.yaml") == c)
        let topKeys = yaml.split(separator: "\n").filter { !$0.hasPrefix(" ") && !$0.hasPrefix("-") }.map { String($0.prefix { $0 != ":" }) }
        #expect(topKeys == Case.keys)
        #expect(yaml.contains("name: 恒达商贸(虚构案例)\n"))
    }

    @Test("defaults: currency CNY, 365 days, no rebates, no last year")
    func defaults() throws {
        let text = try fixture("example-case.yaml")
            .replacingOccurrences(of: "currency: CNY\ndays: 365\n", with: "")
            .replacingOccurrences(of: "  rebates: 204000\n", with: "")
            .replacingOccurrences(of: "  last_year: 9600000\n", with: "")
            .replacingOccurrences(of: "  fixed_assets: 420000\n  prepayments: 200000\n  payables: 0\n", with: "")
        let c = try Case.read(text, file: "case.yaml")
        #expect(c.currency == "CNY")
        #expect(c.days == 365)
        #expect(c.pnl.rebates == 0)
        #expect(c.sales.lastYear == nil)
        #expect(c.balance.investment == 1_460_000 + 1_118_000)
    }

    @Test("expense lines beyond the four named ones count too")
    func furtherExpenses() throws {
        let text = try fixture("example-case.yaml").replacingOccurrences(of: "    other: 174000", with: "    other: 74000\n    marketing: 100000")
        let review = try Review(Case.read(text, file: "case.yaml"))
        #expect(review.result.operatingExpenses == 1_236_000)
    }

    @Test("did-you-mean suggests only near keys", arguments: [
        ("recievables", "receivables"), ("Inventory", "inventory"), ("fixed_asset", "fixed_assets"), ("payable", "payables"),
    ])
    func suggestion(typo: String, meant: String) {
        #expect(Spelling.closest(to: typo, among: ["inventory", "receivables", "fixed_assets", "prepayments", "payables"]) == meant)
    }

    @Test("no suggestion for a key that is nothing like an allowed one")
    func noSuggestion() {
        #expect(Spelling.closest(to: "warehouse", among: ["inventory", "receivables"]) == nil)
    }
}
