import ArgumentParser
import CoachCore
import CoachScoring
import CoachStore

/// `org show` and `org set KEY VALUE`: the organisation's settings, kept in the store.
struct OrgCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org",
        abstract: "Set up an organisation store, or show and change the organisation's settings (HR).",
        subcommands: [OrgInit.self, OrgImportCommand.self, OrgShow.self, OrgSet.self])
}

/// `org set` takes the settings that are one value; the KPI list has its own commands.
extension OrgSetting: ExpressibleByArgument {
    public init?(argument: String) {
        guard let setting = OrgSetting(rawValue: argument), setting != .kpis else { return nil }
        self = setting
    }

    public static var allValueStrings: [String] { allCases.filter { $0 != .kpis }.map(\.rawValue) }
}

/// `org show [--json]`
struct OrgShow: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show the organisation's settings (HR).",
        discussion: "Example:\n  org show")

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Flag(help: "Print JSON for scripts.") var json = false

    func run(in context: CommandContext) throws {
        let user = try context.currentUser()
        guard user.role == .hr else { throw StoreError.notAllowed("the organisation's settings are HR's") }
        let settings = try context.database().orgSettings()
        let minGroup = settings.minGroup ?? TeamAggregate.defaultMinGroup
        if json {
            context.console.line(try JSONOutput.encode(OrgJSON(minGroup: minGroup, supportMessage: settings.supportMessage,
                                                                 values: settings.values, retroAnonymous: settings.retroAnonymous,
                                                                 responseTime: settings.responseTime ?? OrgSettings.defaultResponseTime)))
            return
        }
        var table = Table("SETTING", "VALUE", "WHAT IT IS")
        table.mayShrink("WHAT IT IS")
        table.add([OrgSetting.minGroup.rawValue, "\(minGroup)" + (settings.minGroup == nil ? " (default)" : ""),
                   OrgSetting.minGroup.summary])
        table.add([OrgSetting.supportMessage.rawValue, settings.supportMessage.map(Self.oneLine) ?? "(not set)",
                   OrgSetting.supportMessage.summary])
        table.add([OrgSetting.values.rawValue, settings.values.isEmpty ? "(not set)" : settings.values.joined(separator: ", "),
                   OrgSetting.values.summary])
        table.add([OrgSetting.retroAnonymous.rawValue, settings.retroAnonymous ? "on" : "off (default)",
                   OrgSetting.retroAnonymous.summary])
        let responseTime = settings.responseTime ?? OrgSettings.defaultResponseTime
        table.add([OrgSetting.responseTime.rawValue, "\(responseTime) days" + (settings.responseTime == nil ? " (default)" : ""),
                   OrgSetting.responseTime.summary])
        context.console.line(table.render(width: context.console.columns) { context.console.styled($0, .bold) })
    }

    /// A multi-line message on one table line.
    static func oneLine(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " / ")
        return line.count > 60 ? String(line.prefix(59)) + "…" : line
    }

    struct OrgJSON: Encodable {
        let minGroup: Int
        let supportMessage: String?
        let values: [String]
        let retroAnonymous: Bool
        let responseTime: Int
        enum CodingKeys: String, CodingKey {
            case minGroup = "min_group", supportMessage = "support_message", values
            case retroAnonymous = "retro_anonymous", responseTime = "response_time_days"
        }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(minGroup, forKey: .minGroup)
            try container.encode(supportMessage, forKey: .supportMessage)
            try container.encode(values, forKey: .values)
            try container.encode(retroAnonymous, forKey: .retroAnonymous)
            try container.encode(responseTime, forKey: .responseTime)
        }
    }
}

/// `org set KEY VALUE`
struct OrgSet: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Change an organisation setting (HR): min-group, support-message, values, retro-anonymous or response-time.",
        discussion: """
        min-group is the smallest group a team aggregate shows, 3 or more (default 5); a person's
        own config (privacy: min_group) can only make their own view stricter. support-message
        is shown privately to a person whose wellbeing check-in is low. values lists the values
        or skills a thanks may be for ('thanks PERSON TEXT --for VALUE'), separated by commas.
        retro-anonymous on lets reps add retrospective items without their name ('retro add
        --anonymous'; off by default). response-time is how many days a customer complaint may
        stay open before 'due' lists it (default 2).

        Example:
          org set min-group 6
          org set support-message "Call the Employee Assistance line: 0800 123 456"
          org set values "customer focus, teamwork, sharing, new ideas"
          org set retro-anonymous on
          org set response-time 3
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "min-group, support-message, values, retro-anonymous or response-time.") var key: OrgSetting
    @Argument(parsing: .remaining, help: "The value (quotes optional).") var words: [String]

    func run(in context: CommandContext) throws {
        let user = try context.currentUser()
        let value = words.joined(separator: " ")
        let database = try context.database()
        try database.setOrgSetting(key, to: value, by: user.name, at: context.clock.now())
        let shown = key == .values ? try database.orgSettings().values.joined(separator: ", ")
            : key == .supportMessage ? OrgShow.oneLine(value) : value
        context.console.line("Set \(key.rawValue) to \(shown).")
    }
}
