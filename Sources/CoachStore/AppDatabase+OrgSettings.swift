import CoachCore
import CoachScoring
import Foundation
import GRDB

/// An organisation setting kept in the store (`org show`, `org set KEY VALUE`).
public enum OrgSetting: String, CaseIterable, Sendable {
    /// The smallest group a team aggregate shows (default 5, never below 3).
    case minGroup = "min-group"
    /// The contacts shown privately to a person whose wellbeing check-in is low.
    case supportMessage = "support-message"
    /// The organisation's own KPIs (`kpi add`, `kpi list`), as JSON; not set with `org set`.
    case kpis
    /// The values or skills a thanks may be for (`thanks --for`), a comma-separated list.
    case values
    /// Whether a rep may add a retrospective item without their name (`retro add --anonymous`):
    /// `on` or `off` (the default).
    case retroAnonymous = "retro-anonymous"
    /// How many days a customer complaint may stay open before `due` lists it (default 2).
    case responseTime = "response-time"

    /// What the setting is for, as `org show` lists it.
    public var summary: String {
        switch self {
        case .minGroup: return "smallest group a team aggregate shows (3 or more; a person's config may only raise it)"
        case .supportMessage: return "contacts shown privately to a person whose wellbeing check-in is low"
        case .kpis: return "the organisation's KPIs ('kpi list', 'kpi add')"
        case .values: return "values or skills a thanks may be for ('thanks PERSON TEXT --for VALUE'), separated by commas"
        case .retroAnonymous: return "whether reps may add retrospective items without their name ('retro add --anonymous'): on or off"
        case .responseTime: return "days a customer complaint may stay open before 'due' lists it (1 to 90)"
        }
    }
}

/// The organisation's settings as stored; nil where none was set.
public struct OrgSettings: Sendable, Equatable {
    public var minGroup: Int?
    public var supportMessage: String?
    /// The KPIs the organisation defined, in the order they were added.
    public var kpis: [KPIDefinition] = []
    /// The values or skills a thanks may be for, in the order HR listed them; empty when none.
    public var values: [String] = []
    /// Whether `retro add --anonymous` is allowed (`retro-anonymous on`); off when not set.
    public var retroAnonymous = false
    /// Days a customer complaint may stay open before `due` lists it; nil: the default.
    public var responseTime: Int?

    /// The response time `due` uses when the organisation set none.
    public static let defaultResponseTime = 2

    public init(minGroup: Int? = nil, supportMessage: String? = nil) {
        self.minGroup = minGroup
        self.supportMessage = supportMessage
    }

    /// Reads one stored setting into these settings (an unknown key or unreadable value is ignored).
    public mutating func read(key: String, value: String) {
        switch OrgSetting(rawValue: key) {
        case .minGroup?: minGroup = Int(value)
        case .supportMessage?: supportMessage = value
        case .kpis?: kpis = (try? JSONDecoder().decode([KPIDefinition].self, from: Data(value.utf8))) ?? []
        case .values?: values = OrgSetting.valueList(value)
        case .retroAnonymous?: retroAnonymous = value == "on"
        case .responseTime?: responseTime = Int(value)
        case nil: break
        }
    }

    /// The minimum group a viewer gets: the organisation's (default 5), raised by the viewer's
    /// own `requested` value when that is stricter, and never below 3.
    public func effectiveMinGroup(requested: Int) -> Int {
        TeamAggregate.effectiveMinGroup(max(minGroup ?? TeamAggregate.defaultMinGroup, requested))
    }
}

extension AppDatabase {
    /// The organisation's settings.
    public func orgSettings() throws -> OrgSettings {
        try read { db in try Self.orgSettings(db) }
    }

    static func orgSettings(_ db: Database) throws -> OrgSettings {
        var settings = OrgSettings()
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM org_setting") {
            settings.read(key: row[0], value: row[1])
        }
        return settings
    }

    /// Sets an organisation setting; HR only. See `OrgSetting.validated`.
    public func setOrgSetting(_ setting: OrgSetting, to value: String, by actorName: String, at now: Date = Date()) throws {
        let value = try setting.validated(value)
        try write { db in
            let actor = try Self.existingPerson(actorName, db)
            guard actor.role == .hr else { throw StoreError.notAllowed("only HR changes the organisation's settings") }
            try db.execute(sql: """
                INSERT INTO org_setting (key, value, updated_at, updated_by_id) VALUES (?, ?, ?, ?)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
                    updated_by_id = excluded.updated_by_id
                """, arguments: [setting.rawValue, value, now, actor.id])
        }
    }
}

extension OrgSetting {
    /// `value` trimmed, when the setting can take it, else `invalidSetting` saying why:
    /// `min-group` is a whole number from 3 to 1000; `support-message` is plain text (line
    /// breaks allowed) of at most 2000 characters; `values` is 1 to 30 different names of 1 to
    /// 60 characters of plain text, separated by commas (stored as `a, b, c`).
    public func validated(_ value: String) throws -> String {
        let value = value.trimmingCharacters(in: .whitespacesAndNewlines)
        let setting = self
        switch setting {
        case .minGroup:
            guard let number = Int(value), (TeamAggregate.lowestMinGroup...1000).contains(number) else {
                throw StoreError.invalidSetting(setting.rawValue, reason: "a whole number from \(TeamAggregate.lowestMinGroup) to 1000")
            }
        case .kpis:
            guard let kpis = try? JSONDecoder().decode([KPIDefinition].self, from: Data(value.utf8)) else {
                throw StoreError.invalidSetting(setting.rawValue, reason: "a JSON list of KPIs")
            }
            for kpi in kpis { try KPICatalog.check(kpi) }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return String(decoding: try encoder.encode(kpis), as: UTF8.self)
        case .values:
            let names = Self.valueList(value)
            let reason = "1 to 30 different values of 1 to 60 characters each, separated by commas, "
                + "e.g. \"customer focus, teamwork, sharing\""
            guard (1...30).contains(names.count), names.allSatisfy({ $0.count <= 60 && PlainText.problem(in: $0) == nil }),
                  Set(names.map { $0.lowercased() }).count == names.count,
                  value.split(separator: ",", omittingEmptySubsequences: false).count == names.count else {
                throw StoreError.invalidSetting(setting.rawValue, reason: reason)
            }
            return names.joined(separator: ", ")
        case .retroAnonymous:
            guard ["on", "off"].contains(value.lowercased()) else {
                throw StoreError.invalidSetting(setting.rawValue, reason: "on or off")
            }
            return value.lowercased()
        case .responseTime:
            let days = value.lowercased().hasSuffix("d") ? String(value.dropLast()) : value
            guard let number = Int(days.trimmingCharacters(in: .whitespaces)), (1...90).contains(number) else {
                throw StoreError.invalidSetting(setting.rawValue, reason: "a whole number of days from 1 to 90 (e.g. 2 or 2d)")
            }
            return String(number)
        case .supportMessage:
            guard !value.isEmpty, value.count <= 2_000 else {
                throw StoreError.invalidSetting(setting.rawValue, reason: "1 to 2000 characters of text")
            }
            if let problem = PlainText.problem(in: value, allowNewlines: true) {
                throw StoreError.invalidSetting(setting.rawValue, reason: "plain text without \(problem)")
            }
        }
        return value
    }
}


extension OrgSetting {
    /// The names in a comma-separated `values` setting, trimmed, empty ones left out.
    static func valueList(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }
}
