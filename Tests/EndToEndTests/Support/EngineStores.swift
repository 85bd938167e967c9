import CoachCore
import CoachTestSupport
import Foundation

/// The two store engines an end-to-end test runs on.
enum StoreEngine: String, CaseIterable, Sendable {
    /// A local store file: the user is whoever `--as` names.
    case local
    /// An organisation store on PostgreSQL: each user connects as their own login.
    case server

    /// A new store of this engine with `people` (the first of them HR), written as its
    /// administrator would: `person add` on a local store, logins on the server.
    func make(people: [(name: String, role: String, team: String?)]) throws -> any EngineStore {
        switch self {
        case .local: try LocalEngineStore.make(people: people)
        case .server: try ServerEngineStore.make(people: people)
        }
    }
}

struct EngineStoreError: Error, CustomStringConvertible { let description: String }

/// A store a test writes through coach and reads back, as each person, whichever the engine.
protocol EngineStore: Sendable {
    /// Feeds `lines` to coach's shell as `person`.
    func shell(_ lines: [String], as person: String) throws -> ProcessResult
    /// Runs one command as `person`, with `input` on its standard input and `environment` added
    /// to the sandbox's.
    func run(_ arguments: [String], as person: String, input: String, environment: [String: String]) throws -> ProcessResult
    /// Runs one command as `person`, with `bytes` (not necessarily UTF-8) on its standard input.
    func run(_ arguments: [String], as person: String, bytes: Data) throws -> ProcessResult
    /// The arguments and environment that run coach as `person` (for a process a test drives itself).
    func invocation(as person: String) -> (arguments: [String], environment: [String: String])
    /// Starts coach as `person` on a pseudo-terminal, with `arguments` before any command.
    func terminal(as person: String, arguments: [String]) throws -> PseudoTerminal
    /// The readline history file on the machine coach runs on.
    var historyFile: String { get }
    /// Runs one command as `person` on another machine (`home`) that uses the same store.
    func run(_ arguments: [String], as person: String, input: String, on home: CoachSandbox) throws -> ProcessResult
    /// Adds a person as the store's administrator would (HR on a local store).
    func addPerson(_ name: String, role: String, team: String?) throws
    /// Rows of a query on the store, read around coach (columns joined by `|`).
    func sql(_ query: String) throws -> [String]
    /// Every row of every table, as text: to show something is stored nowhere.
    func dump() throws -> String
    /// A copy to change without touching this one.
    func copy() throws -> any EngineStore
    /// Moves every session, answer and sharing date `days` into the past (team numbers show
    /// only weeks that have ended), and brings the weekly aggregates up to date.
    func backdate(days: Int) throws
    /// The user's config file on the machine coach runs on.
    var configFile: String { get }
    func remove()
}

extension EngineStore {
    /// Runs one command as `person`.
    func run(_ arguments: [String], as person: String) throws -> ProcessResult {
        try run(arguments, as: person, input: "", environment: [:])
    }

    /// Runs one command as `person`, with `input` on its standard input.
    func run(_ arguments: [String], as person: String, input: String) throws -> ProcessResult {
        try run(arguments, as: person, input: input, environment: [:])
    }

    /// The user's own survey folder on the machine coach runs on.
    var userSurveysFolder: URL {
        URL(fileURLWithPath: configFile).deletingLastPathComponent().appendingPathComponent("surveys")
    }

    /// The first row of a query (empty when none).
    func sqlValue(_ query: String) throws -> String { try sql(query).first ?? "" }
}

extension StoreEngine {
    /// HR (Dana), a manager (Marco, team North) and his rep (Ana), as `CoachSandbox.seedTeam`.
    func team() throws -> any EngineStore {
        try make(people: [("Dana", "hr", nil), ("Marco", "manager", "North"), ("Ana", "rep", "North")])
    }
}

/// A local store file: the user is whoever `--as` names.
struct LocalEngineStore: EngineStore {
    let sandbox: CoachSandbox

    static func make(people: [(name: String, role: String, team: String?)]) throws -> LocalEngineStore {
        let sandbox = try CoachSandbox()
        let lines = people.map { "person add \($0.name) --role \($0.role)" + ($0.team.map { " --team \($0)" } ?? "") }
        let added = try sandbox.shell(lines)
        guard added.status == 0 else { throw EngineStoreError(description: "people: \(added.stderrText)") }
        return LocalEngineStore(sandbox: sandbox)
    }

    func shell(_ lines: [String], as person: String) throws -> ProcessResult { try sandbox.shell(lines, as: person) }

    func run(_ arguments: [String], as person: String, input: String, environment: [String: String]) throws -> ProcessResult {
        try sandbox.run(["--store", sandbox.store, "--as", person] + arguments, input: input, environment: environment,
                        timeout: .seconds(120))
    }

    func run(_ arguments: [String], as person: String, bytes: Data) throws -> ProcessResult {
        try ProcessRunner.run(CoachSandbox.binary, arguments: ["--store", sandbox.store, "--as", person] + arguments,
                              environment: sandbox.environment, inheritEnvironment: false, stdin: bytes, timeout: .seconds(60))
    }

