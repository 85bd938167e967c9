import CoachCore
import Foundation

/// A date format as a CRM report states it, for `kpi import --date-format`: `d` or `dd` (day),
/// `M` or `MM` (month), `yyyy` (year), in any order, between any separators that are not
/// letters or digits (`M/d/yyyy`, `dd/MM/yyyy`, `dd.MM.yyyy`, `yyyy-MM-dd`). `d` and `M` take
/// one or two digits, `dd` and `MM` exactly two. A time after the date (`11/30/2026 10:00 AM`,
/// `2026-11-30T10:00:00Z`) is ignored: the date is taken as written.
struct DatePattern: Equatable, Sendable {
    enum Token: Equatable, Sendable { case day(twoDigits: Bool), month(twoDigits: Bool), year, literal(Character) }

    let text: String
    let tokens: [Token]

    /// The ISO date, which `kpi import` reads without a format.
    static let iso = DatePattern("yyyy-MM-dd")!

    /// The pattern, or nil when it is not one of day, month and year each once, between separators.
    init?(_ text: String) {
        var tokens: [Token] = []
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let run = text[index...].prefix { $0 == character }
            switch (character, run.count) {
            case ("d", 1), ("d", 2): tokens.append(.day(twoDigits: run.count == 2))
            case ("M", 1), ("M", 2): tokens.append(.month(twoDigits: run.count == 2))
            case ("y", 4): tokens.append(.year)
            default:
                guard !character.isLetter, !character.isNumber else { return nil }
                tokens += run.map { Token.literal($0) }
            }
            index = run.endIndex
        }
        let fields = tokens.filter { if case .literal = $0 { return false } else { return true } }
        guard fields.count == 3, fields.contains(.year),
              fields.contains(where: { if case .day = $0 { return true } else { return false } }),
              fields.contains(where: { if case .month = $0 { return true } else { return false } }) else { return nil }
        self.text = text
        self.tokens = tokens
    }

    /// The month of the date `cell` holds in this pattern, or nil when it holds none.
    func month(of cell: String) -> Period? {
        let characters = Array(cell.trimmingCharacters(in: .whitespaces))
        var position = 0
        var day = 0, month = 0, year = 0
        func digits(_ count: ClosedRange<Int>) -> Int? {
            var taken = 0, value = 0
            while taken < count.upperBound, position < characters.count, let digit = characters[position].wholeNumberValue,
                  characters[position].isASCII {
                value = value * 10 + digit
                taken += 1
                position += 1
            }
            return count.contains(taken) ? value : nil
        }
        for token in tokens {
            switch token {
            case .day(let two): guard let value = digits(two ? 2...2 : 1...2) else { return nil }; day = value
            case .month(let two): guard let value = digits(two ? 2...2 : 1...2) else { return nil }; month = value
            case .year: guard let value = digits(4...4) else { return nil }; year = value
            case .literal(let character):
                guard position < characters.count, characters[position] == character else { return nil }
                position += 1
            }
        }
        if position < characters.count, characters[position] != " ", characters[position] != "T" { return nil }
        guard let period = Period(year: year, month: month), day >= 1, day <= Self.days(in: period) else { return nil }
        return period
    }

    private static func days(in period: Period) -> Int {
        switch period.month {
        case 2: return period.year % 4 == 0 && (period.year % 100 != 0 || period.year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// Reading a KPI import's cells.
enum KPIImportCells {
    /// The month of a date cell: in `pattern`, else an ISO date (`2026-11-30`, with or without a
    /// time after it) or month (`2026-11`).
    static func month(_ cell: String, pattern: DatePattern?) -> Period? {
        if let pattern { return pattern.month(of: cell) }
        let text = cell.trimmingCharacters(in: .whitespaces)
        return Period(text) ?? DatePattern.iso.month(of: text)
    }

    /// A value as a CRM writes it, with the marks around it: `NumberText.parse` after a currency
    /// symbol or ISO code before or after the number (`$12,500.00`, `USD 12,500.00`, `12.500,00 €`)
    /// and a `%` after it are set aside; `(1,200.00)` is negative, as accounting reports write it.
    static func reading(_ cell: String) -> CellValue? {
        var text = Substring(cell.trimmingCharacters(in: .whitespaces))
        var negative = false
        if text.hasPrefix("("), text.hasSuffix(")") {
            negative = true
            text = text.dropFirst().dropLast()
        }
        text = trimmed(text)
        var isPercent = false
        if text.hasSuffix("%") {
            isPercent = true
            text = trimmed(text.dropLast())
        }
        var sign = ""
        if let first = text.first, "+-\u{2212}".contains(first) {
            sign = String(first)
            text = trimmed(text.dropFirst())
        }
        let currency = currencyMark(&text)
        guard !text.isEmpty, let value = NumberText.parse(sign + text) else { return nil }
        return CellValue(value: negative ? -value : value, currency: currency, isPercent: isPercent)
    }

    /// The number of a value cell, whatever marks it carries.
    static func number(_ cell: String) -> Double? { reading(cell)?.value }

    private static func trimmed(_ text: Substring) -> Substring {
        Substring(text.trimmingCharacters(in: .whitespaces))
    }

    /// Takes one currency mark off either end of `text` and returns it: symbols (`$`, `€`,
    /// `US$`) or a code of three capital letters (`USD`, `EUR`).
    private static func currencyMark(_ text: inout Substring) -> String? {
        let isSymbol = { (c: Character) in c.unicodeScalars.allSatisfy { $0.properties.generalCategory == .currencySymbol } }
        let isCapital = { (c: Character) in c.isASCII && c.isUppercase }
        var mark: String?
        let leading = text.prefix { isSymbol($0) || isCapital($0) }
        if !leading.isEmpty, leading.contains(where: isSymbol) || leading.count == 3 {
            mark = String(leading)
            text = trimmed(text.dropFirst(leading.count))
        }
        let trailing = String(text.reversed().prefix { isSymbol($0) || isCapital($0) }.reversed())
        if !trailing.isEmpty, trailing.contains(where: isSymbol) || trailing.count == 3 {
            mark = mark ?? trailing
            text = trimmed(text.dropLast(trailing.count))
        }
        return mark
    }
}

/// A value cell read: its number, and the currency or percent mark written with it.
struct CellValue: Equatable {
    var value: Double
    var currency: String?
    var isPercent: Bool

    /// Why the marks do not fit `kpi`, or nil: money in another currency than the KPI's unit (coach
    /// never converts), money for a KPI that is not money, or a percent for one that is not a percent.
    func problem(for kpi: KPIDefinition) -> String? {
        if let currency {
            guard kpi.effectiveKind == .currency else {
                return "'\(currency)' marks money, but \(kpi.label) is \(kpi.effectiveKind.map { "a \($0.rawValue)" } ?? "not money")"
            }
            if let unit = kpi.unit, !Self.sameCurrency(currency, unit) {
                return "the value is in \(currency), but \(kpi.label) is kept in \(unit); coach does not convert currencies, "
                    + "so export the report in \(unit) or convert it first"
            }
        }
        if isPercent, kpi.effectiveKind != .percent, kpi.unit != "%" {
            return "'%' marks a percent, but \(kpi.label) is \(kpi.effectiveKind.map { "a \($0.rawValue)" } ?? "not a percent")"
        }
        return nil
    }

    /// Whether a mark and a unit name the same currency: equal ignoring case, or a code and its
    /// usual symbol (`EUR`/`€`; `$` is taken for USD only when the unit says `USD` or `$`).
    static func sameCurrency(_ mark: String, _ unit: String) -> Bool {
        let symbols = ["EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥", "INR": "₹", "KRW": "₩", "CHF": "CHF",
                       "BRL": "R$", "AUD": "A$", "CAD": "C$", "NZD": "NZ$", "HKD": "HK$", "SGD": "S$", "MXN": "MX$"]
        func canonical(_ text: String) -> String {
            let upper = text.uppercased()
            if upper == "US$" { return "USD" }
            return symbols.first { $0.value == text || $0.value.uppercased() == upper }?.key ?? upper
        }
        return canonical(mark) == canonical(unit)
    }
}
