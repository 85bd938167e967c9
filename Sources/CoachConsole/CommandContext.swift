import CoachCore
import CoachOrgStore
import CoachStore
import Foundation

/// Everything a command needs to run: resolved paths and settings, the console to write to,
/// the line reader that answers questions, who is at the keyboard, and the store (opened on
/// first use, so commands that never touch it never create it).
public final class CommandContext {
    public let paths: CoachPaths
    public let config: CoachConfig
    public let console: Console
    /// Reads answers and command lines; `nil` for one-shot commands without a terminal.
    public let reader: (any LineReader)?
    /// Whether a person is at a terminal (the shell may ask questions).
    public let isTerminal: Bool
    /// Where "now" comes from: the system's time, or a fixed one in tests.
    public let clock: CoachClock
    /// The name of who is at the keyboard (`--as`, `COACH_USER` or the config's `user:`).
    public internal(set) var userName: String?
    private var openedDatabase: (any Store)?
    private var readOnlyDatabase: AppDatabase?
    private var openedOrganisation: OrgDatabase?
    private var parsedLocation: StoreLocation?
    /// On an organisation store, the person the login is, once known.
    public private(set) var organisationPerson: Person?
    private var loadedCatalog: SurveyCatalog?

    public init(paths: CoachPaths, config: CoachConfig, console: Console, reader: (any LineReader)?,
                isTerminal: Bool, userName: String?, database: (any Store)? = nil, clock: CoachClock = .system) {
        self.clock = clock
        self.paths = paths
        self.config = config
        self.console = console
        self.reader = reader
        self.isTerminal = isTerminal
        self.userName = userName
        self.openedDatabase = database
    }

    /// The store: the organisation's server when `--store` names one (connected on first use as
    /// the login the URL names), else the local file, opened (and created, 0600 in a 0700 folder)
    /// on first use.
    public func database() throws -> any Store {
        if let openedDatabase { return openedDatabase }
        if let organisation = try organisation() { return organisation }
        return try localDatabase()
    }

    /// The organisation store when `--store` names a server, connected on first use; nil for a file.
    public func organisation() throws -> OrgDatabase? {
        if let openedOrganisation { return openedOrganisation }
        guard case let .server(address) = try storeLocation() else { return nil }
        let organisation = try OrgDatabase(connection: try serverConnection(address))
        // Said, not hidden: the user may have seen the pause while coach connected again.
        organisation.connection.onReconnect = { [console] in
            console.problem("coach: the connection to \(address.redacted) was lost and is back; nothing you entered is lost")
        }
        openedOrganisation = organisation
        return organisation
    }

    /// The local store file, for what only a file can do (`backup`, `check --repair`, `demo`),
    /// opened (and created) on first use.
    public func localDatabase() throws -> AppDatabase {
        if let openedDatabase {
            guard let local = openedDatabase as? AppDatabase else { throw CoachError.serverStoreUnavailable(paths.store) }
            return local
        }
        try refuseServerStore()
        let database = try AppDatabase.open(path: paths.store)
        openedDatabase = database
        return database
    }

    /// The store for reading only (`check`): the store already open in this run, else the
    /// existing file opened read-only, never created, migrated or chmod-ed.
    public func databaseForReading() throws -> AppDatabase {
        if let openedDatabase = openedDatabase as? AppDatabase { return openedDatabase }
        if let readOnlyDatabase { return readOnlyDatabase }
        try refuseServerStore()
        let database = try AppDatabase.openForReading(path: paths.store)
        readOnlyDatabase = database
        return database
    }

    /// A `postgres://` store names an organisation's server, which this coach cannot open yet:
    /// said plainly, instead of treating the URL as a file name.
    private func refuseServerStore() throws {
        if case let .server(address) = try storeLocation() { throw CoachError.serverStoreUnavailable(address.redacted) }
    }

    /// The server `--store` names, or nil for a local store file.
    public func serverStoreAddress() throws -> ServerAddress? {
        if case let .server(address) = try storeLocation() { return address }
        return nil
    }

    /// Where `--store` points, read once per run.
    private func storeLocation() throws -> StoreLocation {
        if let parsedLocation { return parsedLocation }
        let location = try Self.location(paths.store)
        parsedLocation = location
        return location
    }

    /// `text` as a store location, with this process's `PG*` variables and home folder.
    private static func location(_ text: String) throws -> StoreLocation {
        let environment = ProcessInfo.processInfo.environment
        return try StoreLocation.parse(text, environment: environment, home: environment["HOME"] ?? NSHomeDirectory())
    }

    /// The PostgreSQL server `location` names (a URL read as psql reads it), for a command that
    /// works on an organisation store only; a file path is refused with `notAServerStore`.
    public func serverAddress(_ location: String, for command: String) throws -> ServerAddress {
        guard case let .server(address) = try Self.location(location) else {
            throw CoachError.notAServerStore(command)
        }
        return address
    }

    /// A connection to the organisation's server as `address.user`. When the server asks for a
    /// password that the URL, `PGPASSWORD` and `~/.pgpass` did not give, a person at a terminal
    /// is asked for it, as psql asks (not shown, not kept in the history).
    public func serverConnection(_ address: ServerAddress) throws -> ServerConnection {
        do {
            return try ServerConnection.open(address)
        } catch OrgStoreError.passwordRequired where isTerminal && reader != nil {
            guard case let .line(password) = reader!.readSecret(prompt: "Password for \(address.user): ") else {
                throw OrgStoreError.passwordRequired(address.redacted, user: address.user)
            }
            var withPassword = address
            withPassword.password = password
            return try ServerConnection.open(withPassword)
        }
    }

    /// The person at the keyboard, who must exist in the store.
    public func currentUser() throws -> Person {
        // On an organisation store the person is the login (`--as` and the rest were refused).
        if openedDatabase == nil, let organisation = try organisation() {
            let person = try organisation.me()
            organisationPerson = person
            return person
        }
        let database = try database()
        guard let name = userName else {
            if try database.peopleCount() == 0 { throw CoachError.emptyStore }
            throw CoachError.noUser
        }
        guard let person = try database.person(named: name) else {
            throw CoachError.unknownUser(name, suggestion: suggestion(for: name, among: try database.people().map(\.name)))
        }
        return person
    }

    /// The surveys: bundled ones and the survey folders' files, loaded once per run.
    public func catalog() -> SurveyCatalog {
        if let loadedCatalog { return loadedCatalog }
        var catalog = SurveyCatalog.load(
            directories: paths.surveyDirectories.map { URL(fileURLWithPath: $0) },
            embedded: paths.includesBundledSurveys ? BundledSurveys.files : [])
        // The organisation's versions: published in the store (an existing one; listing
        // surveys never creates a store), else bundled.
        let store: (any CatalogStore)? = openedDatabase ?? ((try? organisation()) ?? nil)
            ?? (FileManager.default.fileExists(atPath: paths.store) ? try? database() : nil)
        OrganisationCatalog.apply(to: &catalog, published: (try? store?.publishedSurveys()) ?? [])
        loadedCatalog = catalog
        return catalog
    }

    /// Makes `name` the person at the keyboard for the rest of this run.
    func switchUser(to name: String) { userName = name }
}
