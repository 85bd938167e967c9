import CoachCore
import CoachStore
import Foundation
import PostgresNIO

/// What a one-on-one reads about its rep, and what `due` reads, on the organisation store. The
/// policies decide what the login reads: a manager their reps' items, KPIs and sessions.
extension OrgDatabase {
    public func openActionItems(subjectID: Int64) throws -> [OpenActionItem] {
        try connection.query("""
            SELECT a.id, a.text, o.name, a.due, a.created_at, a.carried_count
            FROM coach.action_item a JOIN coach.person o ON o.id = a.owner_id
            WHERE a.subject_id = \(subjectID) AND a.status = 'open' ORDER BY a.created_at, a.id
            """).map { row in
            let (id, text, owner, due, created, carried) = try row.decode((Int64, String, String, String?, Date, Int).self)
            return OpenActionItem(id: id, text: text, owner: owner, due: due, created: DateAnswer.iso(created), carried: carried)
        }
    }

    public func openAgendaItems(personID: Int64, on day: String) throws -> [AgendaEntry] {
        try connection.query("""
            SELECT id, text, created_at FROM coach.agenda_item
            WHERE person_id = \(personID) AND status = 'open' AND (not_before IS NULL OR not_before <= \(day))
            ORDER BY created_at, id
            """).map { row in
            let (id, text, created) = try row.decode((Int64, String, Date).self)
            return AgendaEntry(id: id, text: text, created: DateAnswer.iso(created))
        }
    }

    public func target(personID: Int64, kpi: String, period: Period) throws -> Double? {
        try connection.query("""
            SELECT target FROM coach.goal WHERE person_id = \(personID) AND kpi = \(kpi) AND period = \(period.description)
            """).first?.decode(Double.self)
    }

    public func kpiActuals(personID: Int64, period: Period) throws -> [String: Double] {
        let rows = try connection.query("""
            SELECT kpi, actual FROM coach.kpi_actual WHERE person_id = \(personID) AND period = \(period.description)
            ORDER BY recorded_at, id
            """).map { try $0.decode((String, Double).self) }
        return Dictionary(rows, uniquingKeysWith: { $1 })
    }

    public func attainmentHistory(personID: Int64, upTo period: Period, months: Int) throws
        -> [(period: String, kpi: String, attainment: Double)] {
        try connection.query("""
            SELECT g.period, g.kpi, a.actual * 100.0 / g.target FROM coach.goal g
            JOIN coach.kpi_actual a ON a.person_id = g.person_id AND a.kpi = g.kpi AND a.period = g.period
            WHERE g.person_id = \(personID) AND g.period <= \(period.description) AND g.target > 0
              AND a.id = (SELECT id FROM coach.kpi_actual x WHERE x.person_id = g.person_id AND x.kpi = g.kpi
                          AND x.period = g.period ORDER BY x.recorded_at DESC, x.id DESC LIMIT 1)
            ORDER BY g.period DESC, g.kpi LIMIT \(months * 8)
            """).map { row in
            let (period, kpi, attainment) = try row.decode((String, String, Double).self)
            return (period: period, kpi: kpi, attainment: attainment)
        }
    }

    // MARK: - Due

    public func lastCompletions(of personName: String) throws -> [String: Date] {
        let person = try existingPerson(personName)
        let rows = try connection.query("""
            SELECT survey_id, max(completed_at) FROM coach.session
            WHERE subject_id = \(person.id ?? -1) AND author_id = \(person.id ?? -1) AND state = 'completed' GROUP BY survey_id
            """).map { try $0.decode((String, Date).self) }
        return Dictionary(rows, uniquingKeysWith: max)
    }

    public func lastOneOnOnes(managerName: String) throws -> [(rep: String, last: Date?)] {
        let manager = try existingPerson(managerName)
        let id = manager.id ?? -1
        return try connection.query("""
            SELECT p.name, (SELECT max(s.completed_at) FROM coach.session s WHERE s.subject_id = p.id
                            AND s.author_id = \(id) AND s.kind = 'one-on-one' AND s.state = 'completed' AND NOT s.draft)
            FROM coach.person p WHERE p.manager_id = \(id) ORDER BY lower(p.name), p.name
            """).map { row in
            let (rep, last) = try row.decode((String, Date?).self)
            return (rep: rep, last: last)
        }
    }

    public func latestOwnSession(of personName: String, surveyID: String) throws -> (id: Int64, completed: Date)? {
        let person = try existingPerson(personName)
        guard let row = try connection.query("""
            SELECT id, completed_at FROM coach.session WHERE subject_id = \(person.id ?? -1) AND author_id = \(person.id ?? -1)
              AND survey_id = \(surveyID) AND state = 'completed' ORDER BY completed_at DESC, id DESC LIMIT 1
            """).first else { return nil }
        let (id, completed) = try row.decode((Int64, Date).self)
        return (id: id, completed: completed)
    }

    // MARK: - Survey versions

    /// The kind and score definitions of a recorded version, cached in `survey_scoring`.
    public func surveyScoring(hash: String) throws -> SurveyScoring? {
        if let json = try connection.query("SELECT scoring FROM coach.survey_scoring WHERE hash = \(hash)").first?.decode(String.self),
           let cached = try? JSONDecoder().decode(SurveyScoring.self, from: Data(json.utf8)) {
            return cached
        }
        guard let survey = try recordedSurvey(hash: hash) else { return nil }
        let scoring = SurveyScoring(survey)
        if let json = try? String(decoding: JSONEncoder().encode(scoring), as: UTF8.self) {
            // The cache is only a shortcut: a refusal to write it still leaves the answer.
            _ = try? connection.query("""
                INSERT INTO coach.survey_scoring (hash, scoring) VALUES (\(hash), \(json)) ON CONFLICT (hash) DO NOTHING
                """)
        }
        return scoring
    }

    /// The version the latest completed session of `surveyID` ran, whoever may see that session
    /// (a draft's version aside): `coach.latest_survey_hash`.
    public func latestSurveyHash(surveyID: String) throws -> String? {
        try connection.query("SELECT coach.latest_survey_hash(\(surveyID))").first?.decode(String?.self)
    }
}