    func run(_ arguments: [String], as person: String, input: String, on home: CoachSandbox) throws -> ProcessResult {
        try home.run(["--store", sandbox.store, "--as", person] + arguments, input: input)
    }

    func invocation(as person: String) -> (arguments: [String], environment: [String: String]) {
        (["--store", sandbox.store, "--as", person], sandbox.environment)
    }

    func terminal(as person: String, arguments: [String]) throws -> PseudoTerminal {
        try PseudoTerminal(CoachSandbox.binary, arguments: ["--store", sandbox.store, "--as", person] + arguments,
                           environment: sandbox.environment, inheritEnvironment: false)
    }

    var historyFile: String { sandbox.historyFile }

    func addPerson(_ name: String, role: String, team: String?) throws {
        let hr = try sandbox.sql("SELECT name FROM person WHERE role = 'hr' ORDER BY id LIMIT 1").first ?? ""
        let added = try run(["person", "add", name, "--role", role] + (team.map { ["--team", $0] } ?? []), as: hr)
        guard added.status == 0 else { throw EngineStoreError(description: "person add \(name): \(added.stderrText)") }
    }

    func sql(_ query: String) throws -> [String] { try sandbox.sql(query) }

    func dump() throws -> String { try sandbox.sql(".dump").joined(separator: "\n") }

    func copy() throws -> any EngineStore {
        let copy = try CoachSandbox()
        try FileManager.default.createDirectory(at: URL(fileURLWithPath: copy.store).deletingLastPathComponent(),
                                                withIntermediateDirectories: true)
        _ = try sandbox.sql("VACUUM INTO '\(copy.store)'")
        return LocalEngineStore(sandbox: copy)
    }

    func backdate(days: Int) throws { try sandbox.backdate(days: days) }

    var configFile: String { sandbox.configFile }

    func remove() { sandbox.remove() }
}

/// An organisation store: each user connects as their own login, and the database decides.
struct ServerEngineStore: EngineStore {
    let organisation: OrgSandbox

    static func make(people: [(name: String, role: String, team: String?)]) throws -> ServerEngineStore {
        guard let hr = people.first, hr.role == "hr" else { throw EngineStoreError(description: "the first person is HR") }
        let organisation = try OrgSandbox(hr: hr.name)
        for person in people.dropFirst() {
            try organisation.addPerson(person.name, role: Role(rawValue: person.role) ?? .rep, team: person.team)
        }
        return ServerEngineStore(organisation: organisation)
    }

    func shell(_ lines: [String], as person: String) throws -> ProcessResult { try organisation.shell(lines, as: person) }

    func run(_ arguments: [String], as person: String, input: String, environment: [String: String]) throws -> ProcessResult {
        try organisation.sandbox.run(arguments, input: input,
                                     environment: environment.merging(["COACH_STORE": organisation.url(as: person)]) { $1 },
                                     timeout: .seconds(120))
    }

    func run(_ arguments: [String], as person: String, bytes: Data) throws -> ProcessResult {
        try ProcessRunner.run(CoachSandbox.binary, arguments: arguments,
                              environment: organisation.sandbox.environment.merging(["COACH_STORE": organisation.url(as: person)]) { $1 },
                              inheritEnvironment: false, stdin: bytes, timeout: .seconds(60))
    }

    func run(_ arguments: [String], as person: String, input: String, on home: CoachSandbox) throws -> ProcessResult {
        try home.run(arguments, input: input, environment: ["COACH_STORE": organisation.url(as: person)], timeout: .seconds(60))
    }

    func invocation(as person: String) -> (arguments: [String], environment: [String: String]) {
        ([], organisation.sandbox.environment.merging(["COACH_STORE": organisation.url(as: person)]) { $1 })
    }

    func terminal(as person: String, arguments: [String]) throws -> PseudoTerminal {
        try PseudoTerminal(CoachSandbox.binary, arguments: arguments,
                           environment: organisation.sandbox.environment.merging(["COACH_STORE": organisation.url(as: person)]) { $1 },
                           inheritEnvironment: false)
    }

    var historyFile: String { organisation.sandbox.historyFile }

    func addPerson(_ name: String, role: String, team: String?) throws {
        try organisation.addPerson(name, role: Role(rawValue: role) ?? .rep, team: team)
    }

    func sql(_ query: String) throws -> [String] { try organisation.sql(query) }

    func dump() throws -> String {
        let tables = try organisation.sql("SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'coach'")
        return try tables.flatMap { try organisation.sql("SELECT t::text FROM coach.\($0) t") }.joined(separator: "\n")
    }

    func copy() throws -> any EngineStore { ServerEngineStore(organisation: try organisation.copy()) }

    func backdate(days: Int) throws {
        let shift = "interval '\(days) days'"
        _ = try organisation.sql("""
            UPDATE session SET started_at = started_at - \(shift), updated_at = updated_at - \(shift),
              completed_at = completed_at - \(shift), period_key = NULL;
            UPDATE answer SET answered_at = answered_at - \(shift);
            UPDATE person SET share_since = share_since - \(shift) WHERE share_since IS NOT NULL;
            SELECT coach.rebuild_weeks()::text;
            """)
    }

    var configFile: String { organisation.sandbox.configFile }

    func remove() { organisation.remove() }
}
