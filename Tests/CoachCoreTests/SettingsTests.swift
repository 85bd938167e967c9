import CoachCore
import Foundation
import Testing

@Suite("Paths, config and colour resolution")
struct SettingsTests {
    let home = ["HOME": "/home/ana"]

    @Test("XDG defaults under HOME when nothing is set")
    func defaults() {
        let paths = CoachPaths.resolve(storeFlag: nil, surveysFlag: nil, environment: home, fileExists: { _ in false })
        #expect(paths.store == "/home/ana/.local/share/coach/coach.sqlite")
        #expect(paths.config == "/home/ana/.config/coach/config.yaml")
        #expect(paths.history == "/home/ana/.local/state/coach/history")
        #expect(paths.surveyDirectories.isEmpty)
        #expect(paths.includesBundledSurveys)
    }

    @Test("XDG variables move every file; relative ones are ignored as the spec says")
    func xdgVariables() {
        var environment = home
        environment["XDG_DATA_HOME"] = "/data"
        environment["XDG_CONFIG_HOME"] = "/conf"
        environment["XDG_STATE_HOME"] = "relative/state"
        let paths = CoachPaths.resolve(storeFlag: nil, surveysFlag: nil, environment: environment, fileExists: { _ in true })
        #expect(paths.store == "/data/coach/coach.sqlite")
        #expect(paths.config == "/conf/coach/config.yaml")
        #expect(paths.history == "/home/ana/.local/state/coach/history")
        #expect(paths.surveyDirectories == ["/conf/coach/surveys"])
        #expect(paths.includesBundledSurveys)
    }

    @Test("flags beat environment variables, which beat XDG defaults")
    func precedence() {
        var environment = home
        environment["COACH_STORE"] = "/env/store.sqlite"
        environment["COACH_SURVEYS"] = "/env/surveys"
        let fromEnvironment = CoachPaths.resolve(storeFlag: nil, surveysFlag: nil, environment: environment)
        #expect(fromEnvironment.store == "/env/store.sqlite")
        #expect(fromEnvironment.surveyDirectories == ["/env/surveys"])
        #expect(!fromEnvironment.includesBundledSurveys)

        let fromFlags = CoachPaths.resolve(storeFlag: "~/team.sqlite", surveysFlag: "/flag/surveys", environment: environment)
        #expect(fromFlags.store == "/home/ana/team.sqlite")
        #expect(fromFlags.surveyDirectories == ["/flag/surveys"])
        #expect(!fromFlags.includesBundledSurveys)
    }

    @Test("colour only on a terminal, never with --no-color, NO_COLOR or TERM=dumb")
    func color() {
        #expect(ColorChoice.useColor(noColorFlag: false, environment: ["TERM": "xterm"], outputIsTerminal: true))
        #expect(!ColorChoice.useColor(noColorFlag: false, environment: ["TERM": "xterm"], outputIsTerminal: false))
        #expect(!ColorChoice.useColor(noColorFlag: true, environment: ["TERM": "xterm"], outputIsTerminal: true))
        #expect(!ColorChoice.useColor(noColorFlag: false, environment: ["NO_COLOR": "1"], outputIsTerminal: true))
        #expect(ColorChoice.useColor(noColorFlag: false, environment: ["NO_COLOR": ""], outputIsTerminal: true))
        #expect(!ColorChoice.useColor(noColorFlag: false, environment: ["TERM": "dumb"], outputIsTerminal: true))
    }

    @Test("config: user, privacy.min_group and support")
    func parsesConfig() throws {
        let config = try CoachConfig.parse("user: Dana\nprivacy:\n  min_group: 7\nsupport: Call 0800\n", file: "c.yaml")
        #expect(config == CoachConfig(user: "Dana", minGroup: 7, support: "Call 0800"))
        #expect(try CoachConfig.parse("", file: "c.yaml") == CoachConfig())
    }

    @Test("config problems name file, line and column")
    func configProblems() {
        #expect(throws: ConfigError(file: "c.yaml", line: 2, column: 1, message: "unknown setting 'usr' (known: user, privacy, support, kpi_import)")) {
            try CoachConfig.parse("support: x\nusr: Dana\n", file: "c.yaml")
        }
        #expect(throws: ConfigError(file: "c.yaml", line: 2, column: 14, message: "privacy.min_group is 2; it may not be below 3")) {
            try CoachConfig.parse("privacy:\n  min_group: 2\n", file: "c.yaml")
        }
        do {
            _ = try CoachConfig.parse("user: [Dana\n", file: "c.yaml")
            Issue.record("a broken config parsed")
        } catch {
            #expect(error.description.hasPrefix("c.yaml:"))
            #expect(error.description.contains("not valid YAML"))
        }
    }

    @Test("saving the user keeps the other settings")
    func savesUser() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        let path = folder.appendingPathComponent("coach/config.yaml").path
        try CoachConfig.saveUser("Ana Lima", path: path)
        #expect(try CoachConfig.load(path: path).user == "Ana Lima")
        try "# mine\nprivacy:\n  min_group: 6\nuser: Old\n".write(toFile: path, atomically: true, encoding: .utf8)
        try CoachConfig.saveUser("Dana \"D\"", path: path)
        let config = try CoachConfig.load(path: path)
        #expect(config.user == "Dana \"D\"")
        #expect(config.minGroup == 6)
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("# mine\n"))
        try? FileManager.default.removeItem(at: folder)
    }

    @Test("periods are YYYY-MM and nothing else")
    func periods() {
        #expect(Period("2026-11")?.description == "2026-11")
        for bad in ["2026-13", "2026-00", "26-01", "2026-1", "2026/11", "", "２０２６-11", "2026-11-01"] {
            #expect(Period(bad) == nil, "\(bad)")
        }
        #expect(Period("2026-01")! < Period("2026-11")!)
    }
}
