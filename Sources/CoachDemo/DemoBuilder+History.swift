import CoachCore
import CoachScoring
import CoachStore
import Foundation

// One rep's history: goals, and the week-by-week check-ins, one-on-ones and quizzes.
extension DemoBuilder {
    struct OpenItem {
        var id: Int64
        var text: String
        var carried: Int
        /// `YYYY-MM-DD`: a follow-up is on the agenda from this day on.
        var notBefore: String? = nil
    }

    enum Event {
        case who5, cbi, weekly, oneOnOne, quiz(SessionPhase)
    }

    func history(of rep: DemoPlan.Rep, plan: DemoPlan, team: DemoPlan.Team, repID: Int64,
                 managerID: Int64, batch: DemoBatch) throws {
        var rng = SplitMix64(seed: options.seed, stream: 1_000 + UInt64(rep.index))
        let weeks = plan.mondays.count
        let manager = team.manager

        // Goals: every month from the rep's first week to the current month.
        var goals: [ImportedGoal] = []
        var month = Period(containing: plan.mondays[rep.joinWeek], calendar: DemoPlan.utc)
        let lastMonth = Period(containing: options.now, calendar: DemoPlan.utc)
        var monthIndex = 0
        while month <= lastMonth {
            let first = DemoPlan.utc.date(from: DateComponents(year: month.year, month: month.month, day: 1, hour: 8))!
            for kpi in DemoPlan.kpis {
                goals.append(ImportedGoal(personID: repID, kpi: kpi, period: month,
                                          target: target(kpi, rep: rep, monthIndex: monthIndex),
                                          setByID: managerID, setAt: max(first, rep.createdAt)))
            }
            monthIndex += 1
            month = month.month == 12 ? Period(year: month.year + 1, month: 1)! : Period(year: month.year, month: month.month + 1)!
        }
        batch.goals.append(PreparedGoals(goals))
        summary.goals += goals.count
        let firstMonth = Period(containing: plan.mondays[rep.joinWeek], calendar: DemoPlan.utc)

        // Quiz weeks: the team's training, or for a new hire shortly after joining.
        var preWeek = rep.persona == .newHire ? rep.joinWeek : team.trainingWeek
        var postWeek = rep.persona == .newHire ? rep.joinWeek + 3 : team.trainingWeek + 2
        if postWeek >= weeks { postWeek = weeks - 1 }
        if preWeek > postWeek { preWeek = postWeek }

        var openActions: [OpenItem] = []
        var openAgenda: [OpenItem] = []
        var previousMonday: Date?
        var lastBurnoutPeriod: String?
        let span = Double(max(1, weeks - 1 - rep.joinWeek))

        for w in rep.joinWeek..<weeks {
            let monday = plan.mondays[w]
            let week = plan.weekKeys[w]
            defer { previousMonday = monday }
            if rep.vacationWeeks.contains(w) { continue }
            let x = Double(w - rep.joinWeek) / span
            let compliance = rep.trajectory.compliance(x)
            var events: [(Date, Event)] = []
            func at(_ day: Int, _ hour: Int) -> Date {
                monday.addingTimeInterval(Double(day * 86_400 + hour * 3_600 + rng.int(0...59) * 60))
            }
            if rng.chance(compliance) { events.append((at(rng.int(0...4), rng.int(8...17)), .who5)) }
            if rng.chance(compliance - 0.04) { events.append((at(rng.int(3...4), rng.int(13...17)), .weekly)) }
            let newMonth = previousMonday.map { DemoPlan.utc.component(.month, from: $0) != DemoPlan.utc.component(.month, from: monday) } ?? true
            if newMonth, rng.chance(0.85 * compliance + 0.1) { events.append((at(rng.int(0...2), rng.int(9...16)), .cbi)) }
            if (w - rep.joinWeek) % rep.cadence == 0, rng.chance(0.9) {
                events.append((at(rng.int(1...3), rng.int(10...15)), .oneOnOne))
            }
            if rep.takesQuiz {
                if w == preWeek { events.append((at(0, 9), .quiz(.pre))) }
                if w == postWeek { events.append((at(4, 15), .quiz(.post))) }
            }
            events.sort { $0.0 < $1.0 }

            for (date, event) in events {
                switch event {
                case .who5:
                    let level = rep.trajectory.wellbeing(x)
                    let answers = checkin(who5, date: date, rng: &rng) { _ in level }
                    try store(who5, answers: answers, subject: repID, author: repID, date: date,
                              periodKey: week, batch: batch)
                case .cbi:
                    // Monthly: a rep who joined on the last days of a month did it for the next.
                    let period = Period(containing: date, calendar: DemoPlan.utc).description
                    guard period != lastBurnoutPeriod else { continue }
                    lastBurnoutPeriod = period
                    let level = rep.trajectory.burnout(x)
                    let answers = checkin(cbi, date: date, rng: &rng, skip: 0.03) { _ in level }
                    try store(cbi, answers: answers, subject: repID, author: repID, date: date,
                              periodKey: period, batch: batch)
                case .weekly:
                    let m = rep.trajectory.motivation(x), wb = rep.trajectory.wellbeing(x)
                    let learning = rep.trajectory.learning(x)
                    let answers = checkin(weekly, date: date, rng: &rng) { id in
                        switch id {
                        case "workload", "focus": return 0.5 * m + 0.5 * wb
                        case "learned", "learning_applied": return learning
                        case "motivated", "recognised": return m
                        default: return 0.75 * m + 0.2
                        }
                    }
                    let stored = try store(weekly, answers: answers, subject: repID, author: repID, date: date,
                                           periodKey: week, batch: batch)
                    for (id, text) in zip(stored.newAgendaIDs, stored.agendaTexts) {
                        openAgenda.append(OpenItem(id: id, text: text, carried: 0))
                    }
                case .oneOnOne:
                    let (answers, effects) = meeting(rep: rep, x: x, date: date, manager: manager,
                                          actions: &openActions, agenda: &openAgenda, rng: &rng,
                                          target: { kpi in
                                              let period = Period(containing: date, calendar: DemoPlan.utc)
                                              let index = (period.year - firstMonth.year) * 12 + period.month - firstMonth.month
                                              return self.target(kpi, rep: rep, monthIndex: index)
                                          })
                    let stored = try store(oneOnOne, answers: answers, subject: repID, author: managerID, date: date,
                                           periodKey: week, effects: effects, batch: batch)
                    for (id, text) in zip(stored.newActionIDs, stored.actionTexts) {
                        openActions.append(OpenItem(id: id, text: text, carried: 0))
                    }
                case .quiz(let phase):
                    let answers = quizAttempt(rep: rep, phase: phase, plan: plan, rng: &rng)
                    let stored = try store(quiz, answers: answers, subject: repID, author: repID, date: date,
                                           periodKey: nil, phase: phase, batch: batch)
                    for (id, followUp) in zip(stored.newAgendaIDs.suffix(stored.followUps.count), stored.followUps) {
                        openAgenda.append(OpenItem(id: id, text: followUp.text, carried: 0, notBefore: followUp.notBefore))
                    }
                }
            }
        }
    }

    private func target(_ kpi: String, rep: DemoPlan.Rep, monthIndex: Int) -> Double {
        switch kpi {
        case "revenue": return ((rep.revenueBase * (1 + 0.01 * Double(monthIndex))) / 500).rounded() * 500
        case "new_customers": return rep.customersBase
        case "conversion_rate": return rep.conversionBase
        default: return rep.satisfactionBase
        }
    }
}
